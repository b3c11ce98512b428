// The command-line verifier, as a function of (argv, io) -> exit code, so tests
// can run it in-process with captured output. lib/cli/verify.ts is the entry.
import { readFileSync } from 'node:fs';
import { loadCorpus } from '../corpus/node';
import { describePackProblem, packCorpus, readPack } from '../pack';
import type { CorpusSource } from '../engine/types';
import { buildIndex, verify } from '../engine';
import type { Report } from '../engine/types';
import { parseArgs } from './args';
import { InputError, MAX_INPUT_BYTES, MAX_TEXT_CHARS, checkLength, formatBytes, readInput, type DecodedInput } from './decode';
import { formatReport } from './format';
import { htmlToText } from './html';

/** Exit codes. A completed verification exits 0 whatever its verdict: the
 *  verdict is the output, not a failure (scripts read it from --json), and a
 *  non-zero code stays reserved for "no verdict could be produced". */
export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_INPUT = 2;

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Whether stdout is a terminal (colour is used only then). */
  stdoutIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export const USAGE = 'usage: npm run -s verify -- FILE [--json] [--html | --text] [--sensitivity strict|default|lenient] [--pack P]   (or: npx tsx lib/cli/verify.ts FILE …; --help for details)';

export const HELP = `原文 Yuanwen verifier: does this text say what the original bulletin said?

usage: npm run -s verify -- FILE [--json] [--html | --text] [--sensitivity strict|default|lenient] [--pack P]
       npx tsx lib/cli/verify.ts FILE [--json] [--html | --text] [--sensitivity …] [--pack P]

FILE       a .txt or .html/.htm file (other names: HTML is recognised by its first tag).
           Encodings: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, GB18030/GBK
           and Big5 (detected when the file is not valid UTF-8; an HTML <meta charset>
           is honoured then too). At most ${formatBytes(MAX_INPUT_BYTES)}.
           HTML is reduced to its visible text first (scripts, styles, forms, [hidden] and
           display:none are skipped; block elements become line breaks).
--json     print exactly one JSON object: the engine's report (verdict, matches with their
           differences, unmatched regions, counts) plus "input": {file, encoding, kind, length}
           and, for HTML, "input.text", the extracted text the page offsets index.
--html     treat FILE as HTML whatever its name;  --text  treat it as plain text.
--sensitivity strict|default|lenient
           how much agreement a match needs (default: default). strict asks for longer
           shared passages and fewer changes; lenient accepts weaker fingerprint chains.
           At every preset a match needs 40 Han characters of content outside stock
           phrasing and may not be mostly changed.
--pack P   verify against the originals of pack P (made by \`npm run pack\` or exported
           from the extension's library) as well as the bundled seeds; reference
           offsets of its articles index the pack's texts. A corrupt pack is refused (exit 2).
-h, --help this help.

Offsets are UTF-16 code-unit indices, end exclusive: page offsets (p.) index the decoded
text of FILE (a byte-order mark is not part of it), or for HTML the extracted visible
text; reference offsets (r.) index the seed file in seeds/ (not the article).

Verdicts: faithful (no differences), edited (alterations, omissions or insertions, no
spin), scrambled (machine spinning, maybe with alterations), unmatched (no original).

Exit status:
  0  verification completed, whatever the verdict (read it from the output)
  1  internal error in the verifier (a bug: please report it)
  2  usage error, or FILE missing, a directory, empty, binary, too large, undecodable
     or (HTML) without visible text; one line on stderr says which

Use "npm run -s" (silent): without it npm prints its own banner on stdout, which
spoils --json output.`;

export interface CliResult {
  report: Report;
  input: DecodedInput;
  pageText: string;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.type === 'error') {
    io.stderr.write(`yuanwen verify: ${parsed.message}\n${USAGE}\n`);
    return EXIT_INPUT;
  }
  if (parsed.type === 'help') {
    io.stdout.write(`${HELP}\n`);
    return EXIT_OK;
  }
  const { file, json, kind, sensitivity } = parsed.args;

  let input: DecodedInput;
  let pageText: string;
  try {
    input = readInput(file, kind);
    pageText = input.kind === 'html' ? htmlToText(input.text) : input.text;
    if (pageText.trim() === '') throw new InputError(`${file}: the page has no visible text, nothing to verify`);
    checkLength(file, pageText, MAX_TEXT_CHARS, input.kind === 'html' ? 'visible text' : 'text');
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr.write(`yuanwen verify: ${oneLine(error.message)}\n`);
      return EXIT_INPUT;
    }
    io.stderr.write(`yuanwen verify: internal error while reading ${file}: ${describe(error)}\n`);
    return EXIT_INTERNAL;
  }

  let extra: CorpusSource | undefined;
  if (parsed.args.pack !== undefined) {
    const packFile = parsed.args.pack;
    let json: string;
    try {
      json = readFileSync(packFile, 'utf8');
    } catch (error) {
      io.stderr.write(`yuanwen verify: ${packFile}: cannot read the pack (${describe(error)})\n`);
      return EXIT_INPUT;
    }
    const read = await readPack(json);
    if (!read.ok) {
      io.stderr.write(`yuanwen verify: ${packFile}: ${describePackProblem(read.problem)}\n`);
      return EXIT_INPUT;
    }
    extra = packCorpus(read.pack);
  }

  let report: Report;
  let seedFiles: Readonly<Record<string, string>>;
  try {
    const corpus = withPack(loadCorpus(), extra);
    seedFiles = corpus.files;
    report = verify(pageText, buildIndex(corpus), { sensitivity });
  } catch (error) {
    io.stderr.write(`yuanwen verify: internal error while verifying ${file}: ${describe(error)}\n`);
    return EXIT_INTERNAL;
  }

  if (json) {
    const inputInfo = {
      file,
      encoding: input.encoding,
      kind: input.kind,
      length: pageText.length,
      ...(input.kind === 'html' ? { text: pageText } : {}),
    };
    io.stdout.write(`${JSON.stringify({ ...report, input: inputInfo })}\n`);
  } else {
    const color = io.stdoutIsTTY && !io.env.NO_COLOR;
    io.stdout.write(formatReport(report, { file, input, pageText, seedFiles, color }));
  }
  return EXIT_OK;
}

/** The seeds plus a pack's articles; a pack text that is a seed file already (same name, same text) is not indexed twice. */
function withPack(seeds: CorpusSource, pack: CorpusSource | undefined): CorpusSource {
  if (!pack) return seeds;
  const files: Record<string, string> = { ...seeds.files };
  const rename = new Map<string, string>();
  for (const [name, text] of Object.entries(pack.files)) {
    if (files[name] === text) rename.set(name, '');
    else rename.set(name, files[name] === undefined ? name : `pack:${name}`);
    if (rename.get(name)) files[rename.get(name)!] = text;
  }
  const ids = new Set(seeds.entries.map((e) => e.id));
  const entries = [...seeds.entries];
  for (const e of pack.entries) {
    const file = rename.get(e.file);
    if (!file || ids.has(e.id)) continue;
    entries.push({ ...e, file });
  }
  return { entries, files };
}

function describe(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
