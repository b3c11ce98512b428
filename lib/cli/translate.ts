// The interface's own words for the terminal: the locale files (locales/*.yml)
// read through @wxt-dev/i18n's build step, the same messages the extension
// shows, so the CLI names each kind and verdict as the popup and banner do.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import type { Translate } from '../present/text';

export type CliLocale = 'zh_CN' | 'en';

const cache = new Map<CliLocale, Translate>();

export function cliTranslate(locale: CliLocale): Translate {
  let t = cache.get(locale);
  if (t) return t;
  const file = fileURLToPath(new URL(`../../locales/${locale}.yml`, import.meta.url));
  const messages = generateChromeMessages(parseMessagesText(readFileSync(file, 'utf8'), 'YAML'));
  t = (key, subs = []) => {
    const m = messages[key.replaceAll('.', '_')];
    if (m === undefined) throw new Error(`missing message ${key} in ${locale}`);
    return m.message.replace(/\$(\d)/g, (_, d: string) => String(subs[Number(d) - 1] ?? ''));
  };
  cache.set(locale, t);
  return t;
}
