// Classification of one edit (reference folded text vs page folded text).
//
// Order matters: a changed number or date and a changed name are alterations
// whatever the lexicon says; only then is a replacement that the lexicon
// explains called spin. An added or removed negation is an alteration too,
// except where the lexicon pair itself is the spinner's artefact (观→不雅:
// the 不 there negates nothing). Pure omissions and insertions are themselves
// unless they are short and carry a whole number or a negation (a dropped
// 1月25日, an inserted 不); a dropped sentence that mentions 第一位 is an
// omission, and injected junk digits are an insertion, not a changed number.
import { isNameChange } from './names';
import { defaultOptions } from './options';
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
// Digits run into Latin letters (x9z, a watermark) are junk, not a number.
const ASCII_DIGITS = /(?<![a-z0-9.])[0-9]+(?:\.[0-9]+)?(?![a-z0-9])/g;
const HAN_NUMERAL = '〇零一二三四五六七八九十百千万亿两';
// A Han numeral counts as a number when a measure word or date unit follows it, or 第 precedes it.
const HAN_NUMBER = new RegExp(`[第初][${HAN_NUMERAL}]+|[${HAN_NUMERAL}]+(?=[年月日号时点分秒次个名例项条届天周批倍位家所起轮季度%‰])`, 'g');

// Words that hold a numeral without counting anything (十分 'very', 第一线
// 'front line', 统一 'unified'); masked out before numbers are compared.
const NOT_NUMBER = /十分|万分|第一线|一线|一些|一切|一定|一致|一律|一旦|一道|一起|一直|一般|一贯|一体|一心|统一|唯一|万一|千方百计|三令五申|一方面|进一步/g;

function numbers(s: string): string[] {
  const t = s.replace(NOT_NUMBER, (w) => '\u0000'.repeat(w.length));
  return [...(t.match(ASCII_DIGITS) ?? []), ...(t.match(HAN_NUMBER) ?? [])];
}

const WHOLE_NUMBER = new RegExp(`(?<![a-z])[0-9]+(?:\\.[0-9]+)?[年月日号时点分秒次个名例项条届天周批倍%‰万亿]|${HAN_NUMBER.source}`);
const NUMERAL = new RegExp(`[0-9.第初${HAN_NUMERAL}]`);
const MEASURE = /[年月日号时点分秒次个名例项条届天周批倍位家所起轮季度%‰]/;

/** The edit widened over the numerals that touch it (and one measure word after): 1月2[5]日 -> 25日. */
function numberWindow(before: string, core: string, after: string): string {
  let b = before.length;
  while (b > 0 && NUMERAL.test(before[b - 1]!)) b--;
  let a = 0;
  while (a < after.length && NUMERAL.test(after[a]!)) a++;
  if (a < after.length && MEASURE.test(after[a]!)) a++;
  return before.slice(b) + core + after.slice(0, a);
}

function isNumberChange(c: EditContext): boolean {
  if (c.ref.length === 0 || c.page.length === 0) {
    // Added or dropped text: a number when a whole number expression (1月25日, 两次, 第三) is in it,
    // or when it is digits inside a number (3月17日 -> 3月7日: the day lost a digit).
    if (WHOLE_NUMBER.test(c.ref + c.page)) return true;
    if (!/^[0-9]+$/.test(c.ref + c.page)) return false;
    const touches = /[0-9]$/.test(c.refBefore) || /^[0-9]/.test(c.refAfter) || /[0-9]$/.test(c.pageBefore) || /^[0-9]/.test(c.pageAfter);
    return touches && numbers(numberWindow(c.refBefore, c.ref, c.refAfter)).join('|') !== numbers(numberWindow(c.pageBefore, c.page, c.pageAfter)).join('|');
  }
  // Only an edit that touches a numeral can change a number.
  if (!NUMERAL.test(c.ref) && !NUMERAL.test(c.page)) return false;
  const r = numbers(numberWindow(c.refBefore, c.ref, c.refAfter));
  const p = numbers(numberWindow(c.pageBefore, c.page, c.pageAfter));
  return r.join('|') !== p.join('|');
}

/**
 * Does s[i] negate: a negation character outside the words that only hold one
 * (特别要… is no negation; 不要… is)? Looks at the few characters around i.
 */
export function negatesAt(s: string, i: number): boolean {
  const c = s[i];
  if (c === undefined || !/[不未没无非勿莫毋别否]/.test(c)) return false;
  const from = Math.max(0, i - 3);
  const window = s.slice(from, i + 4);
  for (const m of window.matchAll(NOT_NEGATION)) if (from + m.index <= i && i < from + m.index + m[0].length) return false;
  return true;
}

function negations(s: string): number {
  return s.replace(NOT_NEGATION, '').match(NEGATION)?.length ?? 0;
}

/** A negation added or removed (要 -> 不要, 离不开 -> 离得开, 坚决防止 -> 不必防止). */
function isNegationChange(c: EditContext): boolean {
  return negations(c.ref) !== negations(c.page);
}

/** `clauseChars` (options.ts): added or dropped text longer than this is a clause: an omission or insertion, whatever it contains. */
export function classifyEdit(c: EditContext, clauseChars = defaultOptions.clauseChars): EditClass {
  if ((c.ref.length === 0 || c.page.length === 0) && c.ref.length + c.page.length > clauseChars) {
    return c.page.length === 0 ? { kind: 'omission' } : { kind: 'insertion' };
  }
  if (isNumberChange(c)) return { kind: 'alteration', subkind: 'number' };
  if (!c.spin && isNegationChange(c)) return { kind: 'alteration', subkind: 'negation' };
  if (c.ref.length > 0 && c.page.length > 0 && isNameChange(c)) return { kind: 'alteration', subkind: 'name' };
  if (c.page.length === 0) return { kind: 'omission' };
  if (c.ref.length === 0) return { kind: 'insertion' };
  if (c.spin) return { kind: 'spin', distorting: c.distorting };
  return { kind: 'alteration', subkind: 'wording' };
}
