// WXT's content-script context can be switched off by the page it runs in.
//
// ContentScriptContext announces every start with a CustomEvent named
// `<extension id>:content:wxt:content-script-started` on `document` (and, for
// compatibility, the same object through window.postMessage), and takes any
// such event carrying another messageId as "a newer copy of this script
// started": it invalidates itself, and with it every timer, listener and the
// verification. The extension id is public (a store id), so any page could
// name the event, dispatch it and silence Yuanwen, or listen for it and learn
// that Yuanwen is installed. Upstream: wxt-dev/wxt#1359 (a page re-dispatching
// the event invalidates the context), wxt-dev/wxt#1937 and PR #1938 (the switch
// to CustomEvent), `noScriptStartedPostMessage` (PR #2035).
//
// What we do, before WXT constructs the context (this module is a WXT runtime
// plugin, registered in wxt.config.ts: WXT runs plugins in every entrypoint
// before `new ContentScriptContext`; plain top-level code in the entrypoint
// cannot import the context class, which WXT's build-time import of the
// entrypoint cannot evaluate):
// - `noScriptStartedPostMessage: true` in the content script's options (no
//   postMessage to the page at all);
// - the event name gets a random suffix drawn per script instance, so the page
//   can neither dispatch an event this instance listens to nor listen for the
//   one it dispatches.
// A copy of the script left behind by an extension update or reload is still
// stopped: ContentScriptContext.isInvalid checks `browser.runtime.id`, which
// the browser clears in an orphaned content script, and every ctx timer, frame
// callback and listener goes through that check.
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineWxtPlugin } from 'wxt/utils/define-wxt-plugin';

export default defineWxtPlugin(() => {
  // Plugins run in every entrypoint; only the content script has a context.
  if (import.meta.env.ENTRYPOINT === 'content') privatizeStartedEvent();
});

interface StartedEventName {
  SCRIPT_STARTED_MESSAGE_TYPE?: unknown;
}

/** The event name WXT uses now (exported for the unit test). */
export function startedEventName(): string | undefined {
  const name = (ContentScriptContext as unknown as StartedEventName).SCRIPT_STARTED_MESSAGE_TYPE;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Makes WXT's started event private to this script instance. Returns false
 * when WXT no longer has the field (a WXT upgrade changed it: the unit test
 * fails then, so this is noticed before release).
 */
export function privatizeStartedEvent(random: () => string = randomSuffix): boolean {
  const name = startedEventName();
  if (name === undefined) return false;
  (ContentScriptContext as unknown as StartedEventName).SCRIPT_STARTED_MESSAGE_TYPE = `${name}:${random()}`;
  return true;
}

function randomSuffix(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
