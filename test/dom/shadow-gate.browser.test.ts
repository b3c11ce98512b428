// The gate's look into shadow roots (lib/dom/shadow-gate.ts), in Chromium
// (Vitest browser mode) over real closed shadow roots. A page script cannot
// reach a closed root; the content script gets it from
// chrome.dom.openOrClosedShadowRoot, and here the roots the test attached are
// handed back the same way, by an injected shadowRootOf.
import { describe, expect, it } from 'vitest';
import { ShadowHanProbe, mayHostShadow } from '../../lib/dom/shadow-gate';

function setup(body: string) {
  const doc = document.implementation.createHTMLDocument('English only');
  doc.body.innerHTML = body;
  const roots = new Map<Element, ShadowRoot>();
  const attach = (host: Element, html: string) => {
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = html;
    roots.set(host, root);
    return root;
  };
  const asked: string[] = [];
  const shadowRootOf = (el: Element) => {
    asked.push(el.localName);
    return roots.get(el) ?? el.shadowRoot;
  };
  return { doc, attach, shadowRootOf, asked };
}

const run = (p: ShadowHanProbe) => {
  let s = p.step(Infinity);
  while (s === 'more') s = p.step(Infinity);
  return s;
};

describe('ShadowHanProbe', () => {
  it('finds Han text in a shadow root when the light DOM has none', () => {
    const { doc, attach, shadowRootOf } = setup('<main><p>News</p><div id="host">light text</div></main>');
    attach(doc.getElementById('host')!, '<p>中共中央政治局常务委员会召开会议</p>');
    expect(run(new ShadowHanProbe(doc.documentElement, shadowRootOf))).toBe('han');
  });

  it('finds it in a root nested inside a root without Han', () => {
    const { doc, attach, shadowRootOf } = setup('<news-card id="card"></news-card>');
    const outer = attach(doc.getElementById('card')!, '<section id="inner">English</section>');
    attach(outer.querySelector('#inner')!, '<p>研究下一步疫情防控工作</p>');
    expect(run(new ShadowHanProbe(doc.documentElement, shadowRootOf))).toBe('han');
  });

  it('says none when no root holds Han text, and asks only elements that can host a root', () => {
    const { doc, attach, shadowRootOf, asked } = setup('<div id="host"></div><ul><li><a href="#">link</a></li></ul><img alt=""><my-widget></my-widget>');
    attach(doc.getElementById('host')!, '<p>Only English in here</p>');
    const p = new ShadowHanProbe(doc.documentElement, shadowRootOf);
    expect(run(p)).toBe('none');
    expect(asked.sort()).toEqual(['body', 'div', 'my-widget', 'p']);
    expect(p.asked).toBe(4);
  });

  it('gives the page its turn: a spent budget returns "more" and the walk resumes where it stopped', () => {
    const cells = '<div><span>x</span></div>'.repeat(3000);
    const { doc, attach, shadowRootOf } = setup(`${cells}<div id="last"></div>`);
    attach(doc.getElementById('last')!, '<p>新华社北京2月3日电</p>');
    let clock = 0;
    // Every clock read advances 1 ms: a 0.5 ms budget stops at the first read.
    const p = new ShadowHanProbe(doc.documentElement, shadowRootOf, () => clock++);
    const steps: string[] = [];
    for (let s = p.step(0.5); ; s = p.step(0.5)) {
      steps.push(s);
      if (s !== 'more') break;
    }
    expect(steps.at(-1)).toBe('han');
    expect(steps.length).toBeGreaterThan(2);
  });

  it('knows which names can host a shadow root (DOM Standard)', () => {
    for (const n of ['div', 'span', 'p', 'article', 'section', 'h1', 'body', 'x-card']) expect(mayHostShadow(n)).toBe(true);
    for (const n of ['a', 'li', 'img', 'table', 'td', 'button', 'input']) expect(mayHostShadow(n)).toBe(false);
  });

  describe('closed roots on standard elements are asked of the first closedRootProbeLimit only', () => {
    const page = (divs: number) => {
      const env = setup(`${'<div></div>'.repeat(divs - 1)}<div id="host"></div><my-card id="card"></my-card>`);
      return env;
    };
    // body is the first standard element asked, then the divs: a limit of N+1 reaches the N-th div.
    it('a closed root on the last standard element within the limit is found', () => {
      const { doc, attach, shadowRootOf } = page(50);
      attach(doc.getElementById('host')!, '<p>中共中央政治局</p>');
      expect(run(new ShadowHanProbe(doc.body, shadowRootOf, undefined, 51))).toBe('han');
    });
    it('one past the limit it is not asked (a stated limit), while a custom element always is', () => {
      const { doc, attach, shadowRootOf, asked } = page(50);
      attach(doc.getElementById('host')!, '<p>中共中央政治局</p>');
      expect(run(new ShadowHanProbe(doc.body, shadowRootOf, undefined, 50))).toBe('none');
      expect(asked).toContain('my-card');
      attach(doc.getElementById('card')!, '<p>研究下一步疫情防控工作</p>');
      expect(run(new ShadowHanProbe(doc.body, shadowRootOf, undefined, 50))).toBe('han');
    });
  });
});
