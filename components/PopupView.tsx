import { useMemo, useState, type ReactNode } from 'react';
import type { Match } from '../lib/engine/types';
import type { TabReport } from '../lib/protocol';
import type { ReferenceOrigin } from '../lib/library/protocol';
import { CountsBar } from './CountsBar';
import { OriginLine } from './library/OriginLine';
import { DifferenceList } from './DifferenceList';
import { EmptyState } from './EmptyState';
import { HighlightSwitches, type HighlightSwitchesProps } from './HighlightSwitches';
import type { Translate } from './i18n';
import { ReferenceCard } from './ReferenceCard';
import { buildSideBySide } from './side-by-side';
import { SideBySide } from './SideBySide';
import { UnmatchedRegions } from './UnmatchedRegions';
import { VerdictHeader } from './VerdictHeader';

export type PopupState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** `tabReport` is null when the page had nothing to verify. */
  | { status: 'ready'; tabReport: TabReport | null };

export interface PopupViewProps {
  state: PopupState;
  /** Seed file texts by file name (the match offsets index them). */
  refFiles: Readonly<Record<string, string>>;
  switches: Omit<HighlightSwitchesProps, 't'>;
  /** Ask the page to scroll to a difference and flash it (match -1 with a region: a spun form in an unmatched region). */
  onReveal: (match: number, difference: number, region?: number) => void;
  /** Shown under the list when the last reveal did not reach the page. */
  revealError?: string;
  onOpenOptions?: () => void;
  /** Offered in the toolbar popup: the same view in a tab, with room for long articles. */
  onOpenInTab?: () => void;
  /** Where each matched reference came from (bundled, or the reader's library), by reference id. */
  origins?: Readonly<Record<string, ReferenceOrigin>>;
  /** The "设为原文" panel (components/library/CapturePanel). */
  capture?: ReactNode;
  t: Translate;
}

/** Everything the popup shows, from plain data. The entrypoint only fetches the data and wires the callbacks. */
export function PopupView({ state, refFiles, switches, onReveal, revealError, onOpenOptions, onOpenInTab, origins, capture, t }: PopupViewProps) {
  return (
    <div className="yw-popup">
      {/* One compact bar, so the comparison starts high in a popup only 600px tall. */}
      <div className="yw-topbar">
        <h1>{t('popup.title')}</h1>
        <HighlightSwitches {...switches} t={t} />
        {onOpenInTab && state.status === 'ready' && state.tabReport ? (
          <button type="button" className="yw-link" onClick={onOpenInTab}>
            {t('popup.openInTab')}
          </button>
        ) : null}
        {onOpenOptions ? (
          <button type="button" className="yw-link" onClick={onOpenOptions}>
            {t('popup.openOptions')}
          </button>
        ) : null}
      </div>
      {capture}
      {state.status === 'loading' ? (
        <p className="yw-muted yw-loading">{t('popup.loading')}</p>
      ) : state.status === 'error' ? (
        <EmptyState tone="error" title={t('popup.error', [state.message])} />
      ) : (
        <ReportBody tabReport={state.tabReport} refFiles={refFiles} onReveal={onReveal} origins={origins} t={t} />
      )}
      {revealError ? (
        // Sticky at the bottom, so it shows beside whichever list the reader clicked in.
        <p className="yw-warning yw-toast" role="alert">
          {revealError}
        </p>
      ) : null}
    </div>
  );
}

interface ReportBodyProps {
  tabReport: TabReport | null;
  refFiles: Readonly<Record<string, string>>;
  onReveal: (match: number, difference: number, region?: number) => void;
  origins?: Readonly<Record<string, ReferenceOrigin>>;
  t: Translate;
}

function ReportBody({ tabReport, refFiles, onReveal, origins, t }: ReportBodyProps) {
  const report = tabReport?.report;
  // Open on the largest match: on a page that quotes several originals, that is the article the reader came for.
  const [matchIndex, setMatchIndex] = useState(() => largestMatch(report?.matches ?? []));
  const hasScrambled = report?.unmatched.some((u) => u.scrambled) ?? false;
  if (!tabReport || !report || (report.matches.length === 0 && !hasScrambled)) {
    return <EmptyState title={t('popup.emptyTitle')} body={t('popup.emptyBody')} />;
  }
  const current = Math.min(matchIndex, Math.max(0, report.matches.length - 1));
  const match = report.matches[current];
  return (
    <main className="yw-report">
      <VerdictHeader verdict={report.verdict} counts={report.counts} t={t} />
      {report.matches.length > 1 && (
        <nav className="yw-tabs" role="tablist">
          {report.matches.map((m, i) => (
            <button key={i} type="button" role="tab" aria-selected={i === current} className={i === current ? 'yw-on' : ''} onClick={() => setMatchIndex(i)} title={m.ref.headline}>
              {m.ref.publisher} {m.ref.date} <span className="yw-muted yw-small">{t('common.chars', [m.page.end - m.page.start])}</span>
            </button>
          ))}
        </nav>
      )}
      {match ? (
        <MatchSection
          key={current}
          match={match}
          index={current}
          total={report.matches.length}
          refText={refFiles[match.ref.file]}
          origin={origins?.[match.ref.id]}
          pageText={tabReport.text}
          onReveal={onReveal}
          t={t}
        />
      ) : null}
      <UnmatchedRegions regions={report.unmatched} pageText={tabReport.text} onSelectSign={(region, sign) => onReveal(-1, sign, region)} t={t} />
    </main>
  );
}

function largestMatch(matches: readonly Match[]): number {
  let best = 0;
  matches.forEach((m, i) => {
    const b = matches[best]!;
    if (m.page.end - m.page.start > b.page.end - b.page.start) best = i;
  });
  return best;
}

interface MatchSectionProps {
  match: Match;
  index: number;
  total: number;
  refText: string | undefined;
  origin?: ReferenceOrigin;
  pageText: string;
  onReveal: (match: number, difference: number) => void;
  t: Translate;
}

function MatchSection({ match, index, total, refText, origin, pageText, onReveal, t }: MatchSectionProps) {
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const model = useMemo(() => (refText === undefined ? null : buildSideBySide(match, refText, pageText)), [match, refText, pageText]);
  const select = (i: number) => {
    setSelected(i);
    onReveal(index, i);
  };
  return (
    <section className="yw-match" data-match={index}>
      <ReferenceCard reference={match.ref} caption={total > 1 ? t('popup.matchOf', [index + 1, total]) : undefined} t={t} />
      <OriginLine origin={origin} t={t} />
      <CountsBar counts={match.counts} t={t} />
      <h3>{t('popup.sideBySide')}</h3>
      {model ? (
        <SideBySide model={model} differences={match.differences} selected={selected} onSelect={select} t={t} />
      ) : (
        <p className="yw-muted">{t('popup.refMissing', [match.ref.file])}</p>
      )}
      <h3>{t('popup.differences', [match.differences.length])}</h3>
      <DifferenceList differences={match.differences} selected={selected} onSelect={select} t={t} />
    </section>
  );
}
