import { afterEach, describe, expect, it } from 'vitest';
import { HighlightLayers } from '../../lib/dom/highlights';

// The highlight layers in a live document (Chromium, Vitest browser mode): the
// colours reach text deep in the tree and in closed shadow roots, the rules select
// only the elements whose text is drawn, a redraw adopts no new stylesheet, and
// repair() puts back what the page removed.
let host: HTMLElement | undefined;
afterEach(() => {
  host?.remove();
  host = undefined;
});

function mount(html: string): HTMLElement {
  host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return host;
}

function rangeOver(node: Node): Range {
  const r = document.createRange();
  r.selectNodeContents(node);
  return r;
}

const fill = (el: Element, name: string) => getComputedStyle(el, `::highlight(${name})`).backgroundColor;
const blank = 'rgba(0, 0, 0, 0)';

describe('HighlightLayers', () => {
  it('colours text deep in the tree and registers one highlight per kind', () => {
    const root = mount('<section><p><b><span id="deep">中共中央政治局</span></b></p></section>');
    const deep = root.querySelector('#deep')!;
    const layers = new HighlightLayers('deep1');
    layers.draw('number', [rangeOver(deep.firstChild!)]);
    expect(fill(deep, layers.names.number)).not.toBe(blank);
    expect(fill(deep, layers.names.omission)).not.toBe(blank);
    expect(CSS.highlights.get(layers.names.number)?.size).toBe(1);
    expect(CSS.highlights.has(layers.names.omission)).toBe(false);
    // Only the element holding the text carries the attribute the rules select.
    expect(root.querySelectorAll(`[${layers.markedAttribute}]`)).toHaveLength(1);
    expect(deep.hasAttribute(layers.markedAttribute)).toBe(true);
    layers.clear();
    expect(CSS.highlights.has(layers.names.number)).toBe(false);
    expect(deep.hasAttribute(layers.markedAttribute)).toBe(false);
  });

  it('leaves unmarked elements out of its rules, so its stylesheet restyles only the marked ones', () => {
    const root = mount('<p id="marked">甲乙丙</p><p id="plain">丁戊己</p>');
    const layers = new HighlightLayers('scope2');
    layers.draw('number', [rangeOver(root.querySelector('#marked')!.firstChild!)]);
    expect(fill(root.querySelector('#marked')!, layers.names.number)).not.toBe(blank);
    expect(fill(root.querySelector('#plain')!, layers.names.number)).toBe(blank);
    const rules = document.adoptedStyleSheets.flatMap((s) => Array.from(s.cssRules)).filter((r) => r.cssText.includes(layers.names.number));
    expect(rules.map((r) => r.cssText.startsWith(`[${layers.markedAttribute}]::highlight(`))).toEqual([true]);
    layers.clear();
  });

  it('shares one stylesheet between drawings of the same names, so a redraw adopts nothing new', () => {
    const root = mount('<p>甲乙丙</p>');
    const first = new HighlightLayers('shared2');
    first.draw('omission', [rangeOver(root.querySelector('p')!.firstChild!)]);
    const before = document.adoptedStyleSheets.length;
    const next = new HighlightLayers('shared2', { staged: true });
    next.draw('omission', [rangeOver(root.querySelector('p')!.firstChild!)]);
    next.commit();
    first.detach();
    expect(document.adoptedStyleSheets.length).toBe(before);
    next.clear();
  });

  it('styles a closed shadow root and puts back a stylesheet the page dropped', () => {
    const root = mount('<div id="h"></div>');
    const shadow = root.querySelector('#h')!.attachShadow({ mode: 'closed' });
    shadow.innerHTML = '<p><em>影子树内的文字</em></p>';
    const em = shadow.querySelector('em')!;
    const layers = new HighlightLayers('shadow6');
    layers.draw('wording', [rangeOver(em.firstChild!)]);
    expect(fill(em, layers.names.wording)).not.toBe(blank);
    document.adoptedStyleSheets = [];
    shadow.adoptedStyleSheets = [];
    em.removeAttribute(layers.markedAttribute);
    expect(fill(em, layers.names.wording)).toBe(blank);
    expect(layers.repair()).toBe(true);
    expect(em.hasAttribute(layers.markedAttribute)).toBe(true);
    expect(document.adoptedStyleSheets.some((s) => Array.from(s.cssRules).some((r) => r.cssText.includes(layers.names.wording)))).toBe(true);
    expect(shadow.adoptedStyleSheets).toHaveLength(1);
    expect(fill(em, layers.names.wording)).not.toBe(blank);
    expect(layers.repair()).toBe(false);
    layers.clear();
  });
});
