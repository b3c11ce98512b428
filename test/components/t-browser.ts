/// <reference types="vite/client" />
// The tests' `t` (t.ts) for Vitest browser mode: the same locale YAML through
// @wxt-dev/i18n's build step, read as bundled strings instead of from disk.
import { generateChromeMessages, parseMessagesText, type ChromeMessage } from '@wxt-dev/i18n/build';
import type { Translate } from '../../components/i18n';
import en from '../../locales/en.yml?raw';
import zhCN from '../../locales/zh_CN.yml?raw';
import zhTW from '../../locales/zh_TW.yml?raw';
import type { Locale } from './t';

const sources: Record<Locale, string> = { zh_CN: zhCN, en, zh_TW: zhTW };

/** Chrome's messages.json content for a locale (keys with '.' turned into '_'), as t.ts's. */
export function chromeMessages(locale: Locale): Record<string, ChromeMessage> {
  return generateChromeMessages(parseMessagesText(sources[locale], 'YAML'));
}

/** A browser.i18n.getMessage over those messages, for WXT's fake browser, as t.ts's. */
export function fakeGetMessage(locale: Locale = 'zh_CN'): (name: string, subs?: string | string[]) => string {
  const messages = chromeMessages(locale);
  return (name, subs) => {
    const list = typeof subs === 'string' ? [subs] : (subs ?? []);
    return (messages[name]?.message ?? '').replace(/\$(\d)/g, (_, d: string) => list[Number(d) - 1] ?? '');
  };
}

export function makeT(locale: Locale = 'zh_CN'): Translate {
  const messages = chromeMessages(locale);
  return (key, subs = []) => {
    const m = messages[key.replaceAll('.', '_')];
    if (m === undefined) throw new Error(`missing message ${key} in ${locale}`);
    return m.message.replace(/\$(\d)/g, (_, d: string) => String(subs[Number(d) - 1] ?? ''));
  };
}
