import { useEffect, useRef, useState } from 'react';
import type { Difference } from '../lib/engine/types';
import { markKind } from './side-by-side';
import { kindLabelKey, kindWhyKey, subkindKey, type Translate } from './i18n';
import { Legend } from './Legend';
import type { Paragraph, SideBySideModel } from './side-by-side';

export interface SideBySideProps {
  model: SideBySideModel;
  differences: readonly Difference[];
  /** Index of the difference to bring into view and outline on both sides. */
  selected?: number;
  onSelect?: (differenceIndex: number) => void;
  t: Translate;
}

/** Tooltip of a marked segment: kind, both wordings, why it was flagged. */
export function describeDifference(d: Difference, t: Translate): string {
  const kind = markKind(d);
  const head = d.kind === 'alteration' ? `${t(kindLabelKey(kind))}（${t(subkindKey(d.subkind))}）` : d.kind === 'move' ? t('common.moved') : t(kindLabelKey(kind));
  const words = `${t('common.original')}：${d.refText || '∅'}\n${t('common.page')}：${d.pageText || '∅'}`;
  return `${head}\n${words}\n${t(kindWhyKey(kind))}`;
}

/**
 * The original and the page's version, paragraph beside paragraph. Text is
 * rendered from the raw slices only (the model guarantees the segments tile
 * them), so what a reader sees is exactly what each side says. A difference
 * with nothing on one side shows a marker there, drawn by CSS so the DOM text
 * stays the raw text.
 */
export function SideBySide({ model, differences, selected, onSelect, t }: SideBySideProps) {
  const body = useRef<HTMLDivElement>(null);
  // The difference under the pointer is outlined on both sides, so the eye finds its counterpart.
  const [hovered, setHovered] = useState<number | undefined>(undefined);
  useEffect(() => {
    // Scroll only this box (not the whole popup), so the list the reader clicked stays where it is.
    const box = body.current;
    if (!box || selected === undefined) return;
    const el = box.querySelector<HTMLElement>(`[data-diff="${selected}"]`);
    if (el) box.scrollTop = Math.max(0, el.offsetTop - box.clientHeight / 3);
  }, [selected]);

  const renderParagraph = (p: Paragraph, side: 'ref' | 'page') => (
    <p key={p.start} className="yw-para" data-start={p.start} data-end={p.end}>
      {p.segments.map((s) => {
        if (s.differenceIndex === undefined) return <span key={s.start}>{s.text}</span>;
        const d = differences[s.differenceIndex];
        const cls = `${s.text ? 'yw-mark' : 'yw-marker'} yw-k-${s.kind}${s.differenceIndex === selected ? ' yw-selected' : ''}${s.differenceIndex === hovered ? ' yw-hover' : ''}`;
        return (
          <mark
            key={`${s.start}-${s.differenceIndex}`}
            className={cls}
            data-diff={s.differenceIndex}
            data-side={side}
            title={d ? describeDifference(d, t) : undefined}
            onClick={onSelect ? () => onSelect(s.differenceIndex!) : undefined}
            onMouseEnter={() => setHovered(s.differenceIndex)}
            onMouseLeave={() => setHovered(undefined)}
          >
            {s.text}
          </mark>
        );
      })}
    </p>
  );

  return (
    <section className="yw-sbs" aria-label={t('popup.sideBySide')}>
      <Legend t={t} />
      <div className="yw-sbs-head" aria-hidden="true">
        <div>{t('common.original')}</div>
        <div>{t('common.page')}</div>
      </div>
      <div className="yw-sbs-body" ref={body}>
        {model.rows.map((row, i) => (
          <div key={i} className="yw-sbs-row">
            <div className="yw-sbs-cell yw-sbs-ref" lang="zh-CN">
              {row.ref.length ? row.ref.map((p) => renderParagraph(p, 'ref')) : <p className="yw-para yw-para-empty">{t('popup.emptyRef')}</p>}
            </div>
            <div className="yw-sbs-cell yw-sbs-page" lang="zh-CN">
              {row.page.length ? row.page.map((p) => renderParagraph(p, 'page')) : <p className="yw-para yw-para-empty">{t('popup.emptyPage')}</p>}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
