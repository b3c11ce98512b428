import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import type { DisplayKind } from '../lib/present/kinds';
import { labelKey, whyKey } from '../lib/present/kinds';
import type { Finding } from '../lib/present/findings';
import { memoT } from '../lib/present/text';
import { mountedSlots, rowSlots, type Paragraph, type RowSlot, type SideBySideModel } from '../lib/present/side-by-side';
import type { Translate } from './i18n';

export interface Passage {
  /** Index into report.matches. */
  match: number;
  model: SideBySideModel;
}

export interface SideBySideProps {
  passages: readonly Passage[];
  /** Finding ids by match and difference index: a mark's finding. */
  findingOf: (match: number, difference: number) => Finding | undefined;
  selected?: string;
  /** Kinds shown in colour; the others are dimmed (the filter). */
  shown: (kind: DisplayKind) => boolean;
  /** Only changed paragraphs, each with one unchanged paragraph of context around it. */
  changedOnly: boolean;
  onSelect: (f: Finding) => void;
  /** Called once every row is mounted (the rows mount a screen at a time, see mountOptions). */
  onMounted?: () => void;
  /** Mount the rows a chunk at a time (the default); static renders (tests) want every row at once. */
  progressive?: boolean;
  t: Translate;
}

/** Accessible description of a finding: kind, both wordings, why it was flagged. */
export function describeFinding(f: Pick<Finding, 'kind' | 'refText' | 'pageText'>, translate: Translate): string {
  const t = memoT(translate);
  const none = t('popup.nothing');
  return `${t(labelKey(f.kind))}：${t('common.original')}“${f.refText.trim() || none}”，${t('common.page')}“${f.pageText.trim() || none}”。${t(whyKey(f.kind))}`;
}

/**
 * The original and the page's version, paragraph beside paragraph. Text is
 * rendered from the raw slices only (the model guarantees the segments tile
 * them), so what a reader sees is exactly what each side says. A difference
 * with nothing on one side shows a caret there, drawn by CSS so the DOM text
 * stays the raw text. Marks are buttons in a roving tab order: Tab reaches the
 * selected one, n and p step through the rest.
 */
export function SideBySide({ passages, findingOf, selected, shown, changedOnly, onSelect, onMounted, progressive = true, t }: SideBySideProps) {
  const body = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<string | undefined>(undefined);
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());

  const keep = (match: number) => (s: { differenceIndex?: number }) => {
    const f = s.differenceIndex === undefined ? undefined : findingOf(match, s.differenceIndex);
    return !!f && shown(f.kind);
  };
  const slots: RowSlot[][] = useMemo(() => passages.map(({ match, model }) => rowSlots(model, changedOnly, 1, keep(match))), [passages, changedOnly, findingOf, shown]);
  // Mount the first screen of rows now and the rest in later chunks, each after the browser painted the last.
  const total = slots.reduce((n, s) => n + s.length, 0);
  const [chunks, setChunks] = useState(0);
  const limit = progressive ? mountedSlots(total, chunks) : total;
  const allMounted = limit === total;
  useEffect(() => {
    if (allMounted) return;
    const timer = setTimeout(() => startTransition(() => setChunks((c) => c + 1)), 0);
    return () => clearTimeout(timer);
  }, [allMounted, limit]);
  const mountedRef = useRef(onMounted);
  mountedRef.current = onMounted;
  useEffect(() => {
    if (allMounted) mountedRef.current?.();
  }, [allMounted]);

  useEffect(() => {
    // Scroll only this box (not the whole view), so the list the reader clicked stays where it is.
    const box = body.current;
    if (!box || selected === undefined) return;
    const el = box.querySelector<HTMLElement>(`[data-finding="${selected}"]`);
    if (!el) return;
    const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 24) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    // Again once every row is mounted: a finding chosen early may sit in a row not mounted yet.
  }, [selected, allMounted]);

  const renderParagraph = (p: Paragraph, side: 'ref' | 'page', match: number) => (
    <p key={p.start} className="yw-para" data-start={p.start} data-end={p.end}>
      {p.segments.map((s) => {
        if (s.differenceIndex === undefined) return <span key={s.start}>{s.text}</span>;
        const f = findingOf(match, s.differenceIndex);
        if (!f) return <span key={s.start}>{s.text}</span>;
        const isSelected = f.id === selected;
        const cls = `${s.text ? 'yw-mark' : 'yw-marker'} yw-k-${f.kind}${shown(f.kind) ? '' : ' yw-dim'}${isSelected ? ' yw-selected' : ''}${f.id === hovered ? ' yw-hover' : ''}`;
        return (
          <mark
            key={`${s.start}-${s.differenceIndex}`}
            className={cls}
            data-finding={f.id}
            data-diff={s.differenceIndex}
            data-side={side}
            data-kind={f.kind}
            role="button"
            tabIndex={isSelected ? 0 : -1}
            aria-label={s.text ? undefined : describeFinding(f, t)}
            aria-pressed={isSelected}
            title={describeFinding(f, t)}
            onClick={() => onSelect(f)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(f);
              }
            }}
            onMouseEnter={() => setHovered(f.id)}
            onMouseLeave={() => setHovered(undefined)}
          >
            {s.text}
          </mark>
        );
      })}
    </p>
  );

  // Slots before each passage, so the chunk limit counts across passages.
  const before = slots.map((_, i) => slots.slice(0, i).reduce((n, s) => n + s.length, 0));

  return (
    <section className="yw-sbs" aria-label={t('popup.sideBySide')}>
      <div className="yw-sbs-head" aria-hidden="true">
        <div>{t('common.original')}</div>
        <div>{t('common.page')}</div>
      </div>
      {/* One scroll box, reachable by keyboard (axe: scrollable regions must be focusable). */}
      <div className="yw-sbs-body yw-scroll" ref={body} tabIndex={0} role="region" aria-label={t('popup.sideBySideBody')}>
        {passages.map(({ match, model }, pi) => before[pi]! >= limit ? null : (
          <div key={match} className="yw-passage" data-match={match}>
            {passages.length > 1 ? <div className="yw-passage-head">{t('popup.passageOf', [pi + 1, passages.length])}</div> : null}
            {slots[pi]!.slice(0, Math.max(0, limit - before[pi]!)).map((slot) => {
              if (slot.type === 'fold') {
                const key = `${match}:${slot.from}`;
                if (!opened.has(key)) {
                  return (
                    <button key={key} type="button" className="yw-fold" onClick={() => setOpened(new Set([...opened, key]))}>
                      {t('popup.unchangedRows', [slot.to - slot.from])}
                    </button>
                  );
                }
                return model.rows.slice(slot.from, slot.to).map((row, k) => <Row key={`${key}:${k}`} row={row} match={match} render={renderParagraph} t={t} />);
              }
              return <Row key={slot.index} row={model.rows[slot.index]!} match={match} render={renderParagraph} t={t} />;
            })}
          </div>
        ))}
      </div>
    </section>
  );
}

function Row({ row, match, render, t }: { row: SideBySideModel['rows'][number]; match: number; render: (p: Paragraph, side: 'ref' | 'page', match: number) => React.ReactNode; t: Translate }) {
  return (
    <div className="yw-sbs-row">
      <div className="yw-sbs-cell yw-sbs-ref" lang="zh-CN">
        {row.ref.length ? row.ref.map((p) => render(p, 'ref', match)) : <p className="yw-para yw-para-empty">{t('popup.emptyRef')}</p>}
      </div>
      <div className="yw-sbs-cell yw-sbs-page" lang="zh-CN">
        {row.page.length ? row.page.map((p) => render(p, 'page', match)) : <p className="yw-para yw-para-empty">{t('popup.emptyPage')}</p>}
      </div>
    </div>
  );
}
