// Is an edit a changed person, place or organisation name?
//
// There is no named-entity model small enough for a content script's
// worker, so this is a gazetteer of places and organisations plus the shape
// Chinese news gives person names: a name stands right before a title or a
// verb of speech (习近平主持, 李克强指出) or right after a title (书记乔新江,
// 记者 邹乐). Place and organisation names are recognised by the gazetteer or
// by an administrative suffix (湖北省 -> 湖南省).
import type { EditContext } from './classify';

// Provincial-level divisions, their capitals and other large cities, and countries often named in bulletins.
const PLACES = (
  '北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 ' +
  '内蒙古 广西 西藏 宁夏 新疆 香港 澳门 ' +
  '石家庄 太原 沈阳 长春 哈尔滨 南京 杭州 合肥 福州 南昌 济南 郑州 武汉 长沙 广州 海口 成都 贵阳 昆明 西安 兰州 西宁 呼和浩特 南宁 拉萨 银川 乌鲁木齐 ' +
  '深圳 厦门 青岛 大连 宁波 苏州 无锡 常州 镇江 扬州 南通 徐州 盐城 淮安 宿迁 泰州 连云港 温州 佛山 东莞 黄冈 孝感 荆州 宜昌 襄阳 十堰 信阳 洛阳 开封 ' +
  '中国 美国 日本 韩国 俄罗斯 英国 法国 德国 意大利 印度 世界卫生组织 世卫组织 联合国'
).split(' ');

const ORGS = (
  '党中央 中共中央 国务院 全国人大 全国政协 中央军委 中央政治局 中央委员会 政治局 常委会 人民解放军 解放军 武警 ' +
  '国家卫生健康委员会 国家卫健委 卫健委 发展改革委 发改委 外交部 公安部 财政部 商务部 交通运输部 民政部 教育部 科技部 ' +
  '人民日报 新华社 中央电视台 指挥部 指导组 领导小组 联防联控机制'
).split(' ');

// The most common Chinese surnames (covering the great majority of the population).
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习栗乔尚邹吕许周'.split(''),
);

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

export function isNameChange(c: EditContext): boolean {
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
