// The translation function components receive through props. Components never
// call the extension's i18n API themselves, so they render the same in unit
// tests (with the locale files loaded from disk) as in the extension.
import type { GeneratedI18nStructure } from '#i18n';
import type { HighlightKind } from '../lib/settings';
import type { AlterationSubkind, Verdict } from '../lib/engine/types';

export type MessageKey = keyof GeneratedI18nStructure;
export type Translate = (key: MessageKey, substitutions?: (string | number)[]) => string;

export const kindLabelKey = (k: HighlightKind): MessageKey => `common.kind.${k}`;
export const kindWhyKey = (k: HighlightKind): MessageKey => `common.kindWhy.${k}`;
export const subkindKey = (s: AlterationSubkind): MessageKey => `common.subkind.${s}`;
export const verdictKey = (v: Verdict): MessageKey => `common.verdict.${v}`;
export const verdictDetailKey = (v: Verdict): MessageKey => `common.verdictDetail.${v}`;
