import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { Extractor, extractSnapshot, extractText, hasAnyHan, hasEnoughHan, staticVisibility } from '../../lib/dom/extract';

function doc(html: string): Document {
  return parseHTML(`<!doctype html><html><head><title>标题不算</title><style>p{}</style></head><body>${html}</body></html>`).document as unknown as Document;
}

describe('extract', () => {
  it('keeps visible text, separates blocks, skips non-text elements', () => {
    const d = doc(`<h1>中共中央</h1><p>第一段<b>加粗</b>文字<br>换行后</p>
      <script>var x = "脚本";</script><style>.a{}</style><noscript>无脚本</noscript><template><p>模板</p></template>
      <textarea>输入框</textarea><input value="输入"><select><option>选项</option></select>
      <div hidden>隐藏</div><div style="color:red; display: none">不显示</div>
      <div data-yuanwen-ui>页面冒充的界面</div><yuanwen-ui>标签也能冒充</yuanwen-ui>
      <div aria-hidden="true">读屏隐藏但可见</div><span>行内</span><span>相连</span>`);
    // Yuanwen's marker attribute and tag are page text when the page sets them: no attribute is trusted.
    expect(extractText(d)).toBe('中共中央\n第一段加粗文字\n换行后\n页面冒充的界面\n标签也能冒充\n读屏隐藏但可见\n行内相连');
  });

  it('maps every node character back to its Text node; synthetic newlines map to none', () => {
    const d = doc('<p>甲乙</p><p>丙<i>丁</i>戊</p>');
    const snap = extractSnapshot(d.body);
    expect(snap.text).toBe('甲乙\n丙丁戊');
    expect(snap.nodes.map((n) => n.data)).toEqual(['甲乙', '丙', '丁', '戊']);
    expect(snap.starts).toEqual([0, 3, 4, 5]);
    for (let i = 0; i < snap.nodes.length; i++) {
      expect(snap.text.slice(snap.starts[i], snap.starts[i]! + snap.data[i]!.length)).toBe(snap.nodes[i]!.data);
    }
  });

  it('uses a visibility strategy: none skips the subtree, hidden skips only own text', () => {
    const d = doc('<div class="n">不见<p>也不见</p></div><div class="h">自己隐藏<p class="v">孩子可见</p></div>');
    const vis = (el: Element) => {
      const s = staticVisibility(el);
      if (s !== 'visible') return s;
      if (el.getAttribute('class') === 'n') return 'none';
      if (el.getAttribute('class') === 'h') return 'hidden';
      return 'visible';
    };
    expect(extractSnapshot(d.body, { visibility: vis }).text).toBe('孩子可见');
  });

  it('survives a DOM nested 5,000 deep (iterative walk)', () => {
    const depth = 5000;
    const d = doc('<div id="root"></div>');
    let parent: Element = d.getElementById('root')!;
    for (let i = 0; i < depth; i++) {
      const c = d.createElement('span');
      parent.appendChild(c);
      parent = c;
    }
    parent.appendChild(d.createTextNode('最深处的文字'));
    expect(extractText(d)).toBe('最深处的文字');
  });

  it('is resumable: many small steps give the same snapshot as one', () => {
    const parts: string[] = [];
    for (let i = 0; i < 3000; i++) parts.push(`<p>第${i}段<span>文字</span></p>`);
    const d = doc(parts.join(''));
    const whole = extractSnapshot(d.body).text;
    const ex = new Extractor(d.body);
    let ticks = 0;
    let t = 0;
    // a fake clock that advances 1 ms per read: every slice stops at its first check
    while (!ex.step(0.5, () => t++)) ticks++;
    expect(ticks).toBeGreaterThan(3);
    expect(ex.snapshot().text).toBe(whole);
  });

  it('stops at maxChars', () => {
    const d = doc('<p>一二三四五</p><p>六七八九十</p>');
    expect(extractSnapshot(d.body, { maxChars: 5 }).text).toBe('一二三四五');
  });
});

describe('gates', () => {
  it('hasEnoughHan counts Han characters only', () => {
    expect(hasEnoughHan('abc 123 ，。', 1)).toBe(false);
    expect(hasEnoughHan('中'.repeat(39), 40)).toBe(false);
    expect(hasEnoughHan('x中'.repeat(40), 40)).toBe(true);
    expect(hasAnyHan('only latin')).toBe(false);
    expect(hasAnyHan('一')).toBe(true);
  });

  it("skips Yuanwen's own UI by identity only", () => {
    const d = doc('<p>正文</p><div id="ui">界面文字</div><div data-yuanwen-ui>冒充</div>');
    const ui = d.getElementById('ui')!;
    expect(extractSnapshot(d.body, { skip: (el) => el === ui }).text).toBe('正文\n冒充');
  });

  it('reads the shadow root the caller opens (a closed one in the browser) instead of the light-DOM children', () => {
    const d = doc('<div id="host"><p>忠实的原文</p></div>');
    const host = d.getElementById('host')!;
    const fakeRoot = d.createElement('div');
    fakeRoot.innerHTML = '<p>改过的文字</p>';
    // linkedom has no closed shadow roots: a stand-in node plays the root opened by chrome.dom.
    const snap = extractSnapshot(d.body, { shadowRootOf: (el) => (el === host ? (fakeRoot as unknown as ShadowRoot) : null) });
    expect(snap.text).toBe('改过的文字');
  });

  it('records generated content and bidi overrides over Han text or digits as rendering anomalies', () => {
    const d = doc('<p>会议于<span class="g">3</span>月召开</p><p>日期<bdo dir="rtl">17</bdo>日</p><p>时间\u202e71\u202c日</p><p>没有问题</p>');
    const rendering = (el: Element) => {
      const cls = el.getAttribute('class');
      if (cls === 'g') return { visibility: 'visible' as const, after: '5' };
      if (el.tagName === 'BDO') return { visibility: 'visible' as const, bidiOverride: true };
      return { visibility: staticVisibility(el) };
    };
    const snap = extractSnapshot(d.body, { rendering });
    expect(snap.text).toBe('会议于3月召开\n日期17日\n时间\u202e71\u202c日\n没有问题');
    const at = (a: { start: number; end: number }) => snap.text.slice(a.start, a.end);
    expect(snap.anomalies.map((a) => [a.kind, a.start, at(a)])).toEqual([
      ['generated', 4, ''],
      ['bidi', 10, '17'],
      ['bidi', 14, '时间\u202e71\u202c日'],
    ]);
  });

  it('a bidi override over Latin letters only is no anomaly', () => {
    const d = doc('<p>名称<bdo dir="rtl">abc</bdo></p>');
    const rendering = (el: Element) => ({ visibility: staticVisibility(el), bidiOverride: el.tagName === 'BDO' });
    expect(extractSnapshot(d.body, { rendering }).anomalies).toEqual([]);
  });
});
