// Everything that can be wrong with a pack, as data: the CLI prints
// describePackProblem(); the extension's pages show a translated message
// chosen by `kind`. One problem is reported per pack, the first found, and a
// pack with a problem imports nothing.
export type PackProblem =
  | { kind: 'empty' }
  | { kind: 'too-large'; chars: number; max: number }
  | { kind: 'not-json'; detail: string }
  /** Valid JSON, but not a Yuanwen pack at all (no "format": "yuanwen-pack"). */
  | { kind: 'not-a-pack' }
  /** A Yuanwen pack of a schema version this build does not read. */
  | { kind: 'unsupported-version'; version: string }
  /** The schema refused a field: where (a dotted path) and why. */
  | { kind: 'invalid'; path: string; detail: string }
  /** A text's content does not hash to its sha256: the pack was altered or truncated. */
  | { kind: 'hash-mismatch'; textId: string }
  | { kind: 'article-range'; textId: string; articleId: string; start: number; end: number; length: number }
  | { kind: 'duplicate-id'; what: 'text' | 'article'; id: string };

export function describePackProblem(p: PackProblem): string {
  switch (p.kind) {
    case 'empty':
      return 'the pack is empty';
    case 'too-large':
      return `the pack is too large (${p.chars} characters; at most ${p.max})`;
    case 'not-json':
      return `the pack is not valid JSON (${p.detail})`;
    case 'not-a-pack':
      return 'this is not a Yuanwen pack (no "format": "yuanwen-pack")';
    case 'unsupported-version':
      return `pack schema version ${p.version} is not supported by this version of Yuanwen (it reads version 1)`;
    case 'invalid':
      return `the pack is malformed at ${p.path || 'its top level'}: ${p.detail}`;
    case 'hash-mismatch':
      return `text ${p.textId} does not match its SHA-256: the pack is corrupt or was altered`;
    case 'article-range':
      return `article ${p.articleId} has range ${p.start}..${p.end} outside text ${p.textId} (length ${p.length})`;
    case 'duplicate-id':
      return `${p.what} id ${p.id} occurs twice in the pack`;
  }
}

export class PackError extends Error {
  constructor(readonly problem: PackProblem) {
    super(describePackProblem(problem));
    this.name = 'PackError';
  }
}
