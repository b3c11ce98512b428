// The browser's extraction rules (computedRendering) in a real document with
// real CSS and layout (Chromium, Vitest browser mode): what a reader sees is
// what is extracted, whatever the markup claims. linkedom has no style or
// layout, so before this these rules were checked only end to end.
import { afterEach, describe, expect, it } from 'vitest';
import { computedRendering, extractSnapshot, renderingCheck } from '../../lib/dom/extract';
import { PaintCache, paintCacheEntries } from '../../lib/dom/ink';

let host: HTMLElement | undefined;
afterEach(() => {
  host?.remove();
  host = undefined;
});

/** Mounts `html` (and an optional style sheet) in the live document and extracts it as the content script does. */
function rendered(html: string, css = ''): string {
  host = document.createElement('div');
  host.innerHTML = `<style>${css}</style>${html}`;
  document.body.append(host);
  return extractSnapshot(host, { rendering: computedRendering }).text;
}

function renderedSnap(html: string, css = '') {
  host = document.createElement('div');
  host.innerHTML = `<style>${css}</style>${html}`;
  document.body.append(host);
  return extractSnapshot(host, { rendering: computedRendering });
}

describe('computed rendering: the page cannot hide text by markup and show it by CSS, or the reverse', () => {
  it('reads [hidden] that a page rule shows, and skips text a rule hides', () => {
    expect(rendered('<p hidden class="shown">被样式显示的文字</p><p>正文</p>', '.shown{display:block !important}')).toBe('被样式显示的文字\n正文');
    expect(rendered('<p style="display:none" class="shown">内联隐藏却显示</p>', '.shown{display:block !important}')).toBe('内联隐藏却显示');
    expect(rendered('<p class="gone">样式隐藏</p><p>正文</p>', '.gone{display:none}')).toBe('正文');
  });

  it('treats visibility:hidden as own text hidden, while a visible child is read', () => {
    expect(rendered('<div style="visibility:hidden">不见<p style="visibility:visible">孩子可见</p></div>')).toBe('孩子可见');
  });

  it('drops text smaller than 6px (junk between the characters) and keeps 6px text', () => {
    expect(rendered('<p>正<span style="font-size:0">鸟</span>文</p>')).toBe('正文');
    expect(rendered('<p>正<span style="font-size:1px">鸟</span>文</p>')).toBe('正文');
    expect(rendered('<p>正<span style="font-size:5.9px">鸟</span>文</p>')).toBe('正文');
    expect(rendered('<p>正<span style="font-size:6px">鸟</span>文</p>')).toBe('正鸟文');
    // a parent at font-size 0 (the inline-block gap trick) hides only its own text
    expect(rendered('<p style="font-size:0">空白<span style="font-size:16px">正文</span></p>')).toBe('正文');
  });

  it('drops text a transform scales below 6px', () => {
    expect(rendered('<p>正<span style="display:inline-block;font-size:16px;transform:scale(0.01)">鸟</span>文</p>')).toBe('正文');
    expect(rendered('<p>正<span style="display:inline-block;font-size:16px;line-height:1;transform:scale(0.3)">鸟</span>文</p>')).toBe('正文');
    expect(rendered('<p>正<span style="display:inline-block;font-size:16px;line-height:1;transform:scale(0.5)">鸟</span>文</p>')).toBe('正鸟文');
  });

  it('drops text drawn in its own backdrop colour, or a shade off, and keeps faint but readable text', () => {
    const on = (colour: string, extra = '') => rendered(`<div style="background:#fafafa;color:#222"><p>正<span style="color:${colour};${extra}">鸟</span>文</p></div>`);
    expect(on('#fafafa')).toBe('正文');
    expect(on('#f0f0f0')).toBe('正文');
    // contrast 1.5:1 is the line: #d0d0d0 on #fafafa is about 1.48:1, #cccccc about 1.54:1
    expect(on('#d0d0d0')).toBe('正文');
    expect(on('#cccccc')).toBe('正鸟文');
    expect(on('#999')).toBe('正鸟文');
    // a backdrop that is an image is unknown: the text is read
    expect(rendered('<div style="background:#fafafa url(data:image/gif;base64,R0lGODlhAQABAAAAACw=)"><p>正<span style="color:#fafafa">鸟</span>文</p></div>')).toBe('正鸟文');
    // a dark page: the same rule
    expect(rendered('<div style="background:#111827;color:#e5e7eb"><p>正<span style="color:#111827">鸟</span>文</p></div>')).toBe('正文');
  });

  it('judges ink under 5,000 nested elements that skip the check (font-size 0): their paint is computed on demand, top down', () => {
    host = document.createElement('div');
    host.style.cssText = 'background:#fafafa;color:#222';
    document.body.append(host);
    let parent: HTMLElement = host;
    for (let i = 0; i < 5_000; i++) {
      const span = document.createElement('span');
      if (i === 0) span.style.fontSize = '0';
      parent.append(span);
      parent = span;
    }
    const faint = document.createElement('span');
    faint.style.cssText = 'font-size:16px;color:#fafafa';
    faint.textContent = '鸟';
    const seen = document.createElement('span');
    seen.style.cssText = 'font-size:16px';
    seen.textContent = '正文';
    parent.append(faint, seen);
    expect(extractSnapshot(host, { rendering: renderingCheck() }).text).toBe('正文');
  });

  describe('the paint cache keeps at most its capacity, the most recently used', () => {
    /** A chain of `depth` nested spans under a coloured box; returns the innermost. */
    const chain = (depth: number): HTMLElement => {
      host = document.createElement('div');
      host.style.cssText = 'background:#123456';
      document.body.append(host);
      let el: HTMLElement = host;
      for (let i = 0; i < depth; i++) {
        const span = document.createElement('span');
        el.append(span);
        el = span;
      }
      return el;
    };
    // The chain counts the box, body and html: paintCacheEntries elements in all is just inside the capacity.
    it(`a chain of ${paintCacheEntries} elements is held whole`, () => {
      const cache = new PaintCache();
      const inner = chain(paintCacheEntries - 3);
      expect(cache.of(inner).backdrop).toEqual([0x12, 0x34, 0x56]);
      expect(cache.size).toBe(paintCacheEntries);
    });
    it(`one more, and the least recently used is let go; the paint is the same`, () => {
      const cache = new PaintCache();
      const inner = chain(paintCacheEntries - 2);
      expect(cache.of(inner).backdrop).toEqual([0x12, 0x34, 0x56]);
      expect(cache.size).toBe(paintCacheEntries);
      // the root was first in and never used again: it is the one evicted, and asked again it is computed again
      expect(cache.of(document.documentElement).backdrop).toEqual([255, 255, 255]);
      expect(cache.size).toBe(paintCacheEntries);
    });
  });

  it('fades text by every ancestor opacity against the backdrop', () => {
    const faded = (o: number) => rendered(`<div style="background:#fafafa;color:#222"><p>正<span style="opacity:${o}">鸟</span>文</p></div>`);
    expect(faded(0.06)).toBe('正文');
    expect(faded(0.3)).toBe('正鸟文');
    expect(rendered('<div style="background:#fff;color:#222"><div style="opacity:0.5"><p>正<span style="opacity:0.2">鸟</span>文</p></div></div>')).toBe('正文');
  });

  it('drops fully transparent text unless a stroke or shadow draws it', () => {
    expect(rendered('<p>正文</p><p style="color:transparent">透明的字</p>')).toBe('正文');
    expect(rendered('<p>正文</p><p style="color:rgba(0,0,0,0)">透明的字</p>')).toBe('正文');
    expect(rendered('<p style="color:transparent;text-shadow:0 0 2px #000">有阴影的字</p>')).toBe('有阴影的字');
    expect(rendered('<p style="color:transparent;-webkit-text-stroke:1px #000">描边的字</p>')).toBe('描边的字');
  });

  it('drops a clipped box under 2px (the visually-hidden pattern) and keeps a 2px one', () => {
    const clip = (px: number) => `<p>正文</p><div style="position:absolute;width:${px}px;height:${px}px;overflow:hidden;white-space:nowrap">藏起来的文字</div>`;
    expect(rendered(clip(1))).toBe('正文');
    expect(rendered(clip(2))).toBe('正文\n藏起来的文字');
  });

  it('drops text moved off the document and a transform that scales it to nothing', () => {
    expect(rendered('<p>正文</p><p style="position:absolute;left:-9999px">屏幕外的副本</p>')).toBe('正文');
    expect(rendered('<p>正文</p><p style="transform:scale(0)">缩没了的字</p>')).toBe('正文');
    expect(rendered('<p>正文</p><p style="position:relative;left:10px">挪了一点的字</p>')).toBe('正文\n挪了一点的字');
  });

  it('drops clip-path and clip:rect(0 0 0 0) that remove everything', () => {
    expect(rendered('<p>正文</p><p style="clip-path:inset(50%)">剪掉的字</p>')).toBe('正文');
    expect(rendered('<p>正文</p><p style="position:absolute;clip:rect(0 0 0 0)">剪掉的字</p>')).toBe('正文');
  });

  it('records ::before/::after text with Han characters or digits as a rendering anomaly, and ignores decoration', () => {
    // 3 shrunk to nothing and 5 drawn after it: the reader sees 5月.
    const css = '.g{font-size:0} .g::after{content:"5";font-size:16px} .deco::before{content:"• "}';
    const snap = renderedSnap('<p>会议于<span class="g">3</span>月召开</p><p class="deco">没有问题</p>', css);
    expect(snap.anomalies.map((a) => [a.kind, a.start])).toEqual([['generated', snap.text.indexOf('月')]]);
    // Generated text that is itself too small to read (it inherits font-size:0) shows nothing: no anomaly.
    host?.remove();
    expect(renderedSnap('<p>会议于<span class="g">3</span>月召开</p>', '.g{font-size:0} .g::after{content:"5"}').anomalies).toEqual([]);
  });

  it('records a bidi override over digits (CSS or <bdo>) as a rendering anomaly', () => {
    const snap = renderedSnap('<p>日期<bdo dir="rtl">17</bdo>日</p><p>时间<span style="unicode-bidi:bidi-override;direction:rtl">71</span>日</p>');
    expect(snap.anomalies.map((a) => [a.kind, snap.text.slice(a.start, a.end)])).toEqual([
      ['bidi', '17'],
      ['bidi', '71'],
    ]);
  });

  describe('a layout that shows short pieces of text out of DOM order is a reordering anomaly', () => {
    const kinds = (html: string, css = '') => renderedSnap(html, css).anomalies.map((a) => a.kind);
    // The DOM says 2月3日 each time; the reader sees 3月2日.
    it.each([
      ['flex order', '<p>会议于<span style="display:inline-flex"><span style="order:3">2</span><span style="order:2">月</span><span style="order:1">3</span><span style="order:4">日</span></span>召开</p>'],
      ['reversed flex direction', '<p>会议于<span style="display:inline-flex;flex-direction:row-reverse"><span>日</span><span>2</span><span>月</span><span>3</span></span>召开</p>'],
      ['explicit grid placement', '<p>会议于<span style="display:inline-grid;grid-auto-flow:column"><span style="grid-column:3">2</span><span style="grid-column:2">月</span><span style="grid-column:1">3</span></span>日召开</p>'],
      ['floats', '<p>会议于<span style="display:inline-block"><span style="float:right">2</span><span style="float:right">月</span><span style="float:right">3</span></span>日召开</p>'],
      ['absolute positions', '<p>会议于<span style="position:relative;display:inline-block;width:3em"><span style="position:absolute;left:2em">2</span><span style="position:absolute;left:1em">月</span><span style="position:absolute;left:0">3</span>&nbsp;</span>日召开</p>'],
      ['pieces on reordered lines', '<div style="display:flex;flex-direction:column-reverse;width:10em"><span>第二行的字</span><span>第一行的字</span></div>'],
    ])('%s', (_, html) => {
      expect(kinds(html)).toContain('reorder');
    });

    it.each([
      ['text in order', '<p>会议于<span style="display:inline-flex"><span>2</span><span>月</span><span>3</span></span>日召开</p>'],
      ['a drop cap (the first character floated left)', '<p style="width:20em"><span style="float:left;font-size:3em;line-height:1">中</span>共中央政治局常务委员会召开会议，研究加强新型冠状病毒感染的肺炎疫情防控工作。</p>'],
      ['a raised footnote mark', '<p>会议指出<span style="position:relative;top:-0.4em;font-size:70%">1</span>，要加强防控。</p>'],
      ['a right-to-left line in its own order', '<p dir="rtl"><span style="display:inline-flex"><span>甲</span><span>乙</span></span></p>'],
      ['a vertical stack in order', '<div style="display:flex;flex-direction:column"><span>上</span><span>下</span></div>'],
    ])('not for %s', (_, html) => {
      expect(kinds(html)).toEqual([]);
    });

    // Pieces of at most 16 characters out of order are a rewording; longer ones on both sides are page layout.
    const columns = (n: number) =>
      `<div style="display:flex;flex-direction:row-reverse;width:60em"><div style="width:25em">${'甲'.repeat(n)}</div><div style="width:25em">${'乙'.repeat(n)}</div></div>`;
    it('16-character pieces out of order are flagged', () => expect(kinds(columns(16))).toContain('reorder'));
    it('17-character pieces out of order are page layout', () => expect(kinds(columns(17))).toEqual([]));

    it('the anomaly spans the reordered text', () => {
      const snap = renderedSnap('<p>会议于<span style="display:inline-flex"><span style="order:2">2</span><span style="order:1">3</span></span>日召开</p>');
      const a = snap.anomalies.find((x) => x.kind === 'reorder')!;
      expect(snap.text.slice(a.start, a.end)).toBe('23');
    });
  });

  it('reads an open shadow root instead of the unrendered light-DOM children', () => {
    host = document.createElement('div');
    host.innerHTML = '<div id="h"><p>忠实的原文</p></div>';
    document.body.append(host);
    host.querySelector('#h')!.attachShadow({ mode: 'open' }).innerHTML = '<p>改过的文字</p>';
    expect(extractSnapshot(host, { rendering: computedRendering }).text).toBe('改过的文字');
  });

  it('computedRendering of a detached element falls back to visible (no view to ask)', () => {
    const el = document.implementation.createHTMLDocument('').createElement('p');
    expect(computedRendering(el)).toEqual({ visibility: 'visible' });
  });
});
