// Strings of the content script UI and the toolbar title, from WXT i18n (locales/*.yml, group `content`).
import { i18n } from '#i18n';
import type { BannerText, UiText } from './banner';
import type { MarkReason } from './marks';

const kindKey = {
  distorting: 'content.card.kind.distorting',
  spin: 'content.card.kind.spin',
  number: 'content.card.kind.number',
  negation: 'content.card.kind.negation',
  name: 'content.card.kind.name',
  wording: 'content.card.kind.wording',
  omission: 'content.card.kind.omission',
  insertion: 'content.card.kind.insertion',
  move: 'content.card.kind.move',
  scrambled: 'content.card.kind.scrambled',
  'scrambled-distorting': 'content.card.kind.scrambledDistorting',
} as const satisfies Record<MarkReason, string>;

const whyKey = {
  distorting: 'content.card.why.distorting',
  spin: 'content.card.why.spin',
  number: 'content.card.why.number',
  negation: 'content.card.why.negation',
  name: 'content.card.why.name',
  wording: 'content.card.why.wording',
  omission: 'content.card.why.omission',
  insertion: 'content.card.why.insertion',
  move: 'content.card.why.move',
  scrambled: 'content.card.why.scrambled',
  'scrambled-distorting': 'content.card.why.scrambled',
} as const satisfies Record<MarkReason, string>;

export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return i18n.t('content.date', [m[1]!, String(Number(m[2])), String(Number(m[3]))]);
}

/** Publisher and date as one phrase: 新华社2020年2月3日 / Xinhua, 2020-02-03. (Chrome's
 *  message format reads "$1$2" as a named placeholder, so they are joined here.) */
export function sourcePhrase(publisher: string, isoDate: string): string {
  const sep = i18n.t('content.sourceSep');
  return publisher + (sep === 'none' ? '' : sep) + formatDate(isoDate);
}

export function uiText(): UiText {
  return {
    label: i18n.t('content.label'),
    open: i18n.t('content.open'),
    close: i18n.t('content.close'),
    kind: (r) => i18n.t(kindKey[r]),
    why: (r) => i18n.t(whyKey[r]),
    original: i18n.t('content.card.original'),
    page: i18n.t('content.card.page'),
    restored: i18n.t('content.card.restored'),
    source: (publisher, date) => i18n.t('content.card.source', [sourcePhrase(publisher, date)]),
    empty: i18n.t('content.card.empty'),
  };
}

export function bannerText(): BannerText {
  return {
    compareWith: (publisher, date, count) =>
      count > 1
        ? i18n.t('content.compareWithMany', [sourcePhrase(publisher, date), String(count)])
        : i18n.t('content.compareWith', [sourcePhrase(publisher, date)]),
    spin: (n) => i18n.t('content.spin', [String(n)]),
    distortingOf: (n) => i18n.t('content.distortingOf', [String(n)]),
    alteration: (n) => i18n.t('content.alteration', [String(n)]),
    omission: (n) => i18n.t('content.omission', [String(n)]),
    insertion: (n) => i18n.t('content.insertion', [String(n)]),
    faithful: (publisher, date) => i18n.t('content.faithful', [sourcePhrase(publisher, date)]),
    scrambledOnly: (regions, signs) => i18n.t('content.scrambledOnly', [String(regions), String(signs)]),
    comma: i18n.t('content.comma'),
    semicolon: i18n.t('content.semicolon'),
  };
}
