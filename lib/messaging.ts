// Typed send helpers over browser.runtime / browser.tabs messaging. The
// background answers with sendResponse + `return true` (see TOOLCHAIN.md).
import { browser } from 'wxt/browser';
import type { BackgroundRequest, ResponseOf, RevealRequest, RevealResponse } from './protocol';

/** No answer in time (as opposed to no answer at all). */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export interface RetryOptions {
  /** Attempts in all (first try included). */
  attempts?: number;
  /** Give up on one attempt after this long (a worker killed mid-answer never answers). */
  timeoutMs?: number;
  /** Wait before the second attempt; doubles each time. */
  backoffMs?: number;
  /** Stop retrying when this returns true (e.g. the content script was invalidated). */
  cancelled?: () => boolean;
  /** Called before each retry (diagnostics). */
  onRetry?: (attempt: number, error: unknown) => void;
}

/** One message to the background, no retry. Rejects on timeout or when no answer comes. */
export async function sendToBackground<R extends BackgroundRequest>(msg: R, timeoutMs = 30_000): Promise<ResponseOf<R>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer to ${msg.type} in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const answer = (await Promise.race([browser.runtime.sendMessage(msg), timeout])) as ResponseOf<R> | undefined;
    // undefined: the worker went away (or restarted) before answering.
    if (answer === undefined) throw new Error(`empty answer to ${msg.type}`);
    return answer;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends with retries: a service worker that is stopped or restarted in the
 * middle of a request drops the answer ("message port closed"), and the next
 * attempt wakes a fresh worker that answers it.
 */
export async function sendWithRetry<R extends BackgroundRequest>(msg: R, options: RetryOptions = {}): Promise<ResponseOf<R>> {
  const attempts = options.attempts ?? 4;
  let backoff = options.backoffMs ?? 250;
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    if (options.cancelled?.()) break;
    try {
      return await sendToBackground(msg, options.timeoutMs);
    } catch (e) {
      lastError = e;
      if (/context invalidated/i.test(String(e))) break;
      // A timeout means the worker is busy with this very request (a huge or
      // hostile page): sending it again only queues the heavy work twice.
      // Retry only what a restarted worker dropped (an empty answer, a closed port).
      if (e instanceof TimeoutError) break;
      if (i < attempts - 1) {
        options.onRetry?.(i + 1, e);
        await new Promise((r) => setTimeout(r, backoff));
        backoff *= 2;
      }
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/** Popup -> content script of one frame of a tab (every verifying frame listens: name the one meant; 0 is the top frame). */
export async function sendToTab(tabId: number, msg: RevealRequest, frameId = 0): Promise<RevealResponse> {
  const answer = (await browser.tabs.sendMessage(tabId, msg, { frameId })) as RevealResponse | undefined;
  return answer ?? { ok: false };
}
