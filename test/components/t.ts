// A `t` for tests built the way the extension's is: the locale YAML goes
// through @wxt-dev/i18n's own build step into Chrome's messages format, so the
// tests see the strings the extension shows (and fail when a key is missing).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateChromeMessages, parseMessagesText, type ChromeMessage } from '@wxt-dev/i18n/build';
import type { Translate } from '../../components/i18n';

export type Locale = 'zh_CN' | 'en' | 'zh_TW';

/** Chrome's messages.json content for a locale (keys with '.' turned into '_'). */
export function chromeMessages(locale: Locale): Record<string, ChromeMessage> {
  const file = fileURLToPath(new URL(`../../locales/${locale}.yml`, import.meta.url));
  return generateChromeMessages(parseMessagesText(readFileSync(file, 'utf8'), 'YAML'));
}

export function makeT(locale: Locale = 'zh_CN'): Translate {
  const messages = chromeMessages(locale);
  return (key, subs = []) => {
    const m = messages[key.replaceAll('.', '_')];
    if (m === undefined) throw new Error(`missing message ${key} in ${locale}`);
    return m.message.replace(/\$(\d)/g, (_, d: string) => String(subs[Number(d) - 1] ?? ''));
  };
}

/** WXT's fake browser leaves i18n unmocked: answer getMessage from the real locale file, as Chrome would. */
export function fakeGetMessage(locale: Locale = 'zh_CN'): (name: string, subs?: string | string[]) => string {
  const messages = chromeMessages(locale);
  return (name, subs) => {
    const list = typeof subs === 'string' ? [subs] : (subs ?? []);
    return (messages[name]?.message ?? '').replace(/\$(\d)/g, (_, d: string) => list[Number(d) - 1] ?? '');
  };
}
