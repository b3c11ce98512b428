import { useState, type ReactNode } from 'react';
import type { CorpusSource } from '../lib/engine/types';
import type { Settings } from '../lib/settings';
import type { Translate } from './i18n';
import { ReferenceList } from './ReferenceList';
import { ReferenceViewer } from './ReferenceViewer';
import { SettingsForm } from './SettingsForm';
import { SiteSettings } from './SiteSettings';

export interface OptionsViewProps {
  corpus: CorpusSource;
  /** Undefined while the stored settings are being read. */
  settings?: Settings;
  onSettingsChange: (next: Settings) => void;
  /** Shown briefly after a change was stored. */
  savedNotice?: boolean;
  initialSelectedId?: string;
  /** The reader's library (components/library/LibraryView, wired by the options entrypoint). */
  library?: ReactNode;
  t: Translate;
}

export function OptionsView({ corpus, settings, onSettingsChange, savedNotice, initialSelectedId, library, t }: OptionsViewProps) {
  const [selectedId, setSelectedId] = useState<string | undefined>(initialSelectedId);
  const entry = corpus.entries.find((e) => e.id === selectedId);
  return (
    <main className="yw-options">
      <h1>{t('options.title')}</h1>
      <section className="yw-options-settings" aria-labelledby="yw-settings-h">
        <h2 id="yw-settings-h">
          {t('options.settings')} {savedNotice ? <span className="yw-saved" role="status">{t('options.saved')}</span> : null}
        </h2>
        {settings ? <SettingsForm settings={settings} onChange={onSettingsChange} t={t} /> : null}
        {settings ? <SiteSettings settings={settings} onChange={onSettingsChange} t={t} /> : null}
      </section>
      <section className="yw-options-refs" aria-label={t('options.libraryLabel')}>
        <ReferenceList entries={corpus.entries} selectedId={selectedId} onSelect={setSelectedId} t={t} />
        <ReferenceViewer entry={entry} fileText={entry ? corpus.files[entry.file] : undefined} t={t} />
      </section>
      {library}
    </main>
  );
}
