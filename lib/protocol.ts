// Typed messages between content script, background and popup. Declared once.
import type { Report } from './engine/types';

/** Content script -> background: verify this page text. */
export interface VerifyRequest {
  type: 'verify';
  /** The page's extracted visible text (TextSnapshot.text). */
  text: string;
  url: string;
  /** Increases with every run in this tab, so a late answer to an old run is dropped. */
  generation: number;
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

export type BackgroundRequest = VerifyRequest | GetReportRequest | ClearRequest;

/** Popup -> content script: scroll to a difference and flash it. */
export interface RevealRequest {
  type: 'reveal';
  /** Index into report.matches (or -1 for an unmatched region). */
  match: number;
  /** Index into that match's differences (or into unmatched signs). */
  difference: number;
}

export type ContentRequest = RevealRequest;

/** What the background keeps per tab in session storage. */
export interface TabReport {
  url: string;
  generation: number;
  report: Report;
  /** The text the report's page offsets index into (needed by the popup to show page wording). */
  text: string;
  verifiedAt: number;
}

export type VerifyResponse =
  | { ok: true; generation: number; report: Report }
  | { ok: false; generation: number; error: string };
