import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeColour, badgeFor, createHandlers, keepLimits, openLimit } from '../../entrypoints/background/handlers';
import { messageLimits, parseBackgroundRequest, type TabReport, type VerifyResponse } from '../../lib/protocol';
import { bundledCorpus } from '../../lib/corpus/bundled';

const spun = bundledCorpus.files['002_4ec4b0ae00f95d62.txt']!;
const badges = new Map<number, { text?: string; color?: string; title?: string }>();

beforeEach(() => {
  fakeBrowser.reset();
  badges.clear();
  // The fake browser has no i18n: message name plus substitutions stand in for the text.
  fakeBrowser.i18n.getMessage = ((name: string, subs?: string | string[]) =>
    subs === undefined ? name : `${name}(${[subs].flat().join(',')})`) as never;
  // The fake browser has no action API: record what the background sets.
  const set = (key: 'text' | 'color' | 'title') => async (d: { tabId?: number; text?: string; color?: unknown; title?: string }) => {
    const b = badges.get(d.tabId!) ?? {};
    b[key] = (key === 'text' ? d.text : key === 'title' ? d.title : d.color) as string;
    badges.set(d.tabId!, b);
  };
  Object.assign(fakeBrowser.action, {
    setBadgeText: vi.fn(set('text')),
    setBadgeBackgroundColor: vi.fn(set('color')),
    setTitle: vi.fn(set('title')),
  });
});

const sender = (id: number) => ({ tab: { id, index: 0 } as never });
/** The popup (an extension page). */
const popupSender = { url: 'chrome-extension://test-extension-id/popup.html' };

async function stored(tabId: number): Promise<TabReport | undefined> {
  const key = `tabReport:${tabId}`;
  return (await fakeBrowser.storage.session.get(key))[key] as TabReport | undefined;
}

describe('background handlers', () => {
  it('verifies, keeps the report in session storage, sets badge and title; the index is built once, lazily', async () => {
    const h = createHandlers();
    expect(h.indexBuilt).toBe(false);
    const res = (await h.handle({ type: 'verify', text: spun, url: 'https://farm.example/a', generation: 1 }, sender(7))) as VerifyResponse;
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(h.indexBuilt).toBe(true);
    expect(res.report.matches.length).toBeGreaterThan(0);
    const tab = await stored(7);
    expect(tab?.url).toBe('https://farm.example/a');
    // No page text in session storage: its length identifies it.
    expect(tab?.text).toBeUndefined();
    expect((tab as unknown as { textLength: number }).textLength).toBe(spun.length);
    // The badge counts every mark on the page, as the banner does: differences plus spun forms with no original.
    const c = res.report.counts;
    const signs = res.report.unmatched.filter((u) => u.scrambled).reduce((n, u) => n + u.signs.length, 0);
    expect(badges.get(7)?.text).toBe(String(c.spin + c.alteration + c.omission + c.insertion + c.move + signs));
    expect(badges.get(7)?.title).toContain(String(c.spin + c.alteration + c.omission + c.insertion + c.move + signs).replace(/\B(?=(\d{3})+$)/g, ','));
    expect(badges.get(7)?.color).toBe(badgeColour.scrambled);
    const got = (await h.handle({ type: 'getReport', tabId: 7 }, popupSender)) as TabReport;
    expect(got.text).toBe(spun);
    expect(got.report).toEqual(res.report);
  });

  it('a new worker answers getReport from session storage, with the text asked of the page', async () => {
    await createHandlers().handle({ type: 'verify', text: spun, url: 'u', generation: 1 }, sender(3));
    const ask = vi.fn(async (_tab: number, msg: { generation: number; length: number }) => (msg.generation === 1 && msg.length === spun.length ? { text: spun } : null));
    fakeBrowser.tabs.sendMessage = ask as never;
    const fresh = createHandlers();
    const got = (await fresh.handle({ type: 'getReport', tabId: 3 }, popupSender)) as TabReport;
    expect(got.url).toBe('u');
    expect(got.text).toBe(spun);
    expect(ask).toHaveBeenCalledWith(3, { type: 'pageText', generation: 1, length: spun.length }, { frameId: 0 });
    expect(fresh.indexBuilt).toBe(false);
  });

  it('a report whose page is gone is lost: null, removed, and the badge says so (not "nothing here")', async () => {
    await createHandlers().handle({ type: 'verify', text: spun, url: 'u', generation: 1 }, sender(13));
    fakeBrowser.tabs.sendMessage = vi.fn().mockRejectedValue(new Error('Could not establish connection')) as never;
    const fresh = createHandlers();
    expect(await fresh.handle({ type: 'getReport', tabId: 13 }, popupSender)).toBeNull();
    expect(await stored(13)).toBeUndefined();
    expect(badges.get(13)?.text).toBe('?');
    expect(badges.get(13)?.title).toContain('guard_reportLost');
  });

  it('answers getReport to extension pages only, never to a content script', async () => {
    const h = createHandlers();
    await h.handle({ type: 'verify', text: spun, url: 'u', generation: 1 }, sender(14));
    expect(await h.handle({ type: 'getReport', tabId: 14 }, { ...sender(15), url: 'https://farm.example/' })).toBeNull();
    expect(await h.handle({ type: 'getReport', tabId: 14 }, {})).toBeNull();
    expect(await h.handle({ type: 'getReport', tabId: 14 }, popupSender)).not.toBeNull();
  });

  it('a corrupt stored report is dropped, never shown', async () => {
    for (const bad of [null, 'garbage', { url: 'u' }, { url: 'u', generation: 1, textLength: 3, verifiedAt: 1, report: { matches: 'x' } }]) {
      await fakeBrowser.storage.session.set({ 'tabReport:21': bad });
      expect(await createHandlers().handle({ type: 'getReport', tabId: 21 }, popupSender)).toBeNull();
    }
  });

  it('evicts the oldest stored reports beyond the limit, and the oldest texts in memory', async () => {
    const h = createHandlers();
    const short = '春天到了，公园里的樱花陆续开放，吸引了许多市民前来赏花拍照。'.repeat(3);
    for (let t = 100; t < 100 + keepLimits.maxStoredReports + 5; t++) await h.handle({ type: 'verify', text: short, url: `u${t}`, generation: 1 }, sender(t));
    await new Promise((r) => setTimeout(r, 20));
    const keys = Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) => k.startsWith('tabReport:'));
    expect(keys.length).toBeLessThanOrEqual(keepLimits.maxStoredReports);
    expect(keys).toContain(`tabReport:${100 + keepLimits.maxStoredReports + 4}`);
    expect(keys).not.toContain('tabReport:100');
  });

  it('clears report and badge on navigation, and drops an answer for the old document', async () => {
    const h = createHandlers();
    await h.handle({ type: 'verify', text: spun, url: 'u', generation: 1 }, sender(5));
    await h.clearTab(5);
    expect(await stored(5)).toBeUndefined();
    expect(badges.get(5)?.text).toBe('');
    // a verification in flight while the tab navigates
    const pending = h.handle({ type: 'verify', text: spun, url: 'u', generation: 2 }, sender(5));
    await h.clearTab(5);
    await pending;
    expect(await stored(5)).toBeUndefined();
  });

  it('a late answer to an older run never replaces a newer one', async () => {
    const h = createHandlers();
    await h.handle({ type: 'verify', text: spun, url: 'u', generation: 10 }, sender(9));
    await h.handle({ type: 'verify', text: '无关的文字', url: 'u', generation: 9 }, sender(9));
    expect((await stored(9))?.generation).toBe(10);
  });

  it('a page with no bulletin gets no badge', async () => {
    const h = createHandlers();
    await h.handle({ type: 'verify', text: '春天到了，公园里的樱花陆续开放，吸引了许多市民前来赏花拍照。'.repeat(3), url: 'u', generation: 1 }, sender(4));
    expect(badges.get(4)?.text).toBe('');
  });

  it('opens the comparison in a tab next to the page', async () => {
    const create = vi.fn(async (p: unknown) => p);
    fakeBrowser.tabs.create = create as never;
    const h = createHandlers();
    expect(await h.handle({ type: 'openComparison' }, { tab: { id: 12, index: 3 } as never })).toEqual({ ok: true });
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ index: 4, openerTabId: 12, url: expect.stringMatching(/\/popup\.html\?tab=12$/) }));
  });

  it('badge for a faithful repost is a green tick', () => {
    const counts = { spin: 0, distorting: 0, alteration: 0, omission: 0, insertion: 0, move: 0, bySubkind: { number: 0, negation: 0, name: 0, wording: 0 } };
    const ref = { id: 'r', file: 'f', start: 0, end: 1, headline: 'h', publisher: '人民日报', date: '2020-02-03' };
    const b = badgeFor({ verdict: 'faithful', counts, unmatched: [], matches: [{ ref, page: { start: 0, end: 1 }, quote: false, verdict: 'faithful', counts, differences: [] }] });
    expect(b.text).toBe('✓');
    expect(b.colour).toBe(badgeColour.faithful);
  });

  it('rate-limits comparison tabs: 20 requests in a row open one tab; other tabs, then the window cap', async () => {
    const create = vi.fn(async (p: unknown) => p);
    fakeBrowser.tabs.create = create as never;
    const h = createHandlers();
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await h.handle({ type: 'openComparison' }, { tab: { id: 30, index: 0 } as never }));
    expect(results.filter((r) => (r as { ok: boolean }).ok)).toHaveLength(1);
    expect(create).toHaveBeenCalledTimes(1);
    for (let t = 31; t < 40; t++) await h.handle({ type: 'openComparison' }, { tab: { id: t, index: 0 } as never });
    expect(create).toHaveBeenCalledTimes(openLimit.perWindow);
  });

  it('badge for a faithful-looking page whose rendered text differs is never a green tick', () => {
    const counts = { spin: 0, distorting: 0, alteration: 0, omission: 0, insertion: 0, move: 0, bySubkind: { number: 0, negation: 0, name: 0, wording: 0 } };
    const ref = { id: 'r', file: 'f', start: 0, end: 1, headline: 'h', publisher: '人民日报', date: '2020-02-03' };
    const b = badgeFor({ verdict: 'faithful', counts, unmatched: [], matches: [{ ref, page: { start: 0, end: 1 }, quote: false, verdict: 'faithful', counts, differences: [] }] }, [{ kind: 'bidi', start: 0, end: 1 }]);
    expect(b.text).toBe('!');
    expect(b.colour).toBe(badgeColour.edited);
  });

});

describe('message schema', () => {
  it('rejects wrong types, unknown fields, unknown types and oversized text', () => {
    expect(parseBackgroundRequest({ type: 'verify', text: 12345, url: 'u', generation: 1 })).toBeNull();
    expect(parseBackgroundRequest({ type: 'verify', text: 'x', url: 'u', generation: 1, extra: true })).toBeNull();
    expect(parseBackgroundRequest({ type: 'verify', text: 'x', url: 'u', generation: -1 })).toBeNull();
    expect(parseBackgroundRequest({ type: 'verify', text: 'x'.repeat(messageLimits.maxTextChars + 1), url: 'u', generation: 1 })).toBeNull();
    expect(parseBackgroundRequest({ type: 'verify', text: 'x'.repeat(messageLimits.maxTextChars), url: 'u', generation: 1 })).not.toBeNull();
    expect(parseBackgroundRequest({ type: 'getReport', tabId: '7' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'nuke' })).toBeNull();
    expect(parseBackgroundRequest('verify')).toBeNull();
    expect(parseBackgroundRequest({ type: 'clear' })).toEqual({ type: 'clear' });
  });

  describe('frames', () => {
    const frame = (tab: number, frameId: number) => ({ tab: { id: tab, index: 0 } as never, frameId });
    const plain = '春天到了，公园里的樱花陆续开放，吸引了许多市民前来赏花拍照。'.repeat(3);

    it("a child frame's clear removes its own report only; the top frame's report and badge stay", async () => {
      const h = createHandlers();
      await h.handle({ type: 'verify', text: spun, url: 'https://top.example/', generation: 1 }, frame(30, 0));
      await h.handle({ type: 'verify', text: plain, url: 'https://ad.example/', generation: 1 }, frame(30, 4));
      const badge = badges.get(30)?.text;
      expect(badge).toMatch(/^\d+$/);
      await h.handle({ type: 'clear' }, frame(30, 4));
      expect(await stored(30)).toBeDefined();
      expect(((await h.handle({ type: 'getReport', tabId: 30 }, popupSender)) as TabReport).text).toBe(spun);
      expect(badges.get(30)?.text).toBe(badge);
      expect(await h.handle({ type: 'getReport', tabId: 30, frameId: 4 }, popupSender)).toBeNull();
    });

    it("a child frame's verify is kept as that frame's report, and the badge is the worst frame's", async () => {
      const h = createHandlers();
      await h.handle({ type: 'verify', text: plain, url: 'https://top.example/', generation: 1 }, frame(31, 0));
      expect(badges.get(31)?.text).toBe('');
      await h.handle({ type: 'verify', text: spun, url: 'https://frame.example/a', generation: 1 }, frame(31, 7));
      // The top frame's report is untouched by the frame's.
      expect(((await h.handle({ type: 'getReport', tabId: 31 }, popupSender)) as TabReport).text).toBe(plain);
      expect(((await h.handle({ type: 'getReport', tabId: 31, frameId: 7 }, popupSender)) as TabReport).text).toBe(spun);
      expect(badges.get(31)?.text).toMatch(/^\d+$/);
      expect(badges.get(31)?.color).toBe(badgeColour.scrambled);
      expect(badges.get(31)?.title).toContain('frames_badgeInFrame(frame.example)');
      fakeBrowser.tabs.sendMessage = vi.fn(async () => ({ ok: true })) as never;
      const frames = (await h.handle({ type: 'getFrames', tabId: 31 }, popupSender)) as Array<{ frameId: number; verdict: string }>;
      expect(frames.map((f) => [f.frameId, f.verdict]).sort()).toEqual([[0, 'none'], [7, 'scrambled']]);
      // The frame clears: the badge is the top frame's again.
      await h.handle({ type: 'clear' }, frame(31, 7));
      expect(badges.get(31)?.text).toBe('');
    });

    it('frame verdicts are for extension pages only, and survive a worker restart', async () => {
      const h = createHandlers();
      await h.handle({ type: 'verify', text: spun, url: 'https://frame.example/a', generation: 1 }, frame(32, 3));
      expect(await h.handle({ type: 'getFrames', tabId: 32 }, { ...sender(32), url: 'https://farm.example/' })).toEqual([]);
      // The frame still shows that run.
      const ask = vi.fn(async (_tab: number, msg: { type: string; generation: number; length: number }) => ({ ok: msg.type === 'reportAlive' && msg.generation === 1 && msg.length === spun.length }));
      fakeBrowser.tabs.sendMessage = ask as never;
      const fresh = createHandlers();
      const frames = (await fresh.handle({ type: 'getFrames', tabId: 32 }, popupSender)) as Array<{ frameId: number }>;
      expect(frames.map((f) => f.frameId)).toEqual([3]);
      expect(ask).toHaveBeenCalledWith(32, { type: 'reportAlive', generation: 1, length: spun.length }, { frameId: 3 });
    });

    it('a child frame that moved on (or is gone) loses its report when the frame list is asked for, and the badge follows', async () => {
      const h = createHandlers();
      await h.handle({ type: 'verify', text: plain, url: 'https://top.example/', generation: 1 }, frame(34, 0));
      await h.handle({ type: 'verify', text: spun, url: 'https://frame.example/a', generation: 1 }, frame(34, 5));
      expect(badges.get(34)?.text).toMatch(/^\d+$/);
      fakeBrowser.tabs.sendMessage = vi.fn().mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.')) as never;
      const frames = (await h.handle({ type: 'getFrames', tabId: 34 }, popupSender)) as Array<{ frameId: number }>;
      expect(frames.map((f) => f.frameId)).toEqual([0]);
      expect(badges.get(34)?.text).toBe('');
      expect(await h.handle({ type: 'getReport', tabId: 34, frameId: 5 }, popupSender)).toBeNull();
    });

    it('when the tab finishes loading without a new URL, each frame is asked: the top frame that still shows its run keeps it', async () => {
      const h = createHandlers();
      await h.handle({ type: 'verify', text: spun, url: 'https://top.example/', generation: 1 }, frame(36, 0));
      await h.handle({ type: 'verify', text: spun, url: 'https://frame.example/a', generation: 1 }, frame(36, 8));
      // The top frame still shows generation 1; the child frame navigated away (no receiver).
      fakeBrowser.tabs.sendMessage = vi.fn(async (_tab: number, _msg: unknown, o: { frameId: number }) => {
        if (o.frameId === 0) return { ok: true };
        throw new Error('Receiving end does not exist.');
      }) as never;
      await h.recheckFrames(36);
      expect(((await h.handle({ type: 'getReport', tabId: 36 }, popupSender)) as TabReport).text).toBe(spun);
      expect(await h.handle({ type: 'getReport', tabId: 36, frameId: 8 }, popupSender)).toBeNull();
      expect(badges.get(36)?.text).toMatch(/^\d+$/);
      // A reload: the new top document has no report yet.
      fakeBrowser.tabs.sendMessage = vi.fn(async () => ({ ok: false })) as never;
      await h.recheckFrames(36);
      expect(await stored(36)).toBeUndefined();
      expect(badges.get(36)?.text).toBe('');
    });

    it('a frame that does not answer in time keeps its verdict', async () => {
      const h = createHandlers();
      await h.handle({ type: 'verify', text: spun, url: 'https://frame.example/a', generation: 1 }, frame(35, 2));
      fakeBrowser.tabs.sendMessage = vi.fn(() => new Promise(() => undefined)) as never;
      const frames = (await h.handle({ type: 'getFrames', tabId: 35 }, popupSender)) as Array<{ frameId: number }>;
      expect(frames.map((f) => f.frameId)).toEqual([2]);
    });

    it('a navigation clears every frame of the tab', async () => {
      const h = createHandlers();
      await h.handle({ type: 'verify', text: spun, url: 'https://top.example/', generation: 1 }, frame(33, 0));
      await h.handle({ type: 'verify', text: spun, url: 'https://frame.example/a', generation: 1 }, frame(33, 2));
      await h.clearTab(33);
      const left = Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) => k.includes(':33'));
      expect(left).toEqual([]);
      expect(await h.handle({ type: 'getFrames', tabId: 33 }, popupSender)).toEqual([]);
      expect(badges.get(33)?.text).toBe('');
    });
  });
});
