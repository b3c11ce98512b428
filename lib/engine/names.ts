// Is an edit a changed person, place or organisation name?
//
// There is no named-entity model small enough for a content script's
// worker, so this is a gazetteer of places and organisations plus the shape
// Chinese news gives person names: a name stands right before a title or a
// verb of speech (习近平主持, 李克强指出) or right after a title (书记乔新江,
// 记者 邹乐). Place and organisation names are recognised by the gazetteer or
// by an administrative suffix (湖北省 -> 湖南省).
import type { EditContext } from './classify';
import placeData from './data/places.json';
import surnameData from './data/surnames.json';

// Places: every province-, prefecture- and county-level division of GB/T 2260
// and the short names of provinces and prefectures (data/places.json states
// its source). Two-character full names are left out: 城区, 郊区, 矿区, 和县
// are also ordinary words.
const PLACES = [...new Set([...placeData.divisions.filter((n) => n.length >= 3), ...placeData.short, ...placeData.countries])];

const ORGS = (
  '党中央 中共中央 国务院 全国人大 全国政协 中央军委 中央政治局 中央委员会 政治局 常委会 人民解放军 解放军 武警 ' +
  '国家卫生健康委员会 国家卫健委 卫健委 发展改革委 发改委 外交部 公安部 财政部 商务部 交通运输部 民政部 教育部 科技部 ' +
  '人民日报 新华社 中央电视台 指挥部 指导组 领导小组 联防联控机制'
).split(' ');

// Surnames of 《百家姓》 and their modern forms (data/surnames.json). Only the
// first character of a name is looked up, so compound surnames count by it.
const SURNAMES = new Set([...surnameData.single, ...surnameData.modern, ...surnameData.compound.map((c) => c[0]!)]);

const PLACE_SUFFIX = /[省市县区州镇乡村]$/;
// Titles and speech verbs that follow a person's name in bulletins.
const AFTER_NAME = /^(?:总书记|书记|主席|总理|副总理|委员长|省长|市长|县长|区长|主任|部长|同志|代表|主持|指出|强调|要求|表示|出席|讲话|发表|作出|批示|签署|会见|在)/;
// Titles that precede a person's name.
const BEFORE_NAME = /(?:总书记|书记|主席|总理|省长|市长|县长|区长|主任|部长|记者|通讯员|同志)$/;

const alternation = (list: readonly string[]) => new RegExp([...list].sort((a, b) => b.length - a.length).join('|'), 'g');
const PLACES_RE = alternation(PLACES);
const ORGS_RE = alternation(ORGS);

function mentions(re: RegExp, s: string): string[] {
  return s.match(re) ?? [];
}

export function isNameChange(full: EditContext): boolean {
  // Judge the changed core only: word snapping may have widened the edit over
  // shared characters (落实习近平 cut as 落|实习|近平 gives 实习近平 -> 实李克强).
  const c = stripShared(full);
  // Places and organisations: a gazetteer entry touched by the edit that the other side lacks.
  const refWin = c.refBefore.slice(-4) + c.ref + c.refAfter.slice(0, 4);
  const pageWin = c.pageBefore.slice(-4) + c.page + c.pageAfter.slice(0, 4);
  for (const list of [PLACES_RE, ORGS_RE]) {
    const r = mentions(list, refWin).filter((w) => overlapsEdit(refWin, w, c.refBefore.slice(-4).length, c.ref.length));
    const p = mentions(list, pageWin).filter((w) => overlapsEdit(pageWin, w, c.pageBefore.slice(-4).length, c.page.length));
    // One named place or organisation replaced by another. A name that merely
    // disappears (湖北 -> 该地, or 领导小组 -> 率领小组 by a spinner) is not a
    // new name: that is wording, or spin.
    if (r.length > 0 && p.length > 0 && r.join('|') !== p.join('|')) return true;
    // A known place replaced, character for character, by other Han text (信阳 -> 南阳).
    if (list === PLACES_RE && !c.spin && c.ref.length === c.page.length && /^[\u4e00-\u9fff]+$/.test(c.page) && /^[\u4e00-\u9fff]+$/.test(c.ref)) {
      if ((r.length > 0 && p.length === 0) || (p.length > 0 && r.length === 0)) return true;
    }
  }
  if (!c.spin && PLACE_SUFFIX.test(c.ref) && PLACE_SUFFIX.test(c.page) && c.ref.slice(-1) === c.page.slice(-1) && c.ref.length <= 6) return true;
  // Person names: a short Han edit on both sides framed by a title or speech verb.
  const shortHan = (s: string) => /^[\u4e00-\u9fff]{1,4}$/.test(s);
  // The name's first character is a surname: either the edit's first or the one just before it (李克强 -> 李强).
  const surnamed = (before: string, s: string) => SURNAMES.has(s[0]!) || SURNAMES.has(before.slice(-1));
  if (shortHan(c.ref) && shortHan(c.page) && !c.spin && surnamed(c.refBefore, c.ref) && surnamed(c.pageBefore, c.page)) {
    if (AFTER_NAME.test(c.refAfter) && AFTER_NAME.test(c.pageAfter)) return true;
    if (BEFORE_NAME.test(c.refBefore) && BEFORE_NAME.test(c.pageBefore)) return true;
  }
  return false;
}

/** Does word w, found in window, overlap the edit that starts at `at` and is `len` long? */
function overlapsEdit(window: string, w: string, at: number, len: number): boolean {
  for (let i = window.indexOf(w); i >= 0; i = window.indexOf(w, i + 1)) {
    if (i < at + Math.max(len, 1) && i + w.length > at) return true;
  }
  return false;
}

/** The edit with the characters both sides share at its ends moved into the context. */
function stripShared(c: EditContext): EditContext {
  let a = 0;
  while (a < c.ref.length - 1 && a < c.page.length - 1 && c.ref[a] === c.page[a]) a++;
  let z = 0;
  while (z < c.ref.length - a - 1 && z < c.page.length - a - 1 && c.ref[c.ref.length - 1 - z] === c.page[c.page.length - 1 - z]) z++;
  if (a === 0 && z === 0) return c;
  return {
    ...c,
    ref: c.ref.slice(a, c.ref.length - z),
    page: c.page.slice(a, c.page.length - z),
    refBefore: c.refBefore + c.ref.slice(0, a),
    pageBefore: c.pageBefore + c.page.slice(0, a),
    refAfter: c.ref.slice(c.ref.length - z) + c.refAfter,
    pageAfter: c.page.slice(c.page.length - z) + c.pageAfter,
  };
}
