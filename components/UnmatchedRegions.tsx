import type { UnmatchedRegion } from '../lib/engine/types';
import { kindWhyKey, type Translate } from './i18n';
import { segmentRegion } from '../lib/present/side-by-side';

export interface UnmatchedRegionsProps {
  regions: readonly UnmatchedRegion[];
  pageText: string;
  /** A spun form was clicked: `region` indexes `regions` (all of them, not only the scrambled ones). */
  onSelectSign?: (region: number, sign: number) => void;
  t: Translate;
}

const preview = (s: string, n = 48) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
};

const lines = (s: string) => s.split(/\r?\n/).filter((l) => l.trim().length > 0);

/**
 * Scrambled text whose original is not in the corpus: the page's text with its
 * spun forms marked, beside the reading the reversed lexicon restores. The
 * restored text is a reconstruction, never presented as an original: it has
 * its own label, its own look, and a note saying so.
 */
export function UnmatchedRegions({ regions, pageText, onSelectSign, t }: UnmatchedRegionsProps) {
  // Keep each region's index in the report: the content script finds a sign by it.
  const scrambled = regions.map((r, index) => ({ r, index })).filter(({ r }) => r.scrambled);
  if (scrambled.length === 0) return null;
  return (
    <section className="yw-unmatched">
      <h3>{t('popup.unmatchedTitle', [scrambled.length])}</h3>
      <p className="yw-note">{t('popup.unmatchedNote')}</p>
      {scrambled.map(({ r, index: ri }, i) => {
        const paras = segmentRegion(
          pageText,
          r.page,
          r.signs.map((s, index) => ({ span: s.page, index, kind: s.distorting ? 'distorting' : 'spin' })),
        );
        const restored = r.restored ?? '';
        return (
          <details key={r.page.start} className="yw-region" open={i === 0} data-region={ri} data-start={r.page.start} data-end={r.page.end}>
            <summary>
              <span className={`yw-chip yw-k-scrambled`} title={t(kindWhyKey('scrambled'))}>
                {t('popup.unmatchedSigns', [r.signs.length])}
              </span>{' '}
              {preview(pageText.slice(r.page.start, r.page.end))}
            </summary>
            <div className="yw-region-cols">
              <div className="yw-region-page" lang="zh-CN">
                <div className="yw-col-label">{t('popup.unmatchedPage')}</div>
                {paras.map((p) => (
                  <p key={p.start} className="yw-para">
                    {p.segments.map((s) => {
                      if (s.differenceIndex === undefined) return <span key={s.start}>{s.text}</span>;
                      const sign = r.signs[s.differenceIndex];
                      return (
                        <mark
                          key={s.start}
                          className={`yw-mark yw-k-${s.kind}`}
                          data-sign={s.differenceIndex}
                          title={sign ? `${sign.pageText} → ${sign.original}` : undefined}
                          onClick={onSelectSign ? () => onSelectSign(ri, s.differenceIndex!) : undefined}
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
                {lines(restored).map((l, k) => (
                  <p key={k} className="yw-para">
                    {l}
                  </p>
                ))}
              </div>
            </div>
          </details>
        );
      })}
    </section>
  );
}
