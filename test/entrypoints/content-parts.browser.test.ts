// The content script's named parts, in a real document (Chromium, Vitest
// browser mode) but without the extension: the verification run of one page
// (run.ts), the page observer's classification of real MutationRecords
// (observer.ts) and the hover card's batching (hover.ts).
import { describe, expect, it, vi } from 'vitest';
import { extractSnapshot, type TextSnapshot } from '../../lib/dom/extract';
import type { Report } from '../../lib/engine/types';
import type { VerifyRequest, VerifyResponse } from '../../lib/protocol';
import { createPageRun, minHan, type RunDeps } from '../../entrypoints/content/run';
import { classifyChanges } from '../../entrypoints/content/observer';
import { createHover } from '../../entrypoints/content/hover';

const han = '中共中央政治局常务委员会召开会议听取汇报研究部署下一步工作'; // 29 Han characters

function page(body: string): Document {
  const doc = document.implementation.createHTMLDocument('');
  doc.body.innerHTML = body;
  return doc;
}

const emptyReport: Report = { verdict: 'unmatched', counts: { spin: 0, distorting: 0, alteration: 0, omission: 0, insertion: 0, move: 0, bySubkind: { number: 0, negation: 0, name: 0, wording: 0 } }, matches: [], unmatched: [] } as unknown as Report;

function deps(doc: Document, overrides: Partial<RunDeps> = {}): RunDeps & { sent: VerifyRequest[]; drawn: number[]; forgot: number } {
  const out = {
    sent: [] as VerifyRequest[],
    drawn: [] as number[],
    forgot: 0,
    doc,
    invalid: () => false,
    onFirstHan: vi.fn(),
    ready: async () => undefined,
    extract: async (): Promise<TextSnapshot | null> => extractSnapshot(doc.body),
    send: async (req: VerifyRequest): Promise<VerifyResponse> => {
      out.sent.push(req);
      return { ok: true, generation: req.generation, report: emptyReport, banner: null };
    },
    draw: async (_s: TextSnapshot, _r: Report, _b: unknown, g: number) => {
      out.drawn.push(g);
    },
    forget: () => {
      out.forgot++;
    },
    url: () => 'https://farm.example/a',
    ...overrides,
  };
  return out;
}

describe('the verification run of one page', () => {
  it('a page without Han text sends nothing and starts nothing', async () => {
    const d = deps(page('<p>Weather: sunny.</p>'));
    await createPageRun(d).run();
    expect(d.sent).toEqual([]);
    expect(d.onFirstHan).not.toHaveBeenCalled();
  });

  it(`fewer than ${minHan} Han characters: nothing sent, the page is forgotten; at ${minHan}, sent`, async () => {
    const few = deps(page(`<p>${han.slice(0, minHan - 30)}</p><p>${han}</p>`)); // 39 Han characters
    await createPageRun(few).run();
    expect(few.sent).toEqual([]);
    expect(few.forgot).toBe(1);
    const enough = deps(page(`<p>${han}</p><p>${han.slice(0, minHan - 29)}</p>`));
    await createPageRun(enough).run();
    expect(enough.sent).toHaveLength(1);
    expect(enough.onFirstHan).toHaveBeenCalledTimes(1);
  });

  it('the same text again is redrawn without asking the background; resend() asks again', async () => {
    const d = deps(page(`<p>${han}${han}</p>`));
    const r = createPageRun(d);
    await r.run();
    await r.run();
    expect(d.sent).toHaveLength(1);
    expect(d.drawn).toHaveLength(2);
    r.resend();
    await r.run();
    expect(d.sent).toHaveLength(2);
  });

  it('an answer for another generation, or a run overtaken by a newer one, is not drawn', async () => {
    const wrong = deps(page(`<p>${han}${han}</p>`), { send: async (req) => ({ ok: true, generation: req.generation - 1, report: emptyReport, banner: null }) });
    await createPageRun(wrong).run();
    expect(wrong.drawn).toEqual([]);
    let release: () => void = () => undefined;
    const slow = deps(page(`<p>${han}${han}</p>`), {
      send: (req) => new Promise((resolve) => (release = () => resolve({ ok: true, generation: req.generation, report: emptyReport, banner: null }))),
    });
    const r = createPageRun(slow);
    const first = r.run();
    await new Promise((res) => setTimeout(res, 0));
    const hold = release;
    const second = r.run(); // overtakes the first
    await new Promise((res) => setTimeout(res, 0));
    hold();
    release();
    await Promise.all([first, second]);
    expect(slow.drawn).toHaveLength(1);
  });

  it("textOf gives the report's text only for its run and length", async () => {
    const d = deps(page(`<p>${han}${han}</p>`));
    const r = createPageRun(d);
    await r.run();
    const g = d.sent[0]!.generation;
    expect(r.textOf(g, d.sent[0]!.text.length)).toBe(d.sent[0]!.text);
    expect(r.textOf(g + 1, d.sent[0]!.text.length)).toBeNull();
    expect(r.textOf(g, 3)).toBeNull();
    r.drop();
    expect(r.textOf(g, d.sent[0]!.text.length)).toBeNull();
  });
});

describe('the page observer', () => {
  /** The records a real MutationObserver takes of `change` on a fresh page. */
  function recordsOf(setup: (doc: Document) => void, change: (doc: Document) => void): { doc: Document; records: MutationRecord[] } {
    const doc = page('<div id="a"><p>甲</p></div><div id="b"><p id="marked">乙</p><p id="other">丙</p></div>');
    setup(doc);
    const mo = new MutationObserver(() => undefined);
    mo.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    change(doc);
    const records = mo.takeRecords();
    mo.disconnect();
    return { doc, records };
  }

  it("our own host coming and going is no page change; its removal is reported", () => {
    let host: Element | null = null;
    const added = recordsOf(() => undefined, (doc) => {
      host = doc.createElement('yuanwen-ui');
      doc.documentElement.append(host);
    });
    expect(classifyChanges(added.records, host, () => false).relevant).toBe(false);
    const removed = recordsOf(
      (doc) => {
        host = doc.createElement('yuanwen-ui');
        doc.documentElement.append(host);
      },
      () => host!.remove(),
    );
    expect(classifyChanges(removed.records, host, () => false)).toEqual({ relevant: false, removals: false, changedText: [], hostRemoved: true, added: [] });
  });

  it('page edits are relevant; removals flagged; changed text under marks listed', () => {
    let marked: Text | null = null;
    const { records } = recordsOf(
      (doc) => {
        marked = doc.getElementById('marked')!.firstChild as Text;
      },
      (doc) => {
        doc.getElementById('a')!.append(doc.createElement('p'));
        doc.getElementById('a')!.firstElementChild!.remove();
        marked!.data = '乙改';
        (doc.getElementById('other')!.firstChild as Text).data = '丙改';
      },
    );
    const c = classifyChanges(records, null, (n) => n === marked);
    expect(c).toEqual({ relevant: true, removals: true, changedText: [marked], hostRemoved: false, added: c.added });
  });
});

describe('the hover card', () => {
  const info = { reason: 'spin' } as never;
  function setup(hit: boolean) {
    const frames: Array<() => void> = [];
    const shown: unknown[] = [];
    const hidden = { n: 0 };
    const onMove = createHover({
      hasMarks: () => true,
      shown: () => ({ spin: true }),
      markAt: () => (hit ? { info } : null),
      showCard: (i, x, y) => shown.push([i, x, y]),
      hideCard: () => hidden.n++,
      requestFrame: (cb) => frames.push(cb),
    });
    return { frames, shown, hidden, onMove };
  }

  it('batches moves into one hit test per frame, at the last position', () => {
    const s = setup(true);
    s.onMove({ isTrusted: true, clientX: 1, clientY: 1 });
    s.onMove({ isTrusted: true, clientX: 5, clientY: 6 });
    expect(s.frames).toHaveLength(1);
    s.frames[0]!();
    expect(s.shown).toEqual([[info, 5, 6]]);
  });

  it('ignores synthetic moves; hides the card off a mark', () => {
    const s = setup(false);
    s.onMove({ isTrusted: false, clientX: 1, clientY: 1 });
    expect(s.frames).toHaveLength(0);
    s.onMove({ isTrusted: true, clientX: 1, clientY: 1 });
    s.frames[0]!();
    expect(s.hidden.n).toBe(1);
  });
});
