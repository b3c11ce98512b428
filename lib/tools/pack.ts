// `npm run pack -- DIR -o FILE`: builds a pack (lib/pack/schema.ts) from a
// folder of .txt and .html files; see lib/pack/folder.ts for the metadata rules.
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { FolderError, packFolder } from '../pack/folder';
import { PackError, serializePack } from '../pack';

const USAGE = `usage: npm run pack -- DIR -o FILE [--title T] [--creator C] [--date YYYY-MM-DD] [--description D] [--csv FILE]

Builds a Yuanwen pack from every .txt and .html file of DIR. HTML files give their headline,
publisher, date and address from their meta tags; anything missing (everything, for .txt)
comes from DIR/metadata.csv (or --csv): a header row "file,headline,publisher,date[,url,id,role,note]"
and one row per file. --title defaults to the folder's name, --creator to the user name,
--date to today.`;

export async function runPack(argv: string[], out: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        title: { type: 'string' },
        creator: { type: 'string' },
        date: { type: 'string' },
        description: { type: 'string' },
        csv: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    out.stderr(`yuanwen pack: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    out.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1 || !values.output) {
    out.stderr(`yuanwen pack: ${positionals.length !== 1 ? 'give exactly one DIR' : 'give the output file with -o FILE'}\n${USAGE}\n`);
    return 2;
  }
  const dir = resolve(positionals[0]!);
  try {
    const pack = await packFolder(dir, {
      csv: values.csv,
      manifest: {
        title: values.title ?? basename(dir),
        creator: values.creator ?? userInfo().username,
        date: values.date ?? new Date().toISOString().slice(0, 10),
        ...(values.description ? { description: values.description } : {}),
      },
    });
    writeFileSync(values.output, serializePack(pack));
    const articles = pack.texts.reduce((n, t) => n + t.articles.length, 0);
    out.stdout(`${values.output}: ${pack.texts.length} text(s), ${articles} article(s), "${pack.manifest.title}" by ${pack.manifest.creator}\n`);
    return 0;
  } catch (e) {
    if (e instanceof FolderError || e instanceof PackError) {
      out.stderr(`yuanwen pack: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = await runPack(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
}
