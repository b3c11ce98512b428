/// <reference types="vite/client" />
// The tests' `t` (t.ts) for Vitest browser mode: the same locale YAML through
// @wxt-dev/i18n's build step, read as bundled strings instead of from disk.
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import type { Translate } from '../../components/i18n';
import en from '../../locales/en.yml?raw';
import zhCN from '../../locales/zh_CN.yml?raw';
import zhTW from '../../locales/zh_TW.yml?raw';
import type { Locale } from './t';

const sources: Record<Locale, string> = { zh_CN: zhCN, en, zh_TW: zhTW };

export function makeT(locale: Locale = 'zh_CN'): Translate {
  const messages = generateChromeMessages(parseMessagesText(sources[locale], 'YAML'));
  return (key, subs = []) => {
    const m = messages[key.replaceAll('.', '_')];
    if (m === undefined) throw new Error(`missing message ${key} in ${locale}`);
    return m.message.replace(/\$(\d)/g, (_, d: string) => String(subs[Number(d) - 1] ?? ''));
  };
}
