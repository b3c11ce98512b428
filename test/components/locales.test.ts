import { describe, expect, it } from 'vitest';
import { chromeMessages } from './t';

describe('locale files', () => {
  const zh = chromeMessages('zh_CN');
  const en = chromeMessages('en');
  const tw = chromeMessages('zh_TW');

  it('English and Traditional Chinese have every key Simplified Chinese has, and the reverse', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.keys(tw).sort()).toEqual(Object.keys(zh).sort());
  });

  it('each locale names its own language tag, so plural rules and dates follow it', () => {
    expect([zh.common_locale!.message, en.common_locale!.message, tw.common_locale!.message]).toEqual(['zh-CN', 'en', 'zh-TW']);
  });

  it('Traditional Chinese is written in Traditional characters', () => {
    expect(tw.kind_number_label!.message).toBe('數字或日期被改');
    expect(tw.verdict_scrambled_word!.message).toBe('被機器改寫過');
  });

  it('no message holds "$name$" without a placeholder: Chrome refuses to load such an extension', () => {
    // Chrome reads $word$ as a named placeholder, so "$1$2" fails with "Variable $1$ used but not defined".
    for (const [locale, messages] of [['zh_CN', zh], ['en', en], ['zh_TW', tw]] as const) {
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
      expect(subs(tw[key]!.message), key).toEqual(subs(zh[key]!.message));
    }
  });
});
