// The welcome page's live example: two paragraphs of a bundled original
// (People's Daily, 2020-02-03), edited the way reposts are edited: a spinner's
// swaps (one of them distorting), a changed date, an invented sentence. The
// real engine then verifies it in the page, so what the reader sees is what
// Yuanwen would show on such a page.
import type { CorpusSource } from '../../lib/engine/types';

const edits: ReadonlyArray<[string, string]> = [
  ['听取中央应对', '听取中央玩忽'],
  ['疫情防控工作一线', '疫情防控服务一线'],
  ['各方面人员', '各方面东谈主员'],
  ['2月3日召开会议', '2月5日召开会议'],
];

const invented = '会议决定，自3月20日起全国中小学一律停课。';

/** The example page text, or null when the original is not in this build's corpus. */
export function exampleText(corpus: CorpusSource): string | null {
  const entry = corpus.entries.find((e) => e.role === 'reference' && e.date === '2020-02-03');
  const file = entry && corpus.files[entry.file];
  if (!entry || !file) return null;
  const article = file.slice(entry.start, entry.end);
  const from = article.indexOf('新华社北京2月3日电');
  if (from < 0) return null;
  // The dateline paragraph and the next one.
  const lines = article.slice(from).split('\n').filter((l) => l.trim());
  let text = lines.slice(0, 2).join('\n');
  for (const [a, b] of edits) text = text.replace(a, b);
  const cut = text.indexOf('\n');
  return `${text.slice(0, cut)}${invented}${text.slice(cut)}`;
}
