// Typed messages between content script, background and popup. Declared once.
import type { Report } from './engine/types';
import type { RenderingAnomaly } from './dom/extract';

/** Content script -> background: verify this page text. */
export interface VerifyRequest {
  type: 'verify';
  /** The page's extracted visible text (TextSnapshot.text). */
  text: string;
  url: string;
  /** Increases with every run in this tab, so a late answer to an old run is dropped. */
  generation: number;
  /** Where the rendered text differs from `text` (TextSnapshot.anomalies). */
  anomalies?: RenderingAnomaly[];
}

/** Popup -> background: the stored report of a tab. */
export interface GetReportRequest {
  type: 'getReport';
  tabId: number;
}

/** Content script -> background: the page no longer has anything to verify (clear badge/report). */
export interface ClearRequest {
  type: 'clear';
}

/** Content script (banner button) -> background: open the comparison view for the sender's tab. */
export interface OpenComparisonRequest {
  type: 'openComparison';
}

export type BackgroundRequest = VerifyRequest | GetReportRequest | ClearRequest | OpenComparisonRequest;

/** Answer to GetReportRequest: the stored report, or null when the tab has none. */
export type GetReportResponse = TabReport | null;

/** Popup -> content script: scroll to a difference and flash it. */
export interface RevealRequest {
  type: 'reveal';
  /** Index into report.matches (or -1 for an unmatched region). */
  match: number;
  /** Index into that match's differences (or into unmatched signs). */
  difference: number;
  /** Only when match is -1: index into report.unmatched. When absent, `difference`
   *  counts the signs of all unmatched regions in order. */
  region?: number;
}

/** Content script's answer to RevealRequest: false when the difference is not on the page any more. */
export interface RevealResponse {
  ok: boolean;
}

export type ContentRequest = RevealRequest;

/** Background (a keyboard shortcut from `commands`) -> content script: select the next or previous difference, worst first. */
export interface StepRequest {
  type: 'step';
  delta: 1 | -1;
}

export function isStepRequest(msg: unknown): msg is StepRequest {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'step' && ((msg as { delta?: unknown }).delta === 1 || (msg as { delta?: unknown }).delta === -1);
}

/** What the background keeps per tab in session storage. */
export interface TabReport {
  url: string;
  generation: number;
  report: Report;
  /** The text the report's page offsets index into (needed by the popup to show page wording). */
  text: string;
  verifiedAt: number;
  /** Rendering anomalies inside matched text: the page is flagged 渲染文字与源文字不一致, never faithful. */
  renderedDiffers?: RenderingAnomaly[];
}

export type VerifyResponse =
  | { ok: true; generation: number; report: Report }
  | { ok: false; generation: number; error: string };

const backgroundTypes: ReadonlySet<string> = new Set(['verify', 'getReport', 'clear', 'openComparison']);

/** Narrows an incoming runtime message (anything may arrive) to a BackgroundRequest. */
export function isBackgroundRequest(msg: unknown): msg is BackgroundRequest {
  return typeof msg === 'object' && msg !== null && backgroundTypes.has((msg as { type?: unknown }).type as string);
}

/** Narrows an incoming runtime message to a ContentRequest. */
export function isContentRequest(msg: unknown): msg is ContentRequest {
  return (
    typeof msg === 'object' &&
    msg !== null &&
    (msg as { type?: unknown }).type === 'reveal' &&
    typeof (msg as { match?: unknown }).match === 'number' &&
    typeof (msg as { difference?: unknown }).difference === 'number'
  );
}
