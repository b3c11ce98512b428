import type { FindingKey } from '../lib/present/findings';
import type { ReactNode } from 'react';
import type { ReferenceOrigin } from '../lib/library/protocol';
import type { TabReport } from '../lib/protocol';
import { EmptyState } from './EmptyState';
import { FrameNotices, type FrameNoticesProps } from './FrameNotices';
import { PermissionNotice, type PermissionNoticeProps } from './PermissionNotice';
import { HighlightSwitches, type HighlightSwitchesProps } from './HighlightSwitches';
import type { Translate } from './i18n';
import { ReportView } from './ReportView';

export type PopupState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** `tabReport` is null when the page had nothing to verify. */
  | { status: 'ready'; tabReport: TabReport | null };

export interface PopupViewProps {
  state: PopupState;
  /** Seed file texts by file name (the match offsets index them). */
  refFiles: Readonly<Record<string, string>>;
  /** The reference texts are still loading (they are fetched after the report): the side-by-side waits instead of saying they are missing. */
  refsPending?: boolean;
  switches: Omit<HighlightSwitchesProps, 't'>;
  /** Ask the page to scroll to a finding and select it there. */
  onReveal: (key: FindingKey) => void;
  /** Shown under the list when the last reveal did not reach the page. */
  revealError?: string;
  onOpenOptions?: () => void;
  /** Offered in the toolbar popup: the same view in a tab, with room for long articles. */
  onOpenInTab?: () => void;
  /** Offered where the browser has one: the same view in the side panel, beside the page. */
  onOpenSidePanel?: () => void;
  onOpenOriginal?: (id: string) => void;
  /** Where the view lives: the toolbar popup, the side panel, or a tab. */
  surface?: 'popup' | 'sidepanel' | 'tab';
  /** See ReportView. */
  progressive?: boolean;
  /** Where each matched reference of the reader's library came from (lib/library). */
  origins?: Readonly<Record<string, ReferenceOrigin>>;
  /** The "this page is the original" control (components/library), wired by the entrypoint. */
  capture?: ReactNode;
  /** Bulletins in frames of the page, and which frame's report is shown (components/FrameNotices). */
  frames?: Omit<FrameNoticesProps, 't'>;
  /** Yuanwen may not read this site (a withdrawn host permission): said instead of "nothing to check", with the button that asks for it. */
  access?: Omit<PermissionNoticeProps, 't'>;
  t: Translate;
}

/** Everything the popup and the side panel show, from plain data. The entrypoints only fetch the data and wire the callbacks. */
export function PopupView({ state, refFiles, refsPending, switches, onReveal, revealError, onOpenOptions, onOpenInTab, onOpenSidePanel, onOpenOriginal, surface = 'popup', progressive, origins, capture, frames, access, t }: PopupViewProps) {
  const hasReport = state.status === 'ready' && state.tabReport !== null;
  const shown = state.status === 'ready' && state.tabReport !== null && hasContent(state.tabReport);
  return (
    <div className={`yw-popup yw-surface-${surface}`}>
      <header className="yw-topbar">
        <h1>
          <img src="/icon/32.png" alt="" width={16} height={16} className="yw-logo" />
          {t('popup.title')}
        </h1>
        <div className="yw-topbar-links">
          {onOpenSidePanel && hasReport ? (
            <button type="button" className="yw-link" onClick={onOpenSidePanel}>
              {t('popup.openSidePanel')}
            </button>
          ) : null}
          {onOpenInTab && hasReport ? (
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
        {/* In the top bar: a popup is at most 600 px tall, and the comparison needs the height more than a button row. */}
        {capture}
      </header>
      {frames ? <FrameNotices {...frames} t={t} /> : null}
      <main className="yw-main">
      {access && !shown ? (
        <PermissionNotice {...access} t={t} />
      ) : state.status === 'loading' ? (
        <p className="yw-muted yw-loading" role="status">
          {t('popup.loading')}
        </p>
      ) : state.status === 'error' ? (
        <EmptyState tone="error" title={t('popup.error', [state.message])} />
      ) : state.tabReport && hasContent(state.tabReport) ? (
        <ReportView key={`${state.tabReport.url}#${state.tabReport.generation}`} tabReport={state.tabReport} refFiles={refFiles} refsPending={refsPending} onReveal={onReveal} onOpenOriginal={onOpenOriginal} progressive={progressive} origins={origins} t={t} />
      ) : (
        <EmptyState title={t('verdict.none.word')} body={t('verdict.none.detail')} />
      )}
      </main>
      <footer className="yw-footer">
        <HighlightSwitches {...switches} t={t} />
      </footer>
      {revealError ? (
        <p className="yw-warning yw-toast" role="alert">
          {revealError}
        </p>
      ) : null}
    </div>
  );
}

function hasContent(tab: TabReport): boolean {
  return tab.report.matches.length > 0 || tab.report.unmatched.some((u) => u.scrambled);
}
