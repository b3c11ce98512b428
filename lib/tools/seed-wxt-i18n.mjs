// Runs before `wxt prepare` (package.json postinstall). WXT loads every
// entrypoint to read its options before the i18n module writes
// .wxt/i18n/index.ts, the file the `#i18n` alias points to; on a fresh clone
// an entrypoint that reaches `#i18n` through its imports then fails to load
// and `wxt prepare` stops. Writing the same module the i18n module writes
// (@wxt-dev/i18n's prepare:types hook), with loose types, lets the first
// prepare finish; prepare then overwrites both files with the real ones.
// An existing .wxt/i18n is left alone.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The module name the index imports its types from, and the declaration file that holds them.
const structureModule = 'structure';
const dir = join(dirname(fileURLToPath(import.meta.url)), '../../.wxt/i18n');
if (!existsSync(join(dir, 'index.ts'))) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.ts'),
    `import { createI18n } from '@wxt-dev/i18n';\nimport type { GeneratedI18nStructure } from './${structureModule}';\n\nexport const i18n = createI18n<GeneratedI18nStructure>();\n\nexport { type GeneratedI18nStructure }\n`,
  );
  writeFileSync(join(dir, `${structureModule}.d.ts`), 'export type GeneratedI18nStructure = Record<string, any>;\n');
}
