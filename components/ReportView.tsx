import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Report } from '../lib/engine/types';
import { contextOf, groupPairs, type Finding, type FindingKey } from '../lib/present/findings';
import { bySeverity, type DisplayKind } from '../lib/present/kinds';
import { buildSideBySide } from '../lib/present/side-by-side';
import { kindBreakdown, countsOf, summarize } from '../lib/present/summary';
import { formatDate, formatNumber, formatPublisher } from '../lib/present/text';
import type { TabReport } from '../lib/protocol';
import { FindingList } from './FindingList';
import { FindingToolbar } from './FindingToolbar';
import type { Translate } from './i18n';
import { OriginalTabs, type TabItem } from './OriginalTabs';
import { ReferenceCard } from './ReferenceCard';
import { OriginLine } from './library/OriginLine';
import type { ReferenceOrigin } from '../lib/library/protocol';
import { describeFinding, SideBySide, type Passage, type SideBySideProps } from './SideBySide';
import { UnmatchedRegions } from './UnmatchedRegions';
import { VerdictHeader } from './VerdictHeader';
import { EmptyState } from './EmptyState';

export interface ReportViewProps {
  tabReport: TabReport;
  /** Seed file texts by file name (the match offsets index them). */
  refFiles: Readonly<Record<string, string>>;
  /** See PopupView: the side-by-side shows a loading pane until the texts arrive. */
  refsPending?: boolean;
  /** The reader picked a finding: show it on the page too. */
  onReveal: (key: FindingKey) => void;
  /** Opens the whole original (by article id). */
  onOpenOriginal?: (id: string) => void;
  /** Where each original came from (bundled, or the reader's library), by reference id. */
  origins?: Readonly<Record<string, ReferenceOrigin>>;
  /** Render the side-by-side after the rest (the default). Static renders (tests) want everything at once. */
  progressive?: boolean;
  t: Translate;
}

type View = { type: 'original'; index: number } | { type: 'unsourced' };

/**
 * The comparison the popup and the side panel share: verdict, one tab per
 * original (and one for spun text with no original), the kind filter, next /
 * previous, the side-by-side and the grouped, virtualized list of findings.
 */
export function ReportView({ tabReport, refFiles, refsPending = false, onReveal, onOpenOriginal, progressive = true, origins, t }: ReportViewProps) {
  const report = tabReport.report;
  const summary = useMemo(() => summarize(report, { anomalies: tabReport.renderedDiffers ?? [] }), [report, tabReport.renderedDiffers]);
  const views: View[] = useMemo(() => {
    const v: View[] = summary.originals.map((_, index) => ({ type: 'original', index }));
    if (summary.counts.unsourced > 0) v.push({ type: 'unsourced' });
    return v;
  }, [summary]);
  // Open on the original with the most text: on a page that quotes several, that is the article the reader came for.
  const [current, setCurrent] = useState(summary.main ?? 0);
  const [filter, setFilter] = useState<DisplayKind | 'all'>('all');
  // Changed paragraphs only, unless there is no change to show.
  const [changedOnly, setChangedOnly] = useState(true);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const view = views[Math.min(current, views.length - 1)];

  const inView = useMemo(
    () => (f: Finding) => (view?.type === 'unsourced' ? f.key.source === 'unsourced' : f.original === (view?.type === 'original' ? view.index : -1)),
    [view],
  );
  const viewFindings = useMemo(() => summary.findings.filter(inView), [summary, inView]);
  const kinds = useMemo(() => kindBreakdown(countsOf(viewFindings, 0)), [viewFindings]);
  const shown = useCallback((k: DisplayKind) => filter === 'all' || filter === k, [filter]);
  // The verdict, the tabs, the toolbar and the first screen of the grouped list (virtualized: a screen of
  // rows whatever the count) come first, from the report alone; the side-by-side (the costly part: a model
  // of every paragraph and a mark per difference) follows in a later, interruptible render, once the
  // original's text has arrived, and mounts its rows a screen at a time (SideBySide).
  const bodyReady = useDeferredValue(true, !progressive);
  const groups = useMemo(() => groupPairs(viewFindings.filter((f) => shown(f.kind))), [viewFindings, shown]);
  /** Next / previous follow the list: worst kind first, repeated pairs together, each pair in page order. */
  const order = useMemo(() => groups.flatMap((g) => g.findings), [groups]);
  const byId = useMemo(() => new Map(summary.findings.map((f) => [f.id, f])), [summary]);
  const matchFinding = useMemo(() => {
    const m = new Map<string, Finding>();
    for (const f of summary.findings) if (f.key.source === 'match') m.set(`${f.key.match}:${f.key.difference}`, f);
    else m.set(`u${f.key.region}:${f.key.sign}`, f);
    return m;
  }, [summary]);

  const select = (f: Finding) => {
    setSelected(f.id);
    onReveal(f.key);
  };
  const position = selected === undefined ? 0 : order.findIndex((f) => f.id === selected) + 1;
  const step = (delta: 1 | -1) => {
    if (order.length === 0) return;
    const at = position === 0 ? (delta === 1 ? 0 : order.length - 1) : (position - 1 + delta + order.length) % order.length;
    select(order[at]!);
  };

  // Marks for the popup bench (test/bench/popup.ts): the first stage (verdict, worst finding, list) committed, and the frame after it painted.
  useEffect(() => {
    performance.mark('yuanwen:view:commit');
    requestAnimationFrame(() => performance.mark('yuanwen:view:frame'));
  }, []);

  // n / p anywhere in the view (not while typing, not with a modifier): the next and previous finding.
  const stepRef = useRef(step);
  stepRef.current = step;
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.tagName === 'INPUT' || target?.tagName === 'TEXTAREA' || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'n' || e.key === 'p') {
        e.preventDefault();
        stepRef.current(e.key === 'n' ? 1 : -1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (views.length === 0 || !view) {
    return (
      <section className="yw-report" aria-label={t('popup.reportLabel')}>
        <VerdictHeader summary={summary} t={t} />
      </section>
    );
  }

  const tabs: TabItem[] = views.map((v) => {
    if (v.type === 'unsourced') {
      return { id: 'unsourced', title: t('popup.unsourcedTab'), label: <><span className="yw-tab-label">{t('popup.unsourcedTab')}</span> <span className="yw-tab-n">{formatNumber(t, summary.counts.unsourced)}</span></> };
    }
    const o = summary.originals[v.index]!;
    const n = summary.findings.filter((f) => f.original === v.index).length;
    return {
      id: o.id,
      title: o.ref.headline,
      label: (
        <>
          <span className="yw-tab-label">
            {formatPublisher(t, o.ref.publisher)} <span className="yw-tab-date">{formatDate(t, o.ref.date)}</span>
          </span>{' '}
          <span className="yw-tab-n">{formatNumber(t, n)}</span>
        </>
      ),
    };
  });

  const sel = selected === undefined ? undefined : byId.get(selected);
  const textOf = (f: Finding) => contextOf(tabReport.text, f.page, 6);

  return (
    <section className="yw-report" aria-label={t('popup.reportLabel')}>
      <VerdictHeader summary={summary} t={t} />
      <OriginalTabs
        tabs={tabs}
        current={Math.min(current, views.length - 1)}
        onChange={(i) => {
          setCurrent(i);
          setFilter('all');
        }}
        idPrefix="yw-orig"
        label={t('popup.originalsLabel')}
      >
        {view.type === 'original' ? (
          <ReferenceCard
            reference={summary.originals[view.index]!.ref}
            caption={summary.originals[view.index]!.passages.length > 1 ? t('popup.passages', [summary.originals[view.index]!.passages.length]) : undefined}
            onOpenFull={onOpenOriginal ? () => onOpenOriginal(summary.originals[view.index]!.id) : undefined}
            origin={<OriginLine origin={origins?.[summary.originals[view.index]!.ref.id]} t={t} />}
            t={t}
          />
        ) : null}
        {viewFindings.length > 0 ? (
          <FindingToolbar
            kinds={kinds}
            total={viewFindings.length}
            filter={filter}
            onFilter={setFilter}
            position={position}
            count={order.length}
            onStep={step}
            changedOnly={changedOnly}
            onChangedOnly={setChangedOnly}
            detail={
              <p className="yw-detail" aria-live="polite" data-finding={sel?.id} title={sel ? describeFinding(sel, t) : undefined}>
                {sel ? describeFinding(sel, t) : t('popup.pickHint')}
              </p>
            }
            t={t}
          />
        ) : null}
        <div className={`yw-panes${viewFindings.length > 0 ? '' : ' yw-panes-one'}`}>
          {!bodyReady || (view.type === 'original' && refsPending && refFiles[summary.originals[view.index]!.ref.file] === undefined) ? (
            <div className="yw-scroll yw-panes-loading" aria-busy="true" />
          ) : view.type === 'original' ? (
            <Passages
              progressive={progressive}
              tabReport={tabReport}
              refText={refFiles[summary.originals[view.index]!.ref.file]}
              file={summary.originals[view.index]!.ref.file}
              passages={summary.originals[view.index]!.passages}
              findingOf={(m, d) => matchFinding.get(`${m}:${d}`)}
              selected={selected}
              shown={shown}
              changedOnly={changedOnly && viewFindings.length > 0}
              onSelect={select}
              t={t}
            />
          ) : (
            <UnmatchedRegions regions={report.unmatched} pageText={tabReport.text} findingOf={(r, s) => matchFinding.get(`u${r}:${s}`)} selected={selected} shown={shown} onSelect={select} t={t} />
          )}
          {viewFindings.length === 0 ? null : <FindingList groups={groups} selected={selected} onSelect={select} contextOf={textOf} t={t} />}
        </div>
      </OriginalTabs>
    </section>
  );
}

interface PassagesProps extends Omit<SideBySideProps, 'passages'> {
  tabReport: TabReport;
  refText: string | undefined;
  file: string;
  passages: readonly number[];
}

/** The side-by-side of one original's passages; its own component so React renders it apart from the rest. */
function Passages({ tabReport, refText, file, passages, t, ...rest }: PassagesProps) {
  const models: Passage[] = useMemo(
    () => (refText === undefined ? [] : passages.map((mi) => ({ match: mi, model: buildSideBySide(tabReport.report.matches[mi]!, refText, tabReport.text) }))),
    [tabReport, refText, passages],
  );
  // Mark for the popup bench: every row of the side-by-side mounted, and the frame after it painted.
  const onMounted = useCallback(() => requestAnimationFrame(() => performance.mark('yuanwen:view:complete')), []);
  if (models.length === 0) return <EmptyState tone="error" title={t('popup.refMissing', [file])} />;
  return <SideBySide passages={models} onMounted={onMounted} t={t} {...rest} />;
}

/** Worst first, for tests and callers that want one finding to lead with. */
export function worstKind(report: Report): DisplayKind | undefined {
  return summarize(report).findings.map((f) => f.kind).sort(bySeverity)[0];
}
