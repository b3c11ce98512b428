import { useState } from 'react';
import { validServerUrl, type Settings } from '../lib/settings';
import type { Translate } from './i18n';

export interface OnlineLookupFormProps {
  settings: Settings;
  onChange: (next: Settings) => void;
  t: Translate;
}

/** The "online lookup" option: off by default; a server URL (http/https) and an optional key. */
export function OnlineLookupForm({ settings, onChange, t }: OnlineLookupFormProps) {
  const online = settings.online;
  // The address is saved only once it is a usable URL; what is typed meanwhile stays in the field.
  const [draft, setDraft] = useState(online.serverUrl);
  const draftValid = draft === '' || validServerUrl(draft);
  const set = (next: Partial<Settings['online']>) => onChange({ ...settings, online: { ...online, ...next } });
  return (
    <fieldset>
      <legend>{t('online.label')}</legend>
      <p className="yw-muted yw-small">{t('online.privacy')}</p>
      <label className="yw-check">
        <input
          type="checkbox"
          name="online-enabled"
          checked={online.enabled}
          disabled={online.serverUrl === ''}
          onChange={(e) => set({ enabled: e.currentTarget.checked })}
        />
        <span>{t('online.enable')}</span>
      </label>
      <label className="yw-block">
        <span className="yw-small yw-block">{t('online.server')}</span>
        <input
          type="url"
          name="online-server"
          placeholder="https://"
          value={draft}
          aria-invalid={!draftValid}
          style={{ width: '100%', boxSizing: 'border-box' }}
          onChange={(e) => {
            const value = e.currentTarget.value.trim();
            setDraft(value);
            if (value === '') set({ serverUrl: '', enabled: false });
            else if (validServerUrl(value)) set({ serverUrl: value });
          }}
        />
      </label>
      {!draftValid && <p className="yw-warning">{t('online.serverInvalid')}</p>}
      <label className="yw-block">
        <span className="yw-small yw-block">{t('online.key')}</span>
        <input type="password" name="online-key" autoComplete="off" style={{ width: '100%', boxSizing: 'border-box' }} value={online.key} onChange={(e) => set({ key: e.currentTarget.value })} />
      </label>
    </fieldset>
  );
}
