import type { UnmatchedRegion } from '../lib/engine/types';
import type { Finding } from '../lib/present/findings';
import type { DisplayKind } from '../lib/present/kinds';
import { segmentRegion } from '../lib/present/side-by-side';
import { describeFinding } from './SideBySide';
import type { Translate } from './i18n';

export interface UnmatchedRegionsProps {
  regions: readonly UnmatchedRegion[];
  pageText: string;
  /** The finding of a spun form: `region` indexes `regions` (all of them, not only the scrambled ones). */
  findingOf: (region: number, sign: number) => Finding | undefined;
  selected?: string;
  shown: (kind: DisplayKind) => boolean;
  onSelect: (f: Finding) => void;
  t: Translate;
}

const lines = (s: string) => s.split(/\r?\n/).filter((l) => l.trim().length > 0);

/**
 * Spun text whose original is not in the corpus: the page's text with its
 * spun forms marked (the same kinds and colours as inside a match), beside
 * the reading the reversed lexicon restores. The restored text is a
 * reconstruction, never presented as an original: it has its own label, its
 * own look, and a note saying so.
 */
export function UnmatchedRegions({ regions, pageText, findingOf, selected, shown, onSelect, t }: UnmatchedRegionsProps) {
  const scrambled = regions.map((r, index) => ({ r, index })).filter(({ r }) => r.scrambled);
  if (scrambled.length === 0) return null;
  return (
    <section className="yw-unmatched yw-scroll" tabIndex={0} role="region" aria-label={t('popup.unmatchedTitle', [scrambled.length])}>
      <p className="yw-note">{t('popup.unmatchedNote')}</p>
      {scrambled.map(({ r, index: ri }) => {
        const paras = segmentRegion(
          pageText,
          r.page,
          r.signs.map((s, index) => ({ span: s.page, index, kind: s.distorting ? 'distorting' : 'spin' })),
        );
        return (
          <div key={r.page.start} className="yw-region" data-region={ri} data-start={r.page.start} data-end={r.page.end}>
            <div className="yw-region-cols">
              <div className="yw-region-page" lang="zh-CN">
                <div className="yw-col-label">{t('popup.unmatchedPage')}</div>
                {paras.map((p) => (
                  <p key={p.start} className="yw-para">
                    {p.segments.map((s) => {
                      const f = s.differenceIndex === undefined ? undefined : findingOf(ri, s.differenceIndex);
                      if (!f) return <span key={s.start}>{s.text}</span>;
                      const on = f.id === selected;
                      return (
                        <mark
                          key={s.start}
                          className={`yw-mark yw-k-${f.kind}${shown(f.kind) ? '' : ' yw-dim'}${on ? ' yw-selected' : ''}`}
                          data-finding={f.id}
                          data-sign={s.differenceIndex}
                          role="button"
                          tabIndex={on ? 0 : -1}
                          aria-pressed={on}
                          title={describeFinding(f, t)}
                          onClick={() => onSelect(f)}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter' || e.key === ' ') {
                              e.preventDefault();
                              onSelect(f);
                            }
                          }}
                        >
                          {s.text}
                        </mark>
                      );
                    })}
                  </p>
                ))}
              </div>
              <div className="yw-region-restored" lang="zh-CN" data-reconstruction="true">
                <div className="yw-col-label yw-reconstruction-label">{t('popup.unmatchedRestored')}</div>
                {lines(r.restored ?? '').map((l, k) => (
                  <p key={k} className="yw-para">
                    {l}
                  </p>
                ))}
              </div>
            </div>
          </div>
        );
      })}
    </section>
  );
}
