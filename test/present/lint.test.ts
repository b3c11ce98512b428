// The layering bans of eslint.config.js, run through the ESLint API on
// snippets placed (virtually) in each layer: a rule that silently stops
// matching (a '#' pattern read as a comment, a glob that misses a folder)
// fails here.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath });
  return (r?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const imports = {
  i18n: "import { i18n } from '#i18n';\nexport const x = i18n;\n",
  i18nType: "import type { GeneratedI18nStructure } from '#i18n';\nexport type X = GeneratedI18nStructure;\n",
  imports: "import { browser } from '#imports';\nexport const x = browser;\n",
  wxt: "import { browser } from 'wxt/browser';\nexport const x = browser;\n",
  react: "import { useState } from 'react';\nexport const x = useState;\n",
  dom: "import { Painter } from '../dom/painter';\nexport const x = Painter;\n",
  document: 'export const x = () => document.title;\n',
  pure: 'export const x = (a: number) => a + 1;\n',
};

describe('lint: lib/engine and lib/present stay pure', () => {
  for (const layer of ['lib/engine', 'lib/present'] as const) {
    const file = `${layer}/lint-probe.ts`;
    const banned = layer === 'lib/engine' ? 'no-restricted-imports' : '@typescript-eslint/no-restricted-imports';
    it(`${layer}: WXT (#i18n, #imports, wxt/*), React, lib/dom and DOM globals are refused`, async () => {
      for (const name of ['i18n', 'imports', 'wxt', 'react', 'dom'] as const) expect(await ruleIds(imports[name], file), name).toContain(banned);
      expect(await ruleIds(imports.document, file)).toContain('no-restricted-globals');
      expect(await ruleIds(imports.pure, file)).toEqual([]);
    });
  }
  it('only lib/present may name the message keys, as a type', async () => {
    expect(await ruleIds(imports.i18nType, 'lib/present/lint-probe.ts')).toEqual([]);
    expect(await ruleIds(imports.i18nType, 'lib/engine/lint-probe.ts')).toContain('no-restricted-imports');
  });
  it('the views may use WXT i18n and React', async () => {
    expect(await ruleIds(imports.i18n, 'components/lint-probe.ts')).toEqual([]);
    expect(await ruleIds(imports.react, 'components/lint-probe.ts')).toEqual([]);
  });
});
