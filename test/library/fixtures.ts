// A bulletin none of the bundled seeds holds (written for these tests, in the
// style of a State Council meeting report), and a content farm's repost of it.
import lexicon from '../../lib/engine/data/spinner-lexicon.json';

/** A bulletin no bundled seed holds (written for this test), full of words spinners swap. */
export const official = [
  '国务院召开全国防汛抗旱工作电视电话会议',
  '会议指出，今年入汛以来，全国多地遭遇强降雨，部分地方发生洪涝灾害，人民群众生命财产安全受到威胁。各地区各部门要坚持人民至上、生命至上，把保障人民群众生命安全放在首位，统一领导、统一指挥，集中力量做好防汛抗旱各项工作。',
  '会议强调，要压实防汛责任，各级领导干部要靠前指挥，及时研判雨情水情，采取有力措施，及时转移受威胁地区居民，确保不漏一户、不落一人。要加强重点部位巡查，做好水库、堤防、城市内涝等重点领域的安全防范，维护社会稳定。',
  '会议要求，要统筹协调救灾物资调运，保障受灾群众基本生活，尽快恢复正常生产生活秩序。要做好灾后卫生防疫，防止灾后出现疫情。各地方要加强监测预警，提前做好应对准备，广大干部群众要积极参与，形成全社会共同应对灾害的强大合力。',
  '会议还对近期抗旱工作作出部署，要求各地因地制宜做好抗旱保供水工作，保障城乡居民生活用水和农业生产用水。',
].join('\n');

/** The repost a content farm makes of it: every lexicon swap of the original words, applied. */
export function spin(text: string): string {
  const pairs = (lexicon as { entries: Array<{ original: string; spun: string; status?: string }> }).entries
    .filter((e) => e.status !== 'rejected' && e.original.length >= 2)
    .sort((a, b) => b.original.length - a.original.length);
  let out = text;
  for (const p of pairs.slice(0, 60)) out = out.split(p.original).join(p.spun);
  return out.split('人').join('东谈主');
}

