import { describe, expect, it } from 'vitest';
import { chromeMessages } from './t';

describe('locale files', () => {
  const zh = chromeMessages('zh_CN');
  const en = chromeMessages('en');

  it('English has every key Chinese has, and the reverse', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('no message holds "$name$" without a placeholder: Chrome refuses to load such an extension', () => {
    // Chrome reads $word$ as a named placeholder, so "$1$2" fails with "Variable $1$ used but not defined".
    for (const [locale, messages] of [['zh_CN', zh], ['en', en]] as const) {
      for (const [key, m] of Object.entries(messages)) {
        const named = [...m.message.matchAll(/\$([a-z0-9_@]+)\$/gi)].map((x) => x[1]!.toLowerCase());
        const defined = Object.keys(m.placeholders ?? {}).map((p) => p.toLowerCase());
        for (const n of named) expect(defined, `${locale} ${key}: "${m.message}"`).toContain(n);
      }
    }
  });

  it('popup, options and common messages use the same substitutions in both languages', () => {
    for (const key of Object.keys(zh).filter((k) => /^(popup|options|common)_/.test(k))) {
      const subs = (s: string) => [...new Set(s.match(/\$\d/g) ?? [])].sort();
      expect(subs(en[key]!.message), key).toEqual(subs(zh[key]!.message));
    }
  });
});
