import { describe, expect, it, vi } from 'vitest';
import { LibraryView, filterArticles, type LibraryFilter, type LibraryViewProps } from '../../components/library/LibraryView';
import type { ArticleRecord } from '../../lib/library/db';
import { renderLive, renderStatic } from '../components/live-dom';
import { makeT } from '../components/t-browser';

const t = makeT('zh_CN');
const article = (id: string, publisher: string, date: string, url: string): ArticleRecord => ({
  id, doc: 300, textSha: id, file: `${id}.txt`, start: 0, end: 500, headline: `标题${id}`, publisher, date, role: 'reference',
  sources: [{ via: 'auto-capture', url, capturedAt: '2026-12-01T00:00:00.000Z' }], addedAt: 1,
});
const articles = [article('a', '新华社', '2026-07-10', 'https://www.news.cn/a'), article('b', '人民日报', '2026-07-11', 'https://paper.people.com.cn/b'), article('c', '新华社', '2025-01-02', 'https://www.gov.cn/c')];

function props(over: Partial<LibraryViewProps> = {}): LibraryViewProps {
  return {
    articles, storage: { usage: 2 * 2 ** 20, quota: 10 * 2 ** 30 }, onOpen: async () => '全文', onDelete: vi.fn(), onExport: vi.fn(), onImport: vi.fn(),
    importState: { kind: 'idle' }, onAddFile: vi.fn(), onAddText: vi.fn(), auto: { on: false, trusted: ['news.cn'], onChange: vi.fn() }, t, ...over,
  };
}

describe('LibraryView', () => {
  it('lists every article with publisher, date and where it came from, and the storage used', () => {
    const { text, document } = renderStatic(<LibraryView {...props()} />);
    expect(document.querySelectorAll('.yw-library-list li')).toHaveLength(3);
    expect(text).toContain('共 3 篇原文');
    expect(text).toContain('已用存储空间：2.0 MB');
    expect(text).toContain('自动收录 https://www.news.cn/a');
  });

  it('filters by publisher and date range (bounds included), and searches headlines and addresses', () => {
    const ids = (f: Partial<LibraryFilter>) => filterArticles(articles, { query: '', publisher: '', from: '', to: '', ...f }).map((a) => a.id);
    expect(ids({ publisher: '新华社' })).toEqual(['a', 'c']);
    expect(ids({ publisher: '新华社', from: '2026-07-10' })).toEqual(['a']);
    expect(ids({ to: '2026-07-10' })).toEqual(['a', 'c']);
    expect(ids({ query: 'people.com.cn' })).toEqual(['b']);
    expect(ids({ query: '标题C' })).toEqual(['c']);
    // A query found only in an article's full text (Library.searchText's answer) keeps it.
    expect(ids({ query: '正文里的一句话' })).toEqual([]);
    expect(ids({ query: '正文里的一句话', textHits: new Set(['b']) })).toEqual(['b']);
  });

  it('deletes, then offers undo; shows import progress and a refused pack', () => {
    const onDelete = vi.fn();
    const onUndo = vi.fn();
    const live = renderLive(<LibraryView {...props({ onDelete, undo: { count: 1, onUndo }, importState: { kind: 'running', done: 3, total: 10 } })} />);
    try {
      live.click(live.container.querySelector('li[data-id="b"] .yw-danger'));
      expect(onDelete).toHaveBeenCalledWith(['b']);
      expect(live.container.textContent).toContain('已删除 1 篇原文。');
      live.click([...live.container.querySelectorAll('button')].find((b) => b.textContent === '撤销')!);
      expect(onUndo).toHaveBeenCalled();
      const progress = live.container.querySelector('progress')!;
      expect([progress.getAttribute('value'), progress.getAttribute('max')]).toEqual(['3', '10']);
    } finally {
      live.unmount();
    }
    const refused = renderStatic(<LibraryView {...props({ importState: { kind: 'error', message: '原文包中的文字与其校验值（SHA-256）不符' } })} />);
    expect(refused.text).toContain('原文包无法导入，什么都没有改动：原文包中的文字与其校验值（SHA-256）不符');
    // The counts say how many articles repeated another of the same pack, when some did.
    expect(renderStatic(<LibraryView {...props({ importState: { kind: 'done', added: 5, duplicates: 1, withinPack: 0 } })} />).text).toContain('导入完成：新增 5 篇，原文库中已有 1 篇。');
    expect(renderStatic(<LibraryView {...props({ importState: { kind: 'done', added: 5, duplicates: 1, withinPack: 2 } })} />).text).toContain('导入完成：新增 5 篇，原文库中已有 1 篇；包内重复 2 篇，已并入同一篇原文，记为它的其他来源。');
  });
});
