// Vite plugin: the module 'virtual:yuanwen-seed-index' is the seeds' index,
// built when the bundle is built (by lib/tools/seed-index.ts, in a child
// process so the build config need not load the engine), and rebuilt when a
// seed, the manifest or the engine's data change.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ID = 'virtual:yuanwen-seed-index';
const RESOLVED = '\0' + ID;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function seedIndexPlugin() {
  return {
    name: 'yuanwen-seed-index',
    resolveId(id: string) {
      return id === ID ? RESOLVED : undefined;
    },
    load(this: { addWatchFile?: (f: string) => void }, id: string) {
      if (id !== RESOLVED) return undefined;
      // Files, not folders: Vite's dev server (Vitest browser mode) takes each watched path as an import to resolve.
      const watched = [...['seeds', 'lib/engine/data'].flatMap((d) => readdirSync(join(root, d)).map((f) => join(d, f))), 'lib/engine/options.ts'];
      for (const f of watched) this.addWatchFile?.(join(root, f));
      const json = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'lib/tools/seed-index.ts')], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
      return `export default ${json};`;
    },
  };
}
