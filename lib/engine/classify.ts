// Classification of one edit (reference folded text vs page folded text).
//
// Order matters: a changed number or date, an added or removed negation and a
// changed name are alterations whatever the lexicon says; only then is a
// replacement that the lexicon explains called spin. Pure omissions and
// insertions are themselves unless they carry a number or a negation.
import { isNameChange } from './names';
import type { AlterationSubkind } from './types';

export type EditClass =
  | { kind: 'spin'; distorting: boolean }
  | { kind: 'alteration'; subkind: AlterationSubkind }
  | { kind: 'omission' }
  | { kind: 'insertion' };

export interface EditContext {
  /** Folded text of the edit on each side. */
  ref: string;
  page: string;
  /** A few folded characters before and after the edit, on each side, for numbers and names. */
  refBefore: string;
  refAfter: string;
  pageBefore: string;
  pageAfter: string;
  /** Every change in the edit is a lexicon swap. */
  spin: boolean;
  distorting: boolean;
}

const NEGATION = /[不未没无非勿莫毋别否]/g;
// Words that hold a negation character without negating anything (不断
// 'continually', 无私 'selfless', 特别 'especially'); masked out before counting.
const NOT_NEGATION = /不断|不仅|不只|不少|不同|不久|不足|不过|不管|不论|不良|不法|不愧|不禁|不住|无论|无私|无数|无比|无限|无疑|无形|非常|并非常|别的|特别|区别|分别|级别|类别|告别|差别|个别|识别|鉴别|否则|莫大|毋庸置疑|未来/g;
const ASCII_DIGITS = /[0-9]+(?:\.[0-9]+)?/g;
const HAN_NUMERAL = '〇零一二三四五六七八九十百千万亿两';
// A Han numeral counts as a number when a measure word or date unit follows it, or 第 precedes it.
const HAN_NUMBER = new RegExp(`第[${HAN_NUMERAL}]+|[${HAN_NUMERAL}]+(?=[年月日号时点分秒次个名例项条届天周批倍位家所起轮季度%‰])`, 'g');

function numbers(s: string): string[] {
  return [...(s.match(ASCII_DIGITS) ?? []), ...(s.match(HAN_NUMBER) ?? [])];
}

function isNumberChange(c: EditContext): boolean {
  // Look a little past the edit: 1月25日 -> 1月26日 changes only '5'->'6', but the number is 25.
  const r = numbers(c.refBefore.slice(-3) + c.ref + c.refAfter.slice(0, 2));
  const p = numbers(c.pageBefore.slice(-3) + c.page + c.pageAfter.slice(0, 2));
  return r.join('|') !== p.join('|');
}

function negations(s: string): number {
  return s.replace(NOT_NEGATION, '').match(NEGATION)?.length ?? 0;
}

/** A negation added or removed (要 -> 不要, 离不开 -> 离得开, 坚决防止 -> 不必防止). */
function isNegationChange(c: EditContext): boolean {
  return negations(c.ref) !== negations(c.page);
}

export function classifyEdit(c: EditContext): EditClass {
  if (isNumberChange(c)) return { kind: 'alteration', subkind: 'number' };
  if (isNegationChange(c)) return { kind: 'alteration', subkind: 'negation' };
  if (c.ref.length > 0 && c.page.length > 0 && isNameChange(c)) return { kind: 'alteration', subkind: 'name' };
  if (c.page.length === 0) return { kind: 'omission' };
  if (c.ref.length === 0) return { kind: 'insertion' };
  if (c.spin) return { kind: 'spin', distorting: c.distorting };
  return { kind: 'alteration', subkind: 'wording' };
}
