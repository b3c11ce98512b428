// Messages between content script, background and popup: one request ->
// response map, and one schema (valibot) that both sides validate every
// incoming message with. Anything may arrive on runtime.onMessage (a
// compromised renderer can send any value), so nothing is trusted by its type
// annotation: a message that does not parse is ignored.
import * as v from 'valibot';
import type { Report } from './engine/types';
import type { BannerModel } from './present/banner';
import type { FrameVerdict } from './present/frames';

/** Bounds on what a message may carry. */
export const messageLimits = {
  /** Characters of page text in one verify request (the content script sends at most this many). */
  maxTextChars: 6_000_000,
  maxUrlChars: 8192,
  maxAnomalies: 1000,
  maxAnomalyText: 200,
} as const;

const offset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1));
/** The browser's frame id within a tab: 0 is the top frame. */
const frameId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

/** lib/dom/extract.ts RenderingAnomaly, as it travels. */
export const anomalySchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('generated'), start: offset, end: offset, text: v.pipe(v.string(), v.maxLength(messageLimits.maxAnomalyText)) }),
  v.strictObject({ kind: v.literal('bidi'), start: offset, end: offset }),
  v.strictObject({ kind: v.literal('reorder'), start: offset, end: offset }),
]);

export const verifyRequestSchema = v.strictObject({
  type: v.literal('verify'),
  /** The page's extracted rendered text (TextSnapshot.text). */
  text: v.pipe(v.string(), v.maxLength(messageLimits.maxTextChars)),
  url: v.pipe(v.string(), v.maxLength(messageLimits.maxUrlChars)),
  /** Increases with every run in this tab, so a late answer to an old run is dropped. */
  generation: offset,
  /** Where the rendered text differs from `text` (TextSnapshot.anomalies). */
  anomalies: v.optional(v.pipe(v.array(anomalySchema), v.maxLength(messageLimits.maxAnomalies))),
});

/** Popup -> background: the report of a tab's frame (the top frame's without frameId). Answered to extension pages only. */
export const getReportRequestSchema = v.strictObject({ type: v.literal('getReport'), tabId, frameId: v.optional(frameId) });

/** Popup -> background: the verdict of every verifying frame of a tab (lib/present/frames.ts). Answered to extension pages only. */
export const getFramesRequestSchema = v.strictObject({ type: v.literal('getFrames'), tabId });

/**
 * Content script -> background: the sender's frame no longer has anything to
 * verify (its report goes, and the tab's badge is made again from the other
 * frames). Like every tab-scoped message it acts on the sender's own frame
 * only: a child frame cannot clear the top frame's report.
 */
export const clearRequestSchema = v.strictObject({ type: v.literal('clear') });

/** Content script (banner button) -> background: open the comparison view for the sender's tab and frame. */
export const openComparisonRequestSchema = v.strictObject({ type: v.literal('openComparison') });

export const backgroundRequestSchema = v.variant('type', [
  verifyRequestSchema,
  getReportRequestSchema,
  getFramesRequestSchema,
  clearRequestSchema,
  openComparisonRequestSchema,
]);

/** Popup -> content script: scroll to a difference and flash it. */
export const revealRequestSchema = v.strictObject({
  type: v.literal('reveal'),
  /** Index into report.matches (or -1 for an unmatched region). */
  match: v.pipe(v.number(), v.integer(), v.minValue(-1)),
  /** Index into that match's differences (or into unmatched signs). */
  difference: offset,
  /** Only when match is -1: index into report.unmatched. When absent, `difference`
   *  counts the signs of all unmatched regions in order. */
  region: v.optional(offset),
});

/**
 * Background -> content script: the text a stored report indexes into (the
 * background keeps no page text in storage; after a worker restart it asks
 * the page). Answered only when the page's current report is that run.
 */
export const pageTextRequestSchema = v.strictObject({ type: v.literal('pageText'), generation: offset, length: offset });

/**
 * Background -> one frame's content script: does the frame still show the
 * report of this run? A frame that navigated (or went away) answers false or
 * not at all, and its report is dropped. No text travels.
 */
export const reportAliveRequestSchema = v.strictObject({ type: v.literal('reportAlive'), generation: offset, length: offset });

/** Background (a keyboard shortcut from `commands`) -> content script: select the next or previous difference, worst first. */
export const stepRequestSchema = v.strictObject({ type: v.literal('step'), delta: v.picklist([1, -1]) });

export const contentRequestSchema = v.variant('type', [revealRequestSchema, pageTextRequestSchema, reportAliveRequestSchema, stepRequestSchema]);

export type VerifyRequest = v.InferOutput<typeof verifyRequestSchema>;
export type GetReportRequest = v.InferOutput<typeof getReportRequestSchema>;
export type GetFramesRequest = v.InferOutput<typeof getFramesRequestSchema>;
export type ClearRequest = v.InferOutput<typeof clearRequestSchema>;
export type OpenComparisonRequest = v.InferOutput<typeof openComparisonRequestSchema>;
export type BackgroundRequest = v.InferOutput<typeof backgroundRequestSchema>;
export type RevealRequest = v.InferOutput<typeof revealRequestSchema>;
export type PageTextRequest = v.InferOutput<typeof pageTextRequestSchema>;
export type ReportAliveRequest = v.InferOutput<typeof reportAliveRequestSchema>;
export type ContentRequest = v.InferOutput<typeof contentRequestSchema>;
export type RenderingAnomalyMessage = v.InferOutput<typeof anomalySchema>;

export type StepRequest = v.InferOutput<typeof stepRequestSchema>;

/** What the popup gets per tab: the report and the text its page offsets index into. */
export interface TabReport {
  url: string;
  generation: number;
  report: Report;
  /** The text the report's page offsets index into (needed by the popup to show page wording). */
  text: string;
  verifiedAt: number;
  /** Rendering anomalies inside matched text: the page is flagged 渲染文字与源文字不一致, never faithful. */
  renderedDiffers?: RenderingAnomalyMessage[];
}

/** Answer to GetReportRequest: the report, or null when the tab has none (or it was lost: see README). */
export type GetReportResponse = TabReport | null;

export type VerifyResponse =
  /** banner: the page banner's model, built in the background (a report of 10^5 differences took the page's main thread 0.4 s to summarize). */
  | { ok: true; generation: number; report: Report; banner: BannerModel | null }
  | { ok: false; generation: number; error: string };

/** Content script's answer to RevealRequest: false when the difference is not on the page any more. */
export interface RevealResponse {
  ok: boolean;
}

/** Content script's answer to PageTextRequest: the text, or null when the page moved on. */
export type PageTextResponse = { text: string } | null;

/** Every request type and the response it gets. */
export interface Protocol {
  verify: { request: VerifyRequest; response: VerifyResponse };
  getReport: { request: GetReportRequest; response: GetReportResponse };
  getFrames: { request: GetFramesRequest; response: FrameVerdict[] };
  clear: { request: ClearRequest; response: { ok: boolean } };
  openComparison: { request: OpenComparisonRequest; response: { ok: boolean } };
  reveal: { request: RevealRequest; response: RevealResponse };
  pageText: { request: PageTextRequest; response: PageTextResponse };
}

export type ResponseOf<R extends { type: keyof Protocol }> = Protocol[R['type']]['response'];

/** The message as a BackgroundRequest, or null when it is not one (wrong shape, types or size). */
export function parseBackgroundRequest(msg: unknown): BackgroundRequest | null {
  const r = v.safeParse(backgroundRequestSchema, msg);
  return r.success ? r.output : null;
}

/** The message as a ContentRequest, or null. */
export function parseContentRequest(msg: unknown): ContentRequest | null {
  const r = v.safeParse(contentRequestSchema, msg);
  return r.success ? r.output : null;
}

/** Narrows an incoming runtime message (anything may arrive) to a BackgroundRequest. */
export function isBackgroundRequest(msg: unknown): msg is BackgroundRequest {
  return parseBackgroundRequest(msg) !== null;
}

/** Narrows an incoming runtime message to a ContentRequest. */
export function isContentRequest(msg: unknown): msg is ContentRequest {
  return parseContentRequest(msg) !== null;
}
