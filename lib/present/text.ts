// The translation function every view passes in, and the locale-aware
// formatting (plural rules, dates, numbers, publishers) built on it. Pure:
// the extension hands in WXT's i18n, the tests and the CLI the locale files.
import type { GeneratedI18nStructure } from '#i18n';

export type MessageKey = keyof GeneratedI18nStructure;
export type Translate = (key: MessageKey, substitutions?: (string | number)[]) => string;

const memos = new WeakMap<Translate, Map<string, string>>();

/**
 * `t` remembering its answers for messages without substitutions: a view of
 * 450 differences names the same ten kinds thousands of times, and each call
 * of the extension's i18n crosses into the browser.
 */
export function memoT(t: Translate): Translate {
  let memo = memos.get(t);
  if (!memo) memos.set(t, (memo = new Map()));
  const m = memo;
  return (key, substitutions) => {
    if (substitutions && substitutions.length > 0) return t(key, substitutions);
    let v = m.get(key);
    if (v === undefined) m.set(key, (v = t(key)));
    return v;
  };
}

/** The BCP 47 tag of the interface language: each locale file names its own (common.locale). */
export function localeOf(t: Translate): string {
  const tag = memoT(t)('common.locale');
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const pluralCache = new Map<string, Intl.PluralRules>();

/** 'one' or 'other' for n in the interface language (Chinese has only 'other'; English says "1 insertion"). */
export function pluralOf(t: Translate, n: number): 'one' | 'other' {
  const locale = localeOf(t);
  let rules = pluralCache.get(locale);
  if (!rules) pluralCache.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(n) === 'one' ? 'one' : 'other';
}

export function formatNumber(t: Translate, n: number): string {
  return new Intl.NumberFormat(localeOf(t)).format(n);
}

/** An ISO date (YYYY-MM-DD) as the interface language writes it: 2020年2月3日, February 3, 2020. */
export function formatDate(t: Translate, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(localeOf(t), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * Publishers as each interface language names them. Source: the publishers'
 * own English names (Xinhua News Agency, People's Daily, Sichuan Online) and
 * their Traditional-script mastheads; a publisher not listed keeps its name.
 */
const publisherNames: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  新华社: { en: 'Xinhua', 'zh-TW': '新華社' },
  人民日报: { en: "People's Daily", 'zh-TW': '人民日報' },
  四川在线: { en: 'Sichuan Online', 'zh-TW': '四川在線' },
  信阳日报: { en: 'Xinyang Daily', 'zh-TW': '信陽日報' },
  盐城晚报: { en: 'Yancheng Evening News', 'zh-TW': '鹽城晚報' },
};

export function formatPublisher(t: Translate, publisher: string): string {
  const locale = localeOf(t);
  const names = publisherNames[publisher];
  return names?.[locale] ?? names?.[locale.split('-')[0]!] ?? publisher;
}

/** "人民日报 2020年2月3日" / "People's Daily, February 3, 2020": one phrase, joined in code (Chrome reads $1$2 as a named placeholder). */
export function sourcePhrase(t: Translate, publisher: string, isoDate: string): string {
  return t('common.source', [formatPublisher(t, publisher), formatDate(t, isoDate)]);
}
