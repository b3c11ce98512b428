import { startTransition, useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { PopupView, type PopupState } from '../../components/PopupView';
import { CapturePanel } from '../../components/library/CapturePanel';
import type { OriginsResponse } from '../../lib/library/protocol';
import { captureRequested, extractDraft, fetchOrigins, preloadReferenceTexts, referenceTexts, saveDraft } from './library';
import type { FindingKey } from '../../lib/present/findings';
import type { TabReport } from '../../lib/protocol';
import { frameHost, frameNotices, type FrameVerdict } from '../../lib/present/frames';
import { defaultSettings, type Settings } from '../../lib/settings';
import { loadSettings, watchSettings } from '../../lib/storage';
import { t } from '../../lib/view/translate';
import {
  fetchFrames,
  fetchTabReport,
  frameIdFromSearch,
  hostnameOf,
  openSidePanel,
  resolveTargetTab,
  sidePanelAvailable,
  watchActiveTab,
  revealDifference,
  requestSiteAccess,
  setHighlightEverywhere,
  siteAccess,
  setSiteBanner,
  setSiteHighlighting,
  tabIdFromSearch,
  watchFrames,
  watchTabReport,
  type SiteAccess,
  type TargetTab,
} from './actions';

/**
 * The first tab and report request, started by main.tsx before React's first
 * render, so the round trip to the background overlaps the bundle's startup
 * (the popup bench: first render). Taken once; later loads ask afresh.
 */
let early: { target: Promise<TargetTab | undefined>; report: Promise<TabReport | null | undefined> } | undefined;

export function prefetchReport(search: string): void {
  const target = resolveTargetTab(search);
  // Given a tab id (the side panel for a tab, the popup opened in a tab), the report request goes out at once,
  // beside the tab lookup instead of after it. A failure here is the first attempt's failure: load() retries as usual.
  const given = tabIdFromSearch(search);
  const frame = frameIdFromSearch(search);
  early = { target, report: given !== undefined ? fetchTabReport(given, frame) : target.then((t) => (t ? fetchTabReport(t.id, frame) : undefined)) };
  // The seed texts' chunk starts loading with the report's arrival, not after the first render.
  early.report.then((r) => (r && r.report.matches.length > 0 ? preloadReferenceTexts() : undefined)).catch(() => undefined);
}

/** The page may still be verifying when the popup opens: ask again a few times before settling on "nothing here". */
const retryDelaysMs = [400, 1200, 3000];

export interface AppProps {
  /** The toolbar popup (also opened in a tab with ?tab=), or the side panel, which follows the active tab. */
  surface?: 'popup' | 'sidepanel';
}

export function App({ surface = 'popup' }: AppProps) {
  const [tab, setTab] = useState<TargetTab | undefined>();
  const [state, setState] = useState<PopupState>({ status: 'loading' });
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  const [revealError, setRevealError] = useState<string | undefined>();
  /** Bumped when the side panel's window shows another tab: the view reloads for it. */
  const [activation, setActivation] = useState(0);
  /** Whose report is shown: the top frame's (0), or a child frame's the reader chose (or named by ?frame=). */
  const [frameId, setFrameId] = useState(() => frameIdFromSearch(location.search));
  /** The verdict of every verifying frame of the tab: bulletins in frames are noticed above the report. */
  const [frames, setFrames] = useState<FrameVerdict[]>([]);
  /** May Yuanwen read the tab's site (a host permission the reader can withdraw)? */
  const [access, setAccess] = useState<SiteAccess>({ kind: 'granted' });
  const [accessDenied, setAccessDenied] = useState(false);
  const inTab = surface === 'popup' && tabIdFromSearch(location.search) !== undefined && new URLSearchParams(location.search).get('as') !== 'popup';

  useEffect(() => {
    if (surface !== 'sidepanel' || tabIdFromSearch(location.search) !== undefined) return;
    return watchActiveTab(() => {
      setFrameId(0);
      setActivation((n) => n + 1);
    });
  }, [surface]);
  // Texts of the matched references (bundled seeds, loaded lazily, and the reader's library), and where each came from.
  const [refs, setRefs] = useState<{ files: Record<string, string>; settledFor?: TabReport }>({ files: {} });
  const [origins, setOrigins] = useState<OriginsResponse>({});
  const readyReport = state.status === 'ready' ? state.tabReport : null;
  useEffect(() => {
    const matches = readyReport?.report.matches ?? [];
    if (!readyReport || matches.length === 0) return;
    let cancelled = false;
    const settle = (files: Record<string, string>) => {
      if (!cancelled) setRefs((r) => ({ files: { ...r.files, ...files }, settledFor: readyReport }));
    };
    void referenceTexts([...new Set(matches.map((m) => m.ref.file))]).then(settle, () => settle({}));
    void fetchOrigins([...new Set(matches.map((m) => m.ref.id))]).then((o) => !cancelled && setOrigins(o), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [readyReport]);
  // Still loading: a matched text is not here yet and this report's load has not settled (a reload with the same originals shows them at once).
  const refsPending = readyReport !== null && refs.settledFor !== readyReport && readyReport.report.matches.some((m) => refs.files[m.ref.file] === undefined);

  useEffect(() => {
    let cancelled = false;
    const timers: ReturnType<typeof setTimeout>[] = [];
    let unwatch: (() => void) | undefined;
    setState({ status: 'loading' });
    const pre = early;
    early = undefined;
    (async () => {
      const target = pre ? await pre.target.catch(() => undefined) : await resolveTargetTab(location.search);
      if (cancelled) return;
      if (!target) {
        setState({ status: 'error', message: t('popup.noTab') });
        return;
      }
      setTab(target);
      const load = async (attempt: number) => {
        try {
          const prefetched = attempt === 0 ? await pre?.report : undefined;
          const tabReport = prefetched !== undefined ? prefetched : await fetchTabReport(target.id, frameId);
          if (cancelled) return;
          performance.mark('yuanwen:view:report');
          // A transition: React renders 450 differences in slices, so the popup never holds the main thread in one long task.
          startTransition(() => setState({ status: 'ready', tabReport }));
          if (!tabReport && attempt < retryDelaysMs.length) timers.push(setTimeout(() => void load(attempt + 1), retryDelaysMs[attempt]));
        } catch (e) {
          if (cancelled) return;
          // A worker that is still starting can refuse the first message: try again before showing an error.
          if (attempt < retryDelaysMs.length) timers.push(setTimeout(() => void load(attempt + 1), retryDelaysMs[attempt]));
          else setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
        }
      };
      await load(0);
      // Keep up with the page: content loaded later, or a navigation, replaces the stored report.
      if (!cancelled) unwatch = watchTabReport(target.id, () => void load(retryDelaysMs.length), frameId);
    })();
    return () => {
      cancelled = true;
      timers.forEach(clearTimeout);
      unwatch?.();
    };
    // A new frame chosen: its report is loaded (the prefetched one is the first frame's, taken once).
  }, [activation, frameId]);

  const tabUrl = tab?.url;
  useEffect(() => {
    let cancelled = false;
    void siteAccess(tabUrl).then((a) => !cancelled && setAccess(a));
    return () => {
      cancelled = true;
    };
  }, [tabUrl]);

  // The tab's frames with a bulletin, kept up with as frames verify or clear.
  const tabId = tab?.id;
  useEffect(() => {
    if (tabId === undefined) return;
    let cancelled = false;
    const load = () => void fetchFrames(tabId).then((f) => !cancelled && setFrames(f), () => undefined);
    load();
    // A frame's verdict may arrive after the popup opened (frames verify on their own).
    const again = setTimeout(load, retryDelaysMs[1]);
    const unwatch = watchFrames(tabId, load);
    return () => {
      cancelled = true;
      clearTimeout(again);
      unwatch();
    };
  }, [tabId, activation]);

  useEffect(() => {
    void loadSettings().then(setSettings);
    // Another popup, the options page or a sync may change settings while this one is open.
    return watchSettings(setSettings);
  }, []);

  const hostname = hostnameOf(state.status === 'ready' && state.tabReport ? state.tabReport.url : tab?.url) ?? hostnameOf(tab?.url);

  const onReveal = useCallback(
    (key: FindingKey) => {
      if (!tab) return;
      setRevealError(undefined);
      const reveal = key.source === 'match' ? revealDifference(tab.id, key.match, key.difference, undefined, frameId) : revealDifference(tab.id, -1, key.sign, key.region, frameId);
      reveal
        .then((ok) => {
          if (!ok) return setRevealError(t('popup.revealFailed'));
          // Opened as a page beside the article: bring the article forward so the reader sees the flash.
          if (inTab) browser.tabs.update(tab.id, { active: true }).catch(() => undefined);
        })
        .catch(() => setRevealError(t('popup.revealFailed')));
    },
    [tab, inTab, frameId],
  );
  const shownFrame = frameId === 0 ? undefined : frames.find((f) => f.frameId === frameId);

  return (
    <PopupView
      state={state}
      refFiles={refs.files}
      refsPending={refsPending}
      origins={origins}
      access={
        access.kind === 'withheld'
          ? {
              host: access.host,
              denied: accessDenied,
              // Straight from the click: permissions.request needs the reader's gesture.
              onRequest: () => {
                void requestSiteAccess(access.pattern).then((granted) => {
                  setAccessDenied(!granted);
                  if (!granted || !tab) return;
                  setAccess({ kind: 'granted' });
                  // The content script starts with the page's next load.
                  void browser.tabs.reload(tab.id).catch(() => undefined);
                });
              },
            }
          : undefined
      }
      frames={{
        notices: frameNotices(frames, t),
        shown: frameId === 0 ? undefined : { frameId, host: frameHost(shownFrame?.url ?? (state.status === 'ready' && state.tabReport ? state.tabReport.url : '')) },
        onShow: (id) => {
          setRevealError(undefined);
          setFrameId(id);
        },
      }}
      capture={tab ? <CapturePanel extract={() => extractDraft(tab.id)} save={saveDraft} startOpen={captureRequested(location.search)} t={t} /> : null}
      switches={{
        hostname,
        siteOn: hostname ? !settings.disabledSites.includes(hostname) : true,
        bannerOn: hostname ? !settings.bannerHiddenSites.includes(hostname) : true,
        onBannerChange: (on) => {
          if (!hostname) return;
          setSettings((s) => ({ ...s, bannerHiddenSites: on ? s.bannerHiddenSites.filter((h) => h !== hostname) : [...s.bannerHiddenSites, hostname] }));
          void setSiteBanner(hostname, on).then(setSettings);
        },
        everywhereOn: settings.highlightEverywhere,
        onSiteChange: (on) => {
          if (!hostname) return;
          // Show the change at once; the storage watcher confirms it.
          setSettings((s) => ({ ...s, disabledSites: on ? s.disabledSites.filter((h) => h !== hostname) : [...s.disabledSites, hostname] }));
          void setSiteHighlighting(hostname, on).then(setSettings);
        },
        onEverywhereChange: (on) => {
          setSettings((s) => ({ ...s, highlightEverywhere: on }));
          void setHighlightEverywhere(on).then(setSettings);
        },
      }}
      onReveal={onReveal}
      surface={surface === 'sidepanel' ? 'sidepanel' : inTab ? 'tab' : 'popup'}
      revealError={revealError}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
      onOpenOriginal={(id) => void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${encodeURIComponent(id)}`) })}
      onOpenSidePanel={
        surface === 'popup' && !inTab && tab && sidePanelAvailable()
          ? () => {
              void openSidePanel(tab.id).then(() => window.close());
            }
          : undefined
      }
      onOpenInTab={
        inTab || surface === 'sidepanel' || !tab
          ? undefined
          : () => {
              void browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?tab=${tab.id}${frameId === 0 ? '' : `&frame=${frameId}`}`), openerTabId: tab.id });
              window.close();
            }
      }
      t={t}
    />
  );
}
