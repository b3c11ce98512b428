// Strings of the content script UI, from WXT i18n (locales/*.yml): kind names and reasons from lib/present, the rest from group `content`.
import { i18n } from '#i18n';
import { labelKey, whyKey } from '../present/kinds';
import { sourcePhrase as presentSource } from '../present/text';
import { t } from '../view/translate';
import type { UiText } from './banner';

export function uiText(): UiText {
  return {
    label: i18n.t('content.label'),
    open: i18n.t('content.open'),
    close: i18n.t('content.close'),
    kind: (k) => t(labelKey(k)),
    why: (k) => t(whyKey(k)),
    original: i18n.t('content.card.original'),
    page: i18n.t('content.card.page'),
    restored: i18n.t('content.card.restored'),
    source: (publisher, date) => i18n.t('content.card.source', [presentSource(t, publisher, date)]),
    empty: i18n.t('content.card.empty'),
    legend: t('content.legend'),
  };
}
