// The browser's extraction rules (computedRendering) in a real document with
// real CSS and layout (Chromium, Vitest browser mode): what a reader sees is
// what is extracted, whatever the markup claims. linkedom has no style or
// layout, so before this these rules were checked only end to end.
import { afterEach, describe, expect, it } from 'vitest';
import { computedRendering, extractSnapshot } from '../../lib/dom/extract';

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

  it('drops text smaller than 1px (the font-size:0 junk) and keeps 1px text', () => {
    expect(rendered('<p>正<span style="font-size:0">鸟</span>文</p>')).toBe('正文');
    expect(rendered('<p>正<span style="font-size:0.9px">鸟</span>文</p>')).toBe('正文');
    expect(rendered('<p>正<span style="font-size:1px">鸟</span>文</p>')).toBe('正鸟文');
  });

  it('drops a subtree fainter than opacity 0.05 and keeps one at 0.05', () => {
    expect(rendered('<p>正文</p><p style="opacity:0.04">看不见的副本</p>')).toBe('正文');
    expect(rendered('<p>正文</p><p style="opacity:0.05">很淡的副本</p>')).toBe('正文\n很淡的副本');
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
