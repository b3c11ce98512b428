// The demo: `npm run demo` builds the extension, serves the demo pages on
// 127.0.0.1 and opens Chromium with Yuanwen loaded. With no display (a server,
// CI) it runs headless instead, saves a screenshot of each page to
// test/e2e/screenshots/demo-*.png and prints where they are.
import { Harness, waitForBanner, waitForRuns } from './harness';
import { buildPage, escapeHtml, infinitePage, spaPage, type PageName } from './pages';

const demoPages: Array<{ name: PageName; title: string }> = [
  { name: 'farm', title: '内容农场的洗稿转载（种子 002）' },
  { name: 'edited', title: '改动过的转载：每种差异各一处' },
  { name: 'faithful', title: '忠实转载（人民日报 2020-02-03）' },
  { name: 'traditional', title: '繁体字转载' },
  { name: 'late', title: '载入后才插入通稿的页面' },
  { name: 'none', title: '没有通稿的中文页面' },
  { name: 'dark', title: '深色页面' },
];

function indexPage(): string {
  const items = demoPages.map((p) => `<li><a href="/${p.name}.html">${escapeHtml(p.title)}</a></li>`).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>原文 · 演示</title><link rel="icon" href="data:,">
<style>body{font:17px/1.8 "Noto Sans CJK SC",sans-serif;max-width:760px;margin:40px auto;padding:0 16px}</style></head>
<body><h1>原文（Yuanwen）演示页面</h1>
<p>这些页面都在本机 127.0.0.1 上提供。打开任意一页，原文扩展会在右下角显示核对结果，并在正文中标出差异；点击工具栏上的“原文”图标查看对照。</p>
<ul>${items}
<li><a href="/spa">单页应用（点击“下一篇”切换文章）</a></li>
<li><a href="/infinite.html">无限滚动（向下滚动加载更多段落）</a></li></ul></body></html>`;
}

async function main(): Promise<void> {
  const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.HEADLESS !== '1';
  const routes: Record<string, string> = { '/': indexPage(), '/spa': spaPage(), '/spa/next': spaPage(), '/infinite.html': infinitePage() };
  for (const p of demoPages) routes[`/${p.name}.html`] = buildPage(p.name);
  const h = await new Harness(routes).start({ headless: !headed });
  console.log(`Demo pages: ${h.url('/')}`);
  if (headed) {
    const page = await h.context.newPage();
    await page.goto(h.url('/farm.html'));
    const index = await h.context.newPage();
    await index.goto(h.url('/'));
    await page.bringToFront();
    console.log('Chromium is open with Yuanwen loaded. Close the browser window (or press Ctrl+C) to stop.');
    await new Promise<void>((resolve) => {
      h.context.on('close', () => resolve());
      process.on('SIGINT', () => resolve());
    });
    await h.stop();
    return;
  }
  console.log('No display found: running Chromium headless and saving screenshots instead.');
  for (const p of demoPages) {
    const page = await h.context.newPage();
    await page.goto(h.url(`/${p.name}.html`));
    if (p.name === 'none') await waitForRuns(page, 1);
    else await waitForBanner(page).catch(() => undefined);
    await page.waitForTimeout(200);
    console.log(`  ${p.title}: ${await h.screenshot(page, `demo-${p.name}`)}`);
    if (p.name === 'farm') {
      const tabId = await h.tabId(page);
      const popup = await h.openPopup(tabId);
      await popup.waitForFunction(() => document.body.innerText.includes('人民日报'), undefined, { timeout: 15_000 }).catch(() => undefined);
      console.log(`  比对页面（popup）: ${await h.screenshot(popup, 'demo-popup')}`);
      await popup.close();
    }
    await page.close();
  }
  const outside = h.outsideRequests();
  console.log(outside.length === 0 ? 'No network request left 127.0.0.1.' : `Requests outside 127.0.0.1: ${JSON.stringify(outside)}`);
  await h.stop();
}

await main();
