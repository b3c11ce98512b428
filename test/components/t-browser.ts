/// <reference types="vite/client" />
// The tests' `t` (t.ts) for Vitest browser mode: the same locale YAML through
// @wxt-dev/i18n's build step, read as a bundled string instead of from disk.
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import type { Translate } from '../../components/i18n';
import zhCN from '../../locales/zh_CN.yml?raw';

export function makeT(): Translate {
  const messages = generateChromeMessages(parseMessagesText(zhCN, 'YAML'));
  return (key, subs = []) => {
    const m = messages[key.replaceAll('.', '_')];
    if (m === undefined) throw new Error(`missing message ${key} in zh_CN`);
    return m.message.replace(/\$(\d)/g, (_, d: string) => String(subs[Number(d) - 1] ?? ''));
  };
}
