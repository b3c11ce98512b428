// Test and demo pages, built from the seeds at run time. Shared by the e2e
// tests, the demo (npm run demo) and the main-thread bench.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { mulberry32 } from '../support/random';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function seed(prefix: string): string {
  const names: Record<string, string> = {
    '000': '000_7d8cd2bc0c09fa30.txt',
    '001': '001_49b3bb082dad6287.txt',
    '002': '002_4ec4b0ae00f95d62.txt',
    '003': '003_a7f0dd59911b8b69.txt',
    '004': '004_714d42e7a528be23.txt',
  };
  return readFileSync(join(repoRoot, 'seeds', names[prefix]!), 'utf8');
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text -> paragraphs (blank lines and line breaks separate paragraphs, as in the seed scrapes). */
export function paragraphs(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
}

export interface PageOptions {
  title: string;
  body: string;
  head?: string;
  dark?: boolean;
}

/** A content-farm page: header, breadcrumbs, sidebar, comments and footer around the article. */
export function farmPage(o: PageOptions): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(o.title)}</title>
<link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 17px/1.8 "Noto Sans CJK SC", sans-serif; ${o.dark ? 'background:#111827;color:#e5e7eb;' : 'background:#fafafa;color:#222;'} }
  header, footer { padding: 12px 24px; ${o.dark ? 'background:#1f2937;' : 'background:#2b4d7d;color:#fff;'} }
  header a, footer a { color: inherit; margin-right: 14px; }
  .wrap { display: flex; gap: 24px; max-width: 1100px; margin: 0 auto; padding: 16px; }
  article { flex: 3; } aside { flex: 1; font-size: 14px; }
  .ad { border: 1px dashed #999; padding: 8px; margin: 8px 0; }
  .comments { border-top: 1px solid #ccc; margin-top: 24px; font-size: 14px; }
</style>${o.head ?? ''}</head>
<body>
<header><strong>久久资讯网</strong> <nav><a href="#">首页</a><a href="#">投资</a><a href="#">财经</a><a href="#">科技</a><a href="#">联系我们</a></nav></header>
<div class="wrap">
<article>
<div class="crumbs">你的位置：<a href="#">首页</a> &gt; <a href="#">投资</a> &gt; 正文</div>
<div class="meta">2023-09-14 12:02 点击次数：58</div>
<div id="article-body">
${o.body}
</div>
<div class="comments"><h3>网友评论</h3><p>游客：支持一下。</p><p>游客：写得很详细，收藏了。</p><button>发表评论</button><textarea>在这里输入评论</textarea></div>
</article>
<aside>
<h3>热门文章</h3><ul><li><a href="#">春季养生小常识</a></li><li><a href="#">家常菜的十种做法</a></li><li><a href="#">如何挑选新鲜水果</a></li></ul>
<div class="ad">广告位招租 电话：400-000-0000</div>
<div class="ad" style="display:none">隐藏的广告文字不应被读取</div>
</aside>
</div>
<footer>Copyright © 2023 久久资讯网 版权所有 <a href="#">网站地图</a></footer>
</body></html>`;
}

const tw = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** Unrelated Chinese text: no bulletin, no spun forms. */
export const unrelatedChinese = `春天到了，公园里的樱花陆续开放，吸引了许多市民前来赏花拍照。
气象部门预计，本周末全市以晴到多云为主，最高气温二十二度左右，适合外出踏青。
专家提醒，春季早晚温差较大，外出时注意增减衣物，花粉过敏的朋友可以佩戴口罩。
另外，周边几个郊野公园也开放了新的步道，沿途可以看到油菜花田和竹林，很适合全家一起散步。
附近的茶园正在采摘明前茶，游客可以体验炒茶，品尝今年的新茶。`;

/**
 * Seed 003's Xinhua body with one edit of each kind, at known words:
 * a changed date, an added negation, a spun word, a distorting spun word,
 * a dropped sentence and an added sentence.
 */
export const edits = {
  number: { from: '中共中央政治局常务委员会2月3日召开会议', to: '中共中央政治局常务委员会2月5日召开会议' },
  negation: { from: '要全力以赴救治患者', to: '不要全力以赴救治患者' },
  spin: { from: '研究下一步疫情防控工作。', to: '研究下一步疫情防控服务。' },
  distorting: { from: '听取中央应对新型冠状病毒', to: '听取中央玩忽新型冠状病毒' },
  omission: { from: '这是当前防控工作的突出任务。', to: '' },
  insertion: { from: '中共中央总书记习近平主持会议并发表重要讲话。', to: '中共中央总书记习近平主持会议并发表重要讲话。据悉，会议还决定向每位市民免费发放口罩十只。' },
} as const;

export function editedText(): string {
  const full = seed('003');
  let text = full.slice(full.indexOf('新华社北京2月3日电'), 3918);
  for (const e of Object.values(edits)) {
    if (!text.includes(e.from)) throw new Error(`seed 003 has no "${e.from}"`);
    text = text.replace(e.from, e.to);
  }
  return text;
}

export type PageName = 'farm' | 'edited' | 'faithful' | 'traditional' | 'late' | 'none' | 'english' | 'dark';

export function buildPage(name: PageName): string {
  switch (name) {
    case 'farm':
      return farmPage({ title: '中央应对疫情工作领导小组战“疫”日记 - 久久资讯网', body: paragraphs(seed('002')) });
    case 'dark':
      return farmPage({ title: '战“疫”日记（深色页面）', body: paragraphs(seed('002')), dark: true });
    case 'edited':
      return farmPage({ title: '中共中央政治局常务委员会召开会议（改动转载）', body: paragraphs(editedText()) });
    case 'faithful':
      return farmPage({ title: '中共中央政治局常务委员会召开会议 - 转载', body: paragraphs(seed('003')) });
    case 'traditional':
      return farmPage({ title: tw('中共中央政治局常务委员会召开会议（繁体转载）'), body: paragraphs(tw(seed('003'))) });
    case 'late':
      // The bulletin is in a <template> (never extracted) and moved into the page after load.
      return farmPage({
        title: '稍后加载的文章',
        body: `<p id="loading">正在加载……</p><template id="later">${paragraphs(seed('002'))}</template>
<script>setTimeout(function () {
  var t = document.getElementById('later');
  document.getElementById('loading').remove();
  document.getElementById('article-body').appendChild(t.content.cloneNode(true));
}, 600);</script>`,
      });
    case 'none':
      return farmPage({ title: '春日出游指南', body: paragraphs(unrelatedChinese) });
    case 'english':
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain English page</title><link rel="icon" href="data:,"></head>
<body><h1>Weather</h1>${'<p>Sunny with a light breeze in the afternoon. Temperatures near twenty degrees.</p>'.repeat(50)}</body></html>`;
  }
}

export const pageNames: readonly PageName[] = ['farm', 'edited', 'faithful', 'traditional', 'late', 'none', 'english', 'dark'];

/** Deterministic pseudo-random generator for generated text (shared with the other test generators). */
export const rng = mulberry32;

/** Han filler text that matches no reference: characters drawn from a neutral pool. */
export function filler(chars: number, random = rng(7)): string {
  const pool = '春夏秋冬山水花草鸟鱼虫木林田园茶米面包饭菜汤果桃李杏梨瓜豆麦稻风雨雪云月星日光影天地江河湖海桥路车船歌舞书画琴棋';
  let s = '';
  for (let i = 0; i < chars; i++) s += pool[Math.floor(random() * pool.length)];
  return s;
}

/**
 * A page with about `textNodes` text nodes and `bytes` bytes of text: filler
 * paragraphs of many small inline nodes, with seed 002's 2月3日 section in the middle.
 */
export function bigPage(opts: { textNodes: number; chars: number; withBulletin?: boolean }): string {
  const perNode = Math.max(1, Math.floor(opts.chars / opts.textNodes));
  const random = rng(42);
  const parts: string[] = [];
  const half = Math.floor(opts.textNodes / 2);
  for (let i = 0; i < opts.textNodes; i++) {
    if (i === half && opts.withBulletin !== false) parts.push(`<div id="bulletin">${paragraphs(seed('002'))}</div>`);
    if (i % 20 === 0) parts.push(i === 0 ? '<p>' : '</p><p>');
    parts.push(`<span>${filler(perNode, random)}</span>`);
  }
  parts.push('</p>');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>大页面</title><link rel="icon" href="data:,"></head><body>${parts.join('')}</body></html>`;
}

// --- hostile pages (issue 4) ----------------------------------------------

/** About `bytes` bytes of UTF-8 text (Han characters, 3 bytes each) with seed 002 in the middle. */
export function hugePage(bytes = 5 * 1024 * 1024): string {
  const chars = Math.floor(bytes / 3);
  const random = rng(5);
  const paras: string[] = [];
  const para = 2000;
  const n = Math.floor(chars / para);
  for (let i = 0; i < n; i++) {
    if (i === Math.floor(n / 2)) paras.push(`<div id="bulletin">${paragraphs(seed('002'))}</div>`);
    paras.push(`<p>${filler(para, random)}</p>`);
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>五兆字节</title><link rel="icon" href="data:,"></head><body>${paras.join('\n')}</body></html>`;
}

/** Seed 002's bulletin plus a script making tens of thousands of DOM mutations a second elsewhere on the page. */
export function stormPage(perTick = 400): string {
  return farmPage({
    title: '不停变化的页面',
    body: `<div id="ticker"></div>${paragraphs(editedText())}
<script>
(function () {
  var ticker = document.getElementById('ticker');
  var spans = [];
  for (var i = 0; i < 50; i++) { var s = document.createElement('span'); s.textContent = '0'; ticker.appendChild(s); spans.push(s); }
  var count = 0;
  window.__mutations = 0;
  function tick() {
    for (var k = 0; k < ${perTick}; k++) {
      count++;
      if (k % 2) { spans[count % 50].firstChild.data = String(count); }
      else { var b = document.createElement('b'); ticker.appendChild(b); ticker.removeChild(b); }
    }
    window.__mutations += ${perTick} * 1.5;
  }
  setInterval(tick, 0);
})();
</script>`,
  });
}

/**
 * The edited bulletin at the bottom of a DOM nested `depth` deep (built by
 * script: the HTML parser caps nesting at 512). Nested <span>s: Chromium 156's
 * own renderer crashes at about 3,000 nested <div>s, with or without Yuanwen.
 */
export function deepPage(depth = 5000): string {
  return farmPage({
    title: '嵌套五千层',
    body: `<div id="deep"></div><template id="payload">${paragraphs(editedText())}</template>
<script>
(function () {
  var el = document.getElementById('deep');
  for (var i = 0; i < ${depth}; i++) { var d = document.createElement('span'); el.appendChild(d); el = d; }
  el.appendChild(document.getElementById('payload').content.cloneNode(true));
  document.body.dataset.depth = String(${depth});
})();
</script>`,
  });
}

/** The edited bulletin inside an open shadow root, and seed 002 inside a same-origin iframe. */
export function shadowFramePage(): string {
  return farmPage({
    title: '影子树与内嵌框架',
    body: `<h2>本页转载</h2><div id="host"></div><template id="payload">${paragraphs(editedText())}</template>
<iframe id="frame" src="/frame-002.html" style="width:100%;height:600px;border:1px solid #ccc"></iframe>
<script>
(function () {
  var root = document.getElementById('host').attachShadow({ mode: 'open' });
  var article = document.createElement('article');
  article.appendChild(document.getElementById('payload').content.cloneNode(true));
  root.appendChild(article);
})();
</script>`,
  });
}

export function framePage002(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>框架</title></head><body>${paragraphs(seed('002'))}</body></html>`;
}

/** Strict Content-Security-Policy: no script, no style, nothing. Send it as a header. */
export const strictCsp = "default-src 'none'; script-src 'none'; style-src 'none'; img-src 'none'; connect-src 'none'; frame-src 'none'";

export function cspPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>严格内容安全策略</title></head><body>${paragraphs(editedText())}</body></html>`;
}

/** A page script that breaks the DOM prototypes of its own world. */
export function prototypesPage(): string {
  return farmPage({
    title: '改写原型的页面',
    head: `<script>
(function () {
  function boom(name) { return function () { throw new Error('page broke ' + name); }; }
  Node.prototype.appendChild = boom('appendChild');
  Node.prototype.insertBefore = boom('insertBefore');
  Element.prototype.attachShadow = boom('attachShadow');
  Range.prototype.setStart = boom('Range.setStart');
  Range.prototype.setEnd = boom('Range.setEnd');
  Range.prototype.getClientRects = boom('Range.getClientRects');
  Document.prototype.createRange = boom('createRange');
  Document.prototype.createTreeWalker = boom('createTreeWalker');
  Document.prototype.createElement = boom('createElement');
  window.getComputedStyle = boom('getComputedStyle');
  // (MutationObserver stays: Playwright's own injected script needs it in this world.)
  window.Highlight = boom('Highlight');
  CSSStyleSheet.prototype.replaceSync = boom('replaceSync');
  Performance.prototype.mark = boom('performance.mark');
  Object.defineProperty(Node.prototype, 'textContent', { get: boom('textContent') });
  Object.defineProperty(CharacterData.prototype, 'data', { get: boom('data') });
  window.__broken = true;
})();
</script>`,
    body: paragraphs(editedText()),
  });
}

/** A page that removes Yuanwen's banner each time it appears. */
export function bannerRemoverPage(): string {
  return farmPage({
    title: '删除横幅的页面',
    body: `${paragraphs(editedText())}
<script>
(function () {
  window.__removed = 0;
  new MutationObserver(function () {
    var ui = document.querySelector('yuanwen-ui');
    if (ui) { ui.remove(); window.__removed++; }
  }).observe(document.documentElement, { childList: true });
})();
</script>`,
  });
}

// --- pages that change -----------------------------------------------------

/** A single-page app: "next article" swaps the article and pushes a new URL; Back restores it. */
export function spaPage(): string {
  return farmPage({
    title: '单页应用',
    body: `<nav><a id="next" href="/spa/next">下一篇</a></nav><div id="view"></div>
<template id="a">${paragraphs(seed('002'))}</template><template id="b">${paragraphs(seed('003'))}</template>
<script>
(function () {
  function show(which) {
    var view = document.getElementById('view');
    view.replaceChildren(document.getElementById(which).content.cloneNode(true));
  }
  show(location.pathname.indexOf('/next') >= 0 ? 'b' : 'a');
  document.getElementById('next').addEventListener('click', function (e) {
    e.preventDefault();
    history.pushState({}, '', '/spa/next');
    show('b');
  });
  window.addEventListener('popstate', function () { show(location.pathname.indexOf('/next') >= 0 ? 'b' : 'a'); });
})();
</script>`,
  });
}

/** Infinite scroll: the article's paragraphs arrive in chunks as the reader nears the bottom. */
export function infinitePage(): string {
  const paras = seed('002').split(/\r?\n/).filter((l) => l.trim().length > 0);
  const chunks: string[] = [];
  for (let i = 0; i < paras.length; i += 12) chunks.push(paras.slice(i, i + 12).map((l) => `<p>${escapeHtml(l)}</p>`).join(''));
  return farmPage({
    title: '无限滚动',
    body: `<div id="feed"></div>${chunks.map((c, i) => `<template class="chunk" data-i="${i}">${c}</template>`).join('')}
<script>
(function () {
  var chunks = document.querySelectorAll('template.chunk');
  var next = 0;
  var feed = document.getElementById('feed');
  function more() { if (next < chunks.length) { feed.appendChild(chunks[next++].content.cloneNode(true)); window.__chunks = next; } }
  more(); more();
  window.addEventListener('scroll', function () {
    if (window.innerHeight + window.scrollY > document.body.scrollHeight - 400) more();
  });
})();
</script>`,
  });
}

// --- attacks by a content farm (issue 11) ------------------------------------

/**
 * Script for a page that knows Yuanwen's extension id (`?id=` in its URL) and
 * tries WXT's started event: it listens for the event and for the
 * postMessage (to learn that Yuanwen runs) and dispatches the event itself,
 * at once and every 50 ms, to make WXT invalidate the content script.
 * `window.__seen` lists what the page saw, `window.__fired` how often it fired.
 */
export const startedEventAttack = `<script>
(function () {
  var id = new URLSearchParams(location.search).get('id');
  var name = id + ':content:wxt:content-script-started';
  window.__seen = [];
  window.__fired = 0;
  window.addEventListener('message', function (e) {
    var t = e.data && e.data.type;
    if (typeof t === 'string' && t.indexOf('content-script-started') >= 0) window.__seen.push('postMessage ' + t);
  });
  document.addEventListener(name, function (e) { if (!(e.detail && e.detail.messageId === 'farm')) window.__seen.push('event ' + name); }, true);
  function fire() {
    window.__fired++;
    document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'farm' } }));
  }
  fire();
  setInterval(fire, 50);
})();
</script>`;

/** The edited repost under WXT's started-event attack. */
export function silencingPage(): string {
  return farmPage({ title: '试图关闭原文的页面', head: startedEventAttack, body: paragraphs(editedText()) });
}

/** A page with no Han text that listens for any sign of Yuanwen. */
export function englishSnoopPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Snoop</title><link rel="icon" href="data:,">${startedEventAttack}</head>
<body><h1>Weather</h1>${'<p>Sunny with a light breeze in the afternoon. Temperatures near twenty degrees.</p>'.repeat(50)}</body></html>`;
}

/** Seed 003's Xinhua body unedited (the text editedText() edits). */
export function faithfulText(): string {
  const full = seed('003');
  return full.slice(full.indexOf('新华社北京2月3日电'), 3918);
}

/** HTML for a script string literal (the seeds hold no "</script>"). */
function jsString(html: string): string {
  return JSON.stringify(html).replace(/</g, '\\u003c');
}

/**
 * Pages whose DOM text and rendered text differ (issue 11, false green): the
 * reader sees the edited bulletin (or altered words) while a DOM reader finds
 * the faithful one. Each must not come out green.
 */
export const falseGreenPages: Record<string, () => string> = {
  // A closed shadow root renders the edited text; the unslotted light-DOM children hold the faithful text.
  closedShadow: () =>
    farmPage({
      title: '封闭影子树',
      body: `<div id="host">${paragraphs(faithfulText())}</div>
<script>document.getElementById('host').attachShadow({ mode: 'closed' }).innerHTML = ${jsString(paragraphs(editedText()))};</script>`,
    }),
  // [hidden] is overridden by CSS; the faithful copy sits far off the page.
  hiddenOverridden: () =>
    farmPage({
      title: 'hidden 被样式推翻',
      head: '<style>[hidden] { display: block !important; }</style>',
      body: `<div hidden>${paragraphs(editedText())}</div><div style="position:absolute; left:-20000px; top:0; width:600px">${paragraphs(faithfulText())}</div>`,
    }),
  // Inline display:none is overridden by an !important rule; the faithful copy is fully transparent.
  inlineOverridden: () =>
    farmPage({
      title: '行内 display:none 被推翻',
      head: '<style>.shown { display: block !important; }</style>',
      body: `<div class="shown" style="display:none">${paragraphs(editedText())}</div><div style="opacity:0">${paragraphs(faithfulText())}</div>`,
    }),
  // The page puts Yuanwen's own UI marker on the visible article; the faithful copy has font-size 0.
  ownMarker: () =>
    farmPage({
      title: '冒充原文的界面标记',
      body: `<div data-yuanwen-ui>${paragraphs(editedText())}</div><yuanwen-ui>${paragraphs(editedText())}</yuanwen-ui><div style="font-size:0">${paragraphs(faithfulText())}</div>`,
    }),
  // ::before adds 不 in front of 要全力以赴救治患者.
  generatedNegation: () =>
    farmPage({
      title: '生成的否定词',
      head: '<style>.neg::before { content: "不"; }</style>',
      body: paragraphs(faithfulText()).replace('要全力以赴救治患者', '<span class="neg">要</span>全力以赴救治患者'),
    }),
  // 3 becomes 5: the digit has font-size 0, ::after shows 5.
  generatedDigit: () =>
    farmPage({
      title: '生成的数字',
      head: '<style>.d { font-size: 0; } .d::after { content: "5"; font-size: 17px; }</style>',
      body: paragraphs(faithfulText()).replace('常务委员会2月3日召开会议', '常务委员会2月<span class="d">3</span>日召开会议'),
    }),
  // <bdo dir=rtl> shows 日3月2 for 2月3日.
  bdo: () =>
    farmPage({
      title: '文字方向覆盖',
      body: paragraphs(faithfulText()).replace('常务委员会2月3日召开会议', '常务委员会<bdo dir="rtl">2月3日</bdo>召开会议'),
    }),
  // Flex `order` draws 3月2日 where the DOM holds 2月3日 (grid placement, floats and absolute positions do the same).
  layoutOrder: () =>
    farmPage({
      title: '排版改变字序',
      body: paragraphs(faithfulText()).replace(
        '常务委员会2月3日召开会议',
        '常务委员会<span style="display:inline-flex"><span style="order:3">2</span><span style="order:2">月</span><span style="order:1">3</span><span style="order:4">日</span></span>召开会议',
      ),
    }),
  // U+202E (right-to-left override) in the text does the same without markup.
  rlo: () =>
    farmPage({
      title: '文字方向控制符',
      body: paragraphs(faithfulText()).replace('常务委员会2月3日召开会议', '常务委员会\u202e2月3日\u202c召开会议'),
    }),
};

/** A faithful article plus an edited copy no reader sees (off the page, or opacity 0): must not be red. */
export const falseRedPages: Record<string, () => string> = {
  offscreenCopy: () =>
    farmPage({
      title: '页面外的改动副本',
      body: `${paragraphs(faithfulText())}<div style="position:absolute; left:-9999px; top:0; width:500px">${paragraphs(editedText())}</div>`,
    }),
  transparentCopy: () =>
    farmPage({
      title: '透明的改动副本',
      body: `${paragraphs(faithfulText())}<div style="opacity:0; height:0; overflow:hidden">${paragraphs(editedText())}</div>`,
    }),
};

/**
 * A bulletin (by default seed 002, a spun copy) with an invisible character
 * after every fourth character: the reader sees the bulletin, a DOM reader
 * sees every fingerprint broken. `style` is how the character is hidden.
 */
export function invisiblePaddingPage(text: string = seed('002'), style = 'font-size:0'): string {
  const body = text
    .split(/\r?\n/)
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      let out = '';
      for (let i = 0; i < line.length; i += 4) out += escapeHtml(line.slice(i, i + 4)) + `<span style="${style}">鸟</span>`;
      return `<p>${out}</p>`;
    })
    .join('\n');
  return farmPage({ title: '隐形字符填充的转载', body });
}

/** Ways a farm hides a padding character from the reader (the farm page's background is #fafafa, its text #222). */
export const invisibleStyles: Record<string, string> = {
  fontSize0: 'font-size:0',
  fontSize1px: 'font-size:1px',
  backgroundColour: 'color:#fafafa',
  shadeOff: 'color:#f2f2f2',
  opacity: 'opacity:0.06',
  scaled: 'display:inline-block;transform:scale(0.01)',
};

/**
 * The edited repost, and a page script that attacks Yuanwen's UI once it
 * appears: reads and rewrites the banner through an open shadow root (to
 * 文字一致 in green), hides the host with CSS and inline style, covers the
 * banner with its own box, clears CSS.highlights, makes Yuanwen's
 * highlights transparent, and presses the banner's button 20 times.
 * `window.__attack` records what it could do.
 */
export function uiTamperPage(): string {
  return farmPage({
    title: '篡改横幅的页面',
    head: `<style>
yuanwen-ui { display: none !important; }
::highlight(yuanwen-distorting), ::highlight(yuanwen-spin), ::highlight(yuanwen-number), ::highlight(yuanwen-insertion),
::highlight(yuanwen-omission), ::highlight(yuanwen-scrambled) { background: transparent !important; text-decoration: none !important; }
#cover { position: fixed; right: 0; bottom: 0; width: 420px; height: 260px; background: #fafafa; z-index: 2147483647; }
</style>`,
    body: `${paragraphs(editedText())}
<script>
(function () {
  window.__attack = { shadowSeen: false, rewrote: false, clicked: 0, rounds: 0 };
  var timer = setInterval(function () {
    var host = document.querySelector('yuanwen-ui');
    if (!host) return;
    var a = window.__attack;
    a.rounds++;
    var root = host.shadowRoot;
    if (root) {
      a.shadowSeen = true;
      var msg = root.querySelector('.message');
      var banner = root.querySelector('.banner');
      if (msg) { msg.textContent = '与人民日报2020年2月3日原文比对：文字一致，未发现改动。'; a.rewrote = true; }
      if (banner) banner.dataset.tone = 'faithful';
      var open = root.querySelector('button.open');
      for (var i = 0; i < 20; i++) if (open) { open.click(); a.clicked++; }
    }
    for (var j = 0; j < 20; j++) host.click();
    host.style.setProperty('display', 'none', 'important');
    if (!document.getElementById('cover')) {
      var cover = document.createElement('div');
      cover.id = 'cover';
      document.body.appendChild(cover);
    }
    CSS.highlights.clear();
    if (a.rounds > 8) clearInterval(timer);
  }, 150);
})();
</script>`,
  });
}

/**
 * A page that fires a synthetic (untrusted) pageshow with persisted: true
 * every 200 ms, as the back/forward cache does for real: each one used to
 * force a verification.
 */
export function pageshowStormPage(): string {
  return farmPage({
    title: '伪造 pageshow 的页面',
    body: `${paragraphs(editedText())}
<script>
window.__pageshows = 0;
setInterval(function () {
  window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.__pageshows++;
}, 200);
</script>`,
  });
}

/** Seed 002 (a spun copy, about 450 marks) `copies` times: a report with tens of thousands of marks. */
export function manyMarksPage(copies: number): string {
  const one = paragraphs(seed('002'));
  return farmPage({ title: '大量标记', body: Array.from({ length: copies }, () => `<section>${one}</section>`).join('\n') });
}

/** A page whose bulletin is in a cross-origin iframe (localhost vs 127.0.0.1: another origin on the same server). */
export function crossOriginFramePage(): string {
  return farmPage({
    title: '跨源框架里的通稿',
    body: `<p>本站转载，正文见下方框架。</p><iframe id="frame" width="900" height="700"></iframe>
<script>document.getElementById('frame').src = 'http://localhost:' + location.port + '/inner.html';</script>`,
  });
}
