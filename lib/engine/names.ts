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
  // Prefecture-level cities; names that are also common words (大同, 安康, 日照, 朝阳 …) are left out.
  '唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水 阳泉 晋城 朔州 晋中 运城 忻州 临汾 吕梁 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 ' +
  '鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 葫芦岛 四平 辽源 松原 白城 延边 齐齐哈尔 鸡西 鹤岗 双鸭山 伊春 佳木斯 七台河 牡丹江 绥化 ' +
  '嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 滁州 阜阳 宿州 六安 亳州 池州 宣城 莆田 三明 泉州 漳州 南平 龙岩 宁德 ' +
  '景德镇 萍乡 九江 新余 鹰潭 赣州 抚州 上饶 淄博 枣庄 烟台 潍坊 济宁 威海 临沂 聊城 滨州 菏泽 平顶山 安阳 鹤壁 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 周口 驻马店 ' +
  '黄石 鄂州 荆门 咸宁 随州 恩施 仙桃 潜江 天门 神农架 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西 ' +
  '韶关 珠海 汕头 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 潮州 揭阳 云浮 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 崇左 三亚 儋州 ' +
  '自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 凉山 六盘水 遵义 毕节 铜仁 曲靖 玉溪 昭通 丽江 临沧 西双版纳 楚雄 ' +
  '日喀则 昌都 林芝 那曲 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 商洛 嘉峪关 金昌 天水 武威 张掖 平凉 酒泉 庆阳 陇南 临夏 石嘴山 吴忠 固原 ' +
  '克拉玛依 吐鲁番 哈密 喀什 和田 阿克苏 伊犁 昌吉 塔城 阿勒泰 汉阳 武昌 汉口 硚口 蔡甸 江夏 黄陂 新洲 ' +
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
