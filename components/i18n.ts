// The translation function components receive through props. Components never
// call the extension's i18n API themselves, so they render the same in unit
// tests (with the locale files loaded from disk) as in the extension. The type
// lives in lib/present, which formats counts, dates and publishers with it.
export type { MessageKey, Translate } from '../lib/present/text';
