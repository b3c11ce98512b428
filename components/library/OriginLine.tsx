// Where a matched reference came from: bundled with the extension, or the
// reader's library (and from which address, how, when).
import type { ReferenceOrigin } from '../../lib/library/protocol';
import type { MessageKey, Translate } from '../i18n';

export function OriginLine({ origin, t }: { origin: ReferenceOrigin | undefined; t: Translate }) {
  if (!origin || origin.kind === 'unknown') return null;
  if (origin.kind === 'bundled') return <span className="yw-origin">{t('library.origin.bundled')}</span>;
  const first = origin.sources[0];
  return (
    <span className="yw-origin">
      {t('library.origin.library')}
      {first ? ` · ${t(`library.origin.via.${first.via.replace(/-/g, '_')}` as MessageKey)}` : ''}
      {first?.capturedAt ? ` · ${first.capturedAt.slice(0, 10)}` : ''}
      {origin.sources.map((s, i) =>
        s.url ? (
          <span key={i}>
            {' · '}
            <a href={s.url} target="_blank" rel="noreferrer noopener">
              {t('library.origin.from', [hostOf(s.url)])}
            </a>
          </span>
        ) : null,
      )}
    </span>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
