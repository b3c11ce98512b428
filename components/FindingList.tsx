import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Finding, PairGroup } from '../lib/present/findings';
import { labelKey } from '../lib/present/kinds';
import { formatNumber } from '../lib/present/text';
import { describeFinding } from './SideBySide';
import type { Translate } from './i18n';

export interface FindingListProps {
  groups: readonly PairGroup[];
  selected?: string;
  onSelect: (f: Finding) => void;
  /** Text around each place, by finding id (page side), for telling repeated pairs apart. */
  contextOf: (f: Finding) => { before: string; after: string };
  t: Translate;
}

/** Fixed row height (CSS .yw-row height): the list is virtualized, so rows are never measured. */
export const rowHeight = 32;

type Item = { type: 'group'; group: PairGroup } | { type: 'place'; group: PairGroup; finding: Finding; n: number };

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function Wording({ text, className, t }: { text: string; className: string; t: Translate }) {
  const flat = squash(text);
  return flat ? <span className={className}>{flat}</span> : <span className={`${className} yw-none`}>{t('popup.nothing')}</span>;
}

/** A changed number, or a single character, needs its neighbours to be read. */
const isShort = (f: Finding) => (f.kind === 'number' && squash(f.refText).length <= 4 && squash(f.pageText).length <= 4) || Math.max(squash(f.refText).length, squash(f.pageText).length) <= 1;

function ShortPair({ f, around, t }: { f: Finding; around: { before: string; after: string }; t: Translate }) {
  const before = around.before.slice(-2);
  const after = around.after.slice(0, 2);
  return (
    <>
      <span className="yw-diff-ref">
        {before}
        <u>{squash(f.refText)}</u>
        {after}
      </span>
      <span className="yw-arrow" aria-label={t('popup.becomes')}>
        →
      </span>
      <span className="yw-diff-page">
        {before}
        <u>{squash(f.pageText)}</u>
        {after}
      </span>
    </>
  );
}

/**
 * The findings as pairs, worst kind first, repeated pairs grouped (工作→服务
 * ×34) and expandable to each place. Virtualized: only the rows in view are
 * in the DOM, so 450 differences cost what 15 do.
 */
export function FindingList({ groups, selected, onSelect, contextOf, t }: FindingListProps) {
  const box = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const groupOf = useMemo(() => {
    const m = new Map<string, PairGroup>();
    for (const g of groups) for (const f of g.findings) m.set(f.id, g);
    return m;
  }, [groups]);
  // The selected finding's group opens, so the selection is always a visible row.
  const selectedGroup = selected === undefined ? undefined : groupOf.get(selected);
  const isOpen = (g: PairGroup) => g.findings.length > 1 && (open.has(g.id) || g === selectedGroup);
  const items = useMemo(() => {
    const out: Item[] = [];
    for (const g of groups) {
      out.push({ type: 'group', group: g });
      if (isOpen(g)) g.findings.forEach((finding, n) => out.push({ type: 'place', group: g, finding, n }));
    }
    return out;
  }, [groups, open, selectedGroup]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => box.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    // Before the first layout (and in tests without layout) render a popup's worth of rows.
    initialRect: { width: 360, height: 320 },
  });

  const selectedIndex = items.findIndex((it) => (it.type === 'place' ? it.finding.id === selected : it.group.findings.length === 1 && it.group.findings[0]!.id === selected));
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  if (groups.length === 0) return <p className="yw-muted yw-list-empty">{t('popup.noDifferences')}</p>;

  const toggle = (g: PairGroup) => {
    const next = new Set(open);
    if (isOpen(g)) next.delete(g.id);
    else next.add(g.id);
    setOpen(next);
  };

  return (
    <div className="yw-list yw-scroll" ref={box} role="region" aria-label={t('popup.listLabel')}>
      <ul className="yw-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const it = items[v.index]!;
          const style = { transform: `translateY(${v.start}px)` };
          if (it.type === 'place') {
            const c = contextOf(it.finding);
            const on = it.finding.id === selected;
            return (
              <li key={`p-${it.finding.id}`} className="yw-row yw-place" style={style} data-index={v.index}>
                <button type="button" className={`yw-row-btn${on ? ' yw-selected' : ''}`} data-finding={it.finding.id} aria-pressed={on} title={describeFinding(it.finding, t)} onClick={() => onSelect(it.finding)}>
                  <span className="yw-place-n">{it.n + 1}</span>
                  <span className="yw-place-text">
                    <span className="yw-ctx">{c.before}</span>
                    <b className={`yw-k-${it.finding.kind} yw-inline-mark`}>{squash(it.finding.pageText) || '‸'}</b>
                    <span className="yw-ctx">{c.after}</span>
                  </span>
                </button>
              </li>
            );
          }
          const g = it.group;
          const single = g.findings.length === 1 ? g.findings[0]! : undefined;
          const on = single ? single.id === selected : false;
          const expanded = isOpen(g);
          return (
            <li key={g.id} className={`yw-row yw-group yw-k-${g.kind}`} style={style} data-index={v.index} data-kind={g.kind}>
              <button
                type="button"
                className={`yw-row-btn${on ? ' yw-selected' : ''}`}
                data-finding={single?.id}
                data-group={g.id}
                aria-pressed={single ? on : undefined}
                aria-expanded={single ? undefined : expanded}
                title={describeFinding(g, t)}
                onClick={() => (single ? onSelect(single) : toggle(g))}
              >
                <span className="yw-swatch" aria-hidden="true" />
                <span className="yw-row-kind">{t(labelKey(g.kind))}</span>
                <span className="yw-row-words">
                  {single && isShort(single) ? (
                    // A digit or a character alone (3 -> 5) means little: show the word around it on both sides (2月3日 -> 2月5日).
                    <ShortPair f={single} around={contextOf(single)} t={t} />
                  ) : g.kind === 'omission' || g.kind === 'heading' ? (
                    <del className="yw-diff-ref">{squash(g.refText)}</del>
                  ) : g.kind === 'insertion' ? (
                    <ins className="yw-diff-page">{squash(g.pageText)}</ins>
                  ) : (
                    <>
                      <Wording text={g.refText} className="yw-diff-ref" t={t} />
                      <span className="yw-arrow" aria-label={t('popup.becomes')}>→</span>
                      <Wording text={g.pageText} className="yw-diff-page" t={t} />
                    </>
                  )}
                </span>
                {single ? null : (
                  <span className="yw-times">
                    ×{formatNumber(t, g.findings.length)} <span className="yw-caret" aria-hidden="true">{expanded ? '▾' : '▸'}</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
