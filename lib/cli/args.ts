// Command-line arguments of the verifier: one table of options, parsed by
// node:util's parseArgs (strict), with our own one-line error messages and a
// suggestion for a near miss. A new option is one row in CLI_OPTIONS plus the
// field it fills in VerifyArgs; parseArgs does the tokenising (--opt=value,
// --opt value, -h, --) so this module only validates and names things.
import { parseArgs as parseNodeArgs } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import { sensitivities, type Sensitivity } from '../engine/options';
import type { InputKind } from './decode';

interface BooleanOption {
  type: 'boolean';
  short?: string;
}

interface StringOption {
  type: 'string';
  short?: string;
  /** When set, the value must be one of these. */
  choices?: readonly string[];
}

export type OptionSpec = BooleanOption | StringOption;

/** Every option the verifier accepts. Help text lives in HELP (main.ts), beside the usage. */
export const CLI_OPTIONS = {
  json: { type: 'boolean' },
  html: { type: 'boolean' },
  text: { type: 'boolean' },
  sensitivity: { type: 'string', choices: sensitivities },
  help: { type: 'boolean', short: 'h' },
  server: { type: 'string' },
  key: { type: 'string' },
  jsonl: { type: 'boolean' },
  out: { type: 'string' },
  'give-up-after': { type: 'string' },
  pack: { type: 'string' },
} as const satisfies Record<string, OptionSpec>;

export interface VerifyArgs {
  file: string;
  json: boolean;
  kind?: InputKind;
  /** Online: the reference service's URL (lib/online/client.ts). */
  server?: string;
  key?: string;
  /** FILE is a directory: a crawl check, one JSON line per file (lib/cli/crawl.ts). */
  jsonl?: boolean;
  out?: string;
  giveUpAfterSeconds?: number;
  /** The engine's sensitivity preset (lib/engine/options.ts); 'default' when not given. */
  sensitivity: Sensitivity;
  /** A pack (lib/pack) verified against besides the bundled seeds. */
  pack?: string;
}

export type ParsedArgs =
  | { type: 'help' }
  | { type: 'run'; args: VerifyArgs }
  | { type: 'error'; message: string };

const optionNames: readonly string[] = Object.keys(CLI_OPTIONS).map((name) => `--${name}`);

/** " (did you mean --json?)" for a near miss such as --jsno or -json; empty otherwise. */
function suggest(arg: string): string {
  const asLong = arg.replace(/=.*$/, '').replace(/^-+/, '--');
  const near = closest(asLong, optionNames as string[]);
  return distance(asLong, near) <= 2 ? ` (did you mean ${near}?)` : '';
}

const shortNames: ReadonlySet<string> = new Set(
  Object.values(CLI_OPTIONS as Record<string, OptionSpec>).flatMap((spec) => (spec.short ? [spec.short] : [])),
);

/** A single-dash word (-html, -json) is a long option typed with one dash, not a
 *  cluster of short flags: name it as unknown rather than as its first letter. */
function singleDashWord(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    if (arg === '--') return undefined;
    if (/^-[^-]{2,}/.test(arg) && ![...arg.slice(1)].every((c) => shortNames.has(c))) return arg;
  }
  return undefined;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const word = singleDashWord(argv);
  if (word !== undefined) return { type: 'error', message: `unknown option ${word}${suggest(word)}` };

  let parsed;
  try {
    parsed = parseNodeArgs({ args: [...argv], options: CLI_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return { type: 'error', message: describeParseError(error) };
  }
  const { values, positionals } = parsed;
  const { json, jsonl } = values;
  if (values.help) return { type: 'help' };

  for (const [name, spec] of Object.entries(CLI_OPTIONS as Record<string, OptionSpec>)) {
    const value = (values as Record<string, unknown>)[name];
    if (spec.type === 'string' && spec.choices && typeof value === 'string' && !spec.choices.includes(value)) {
      return { type: 'error', message: `--${name} takes ${spec.choices.join(', ')} (got ${value})` };
    }
  }

  if (values.html && values.text) return { type: 'error', message: '--html and --text exclude each other' };
  const kind: InputKind | undefined = values.html ? 'html' : values.text ? 'text' : undefined;

  if (positionals.length === 0) return { type: 'error', message: 'no FILE given' };
  if (positionals.length > 1) return { type: 'error', message: `one FILE at a time (got ${positionals.length})` };
  const file = positionals[0]!;
  if (file === '-') return { type: 'error', message: 'reading standard input is not supported: give a file name' };
  let giveUpAfterSeconds: number | undefined;
  if (values['give-up-after'] !== undefined) {
    giveUpAfterSeconds = Number(values['give-up-after']);
    if (!(giveUpAfterSeconds >= 0)) return { type: 'error', message: `--give-up-after takes a number of seconds (got ${values['give-up-after']})` };
  }
  if (values.server !== undefined && !/^https?:\/\/[^/]/.test(values.server)) return { type: 'error', message: `--server takes an http:// or https:// URL (got ${values.server})` };
  if (values.key !== undefined && values.server === undefined) return { type: 'error', message: '--key needs --server' };
  if ((values.out !== undefined || giveUpAfterSeconds !== undefined) && !jsonl) return { type: 'error', message: `--${values.out !== undefined ? 'out' : 'give-up-after'} needs --jsonl` };
  if (jsonl && json) return { type: 'error', message: '--json and --jsonl exclude each other' };
  return {
    type: 'run',
    args: {
      file,
      json: json ?? false,
      kind,
      sensitivity: (values.sensitivity as Sensitivity | undefined) ?? 'default',
      // Online and crawl fields only when given, so a plain run's arguments stay as they were.
      ...(values.server !== undefined ? { server: values.server } : {}),
      ...(values.key !== undefined ? { key: values.key } : {}),
      ...(jsonl ? { jsonl: true } : {}),
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(giveUpAfterSeconds !== undefined ? { giveUpAfterSeconds } : {}),
      ...(values.pack !== undefined ? { pack: values.pack } : {}),
    },
  };
}

/** node:util's errors name the option in quotes ("Unknown option '--jsno'"); say it our way. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const option = /'(-[^']*)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
    return `unknown option ${option}${suggest(option)}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    const name = option.replace(/^-+/, '').split(/[ =]/)[0]!;
    const spec = (CLI_OPTIONS as Record<string, OptionSpec>)[name];
    return spec?.type === 'string' ? `--${name} needs a value` : `--${name} takes no value`;
  }
  return message.split('\n')[0]!;
}
