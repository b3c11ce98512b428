import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../lib/cli/args';

describe('verifier arguments (node:util parseArgs underneath)', () => {
  it('a file with flags in any order', () => {
    expect(parseArgs(['a.html', '--json'])).toEqual({ type: 'run', args: { file: 'a.html', json: true, kind: undefined, sensitivity: 'default' } });
    expect(parseArgs(['--text', 'a.html'])).toEqual({ type: 'run', args: { file: 'a.html', json: false, kind: 'text', sensitivity: 'default' } });
  });

  it('-h and --help ask for help, wherever they stand', () => {
    expect(parseArgs(['-h'])).toEqual({ type: 'help' });
    expect(parseArgs(['a.txt', '--help'])).toEqual({ type: 'help' });
  });

  it('after --, a name that starts with a dash is a file', () => {
    expect(parseArgs(['--', '-odd.txt'])).toEqual({ type: 'run', args: { file: '-odd.txt', json: false, kind: undefined, sensitivity: 'default' } });
  });

  it('unknown options are named, with a suggestion for a near miss only', () => {
    expect(parseArgs(['--jsno', 'a.txt'])).toEqual({ type: 'error', message: 'unknown option --jsno (did you mean --json?)' });
    expect(parseArgs(['-html', 'a.txt'])).toEqual({ type: 'error', message: 'unknown option -html (did you mean --html?)' });
    expect(parseArgs(['--frobnicate', 'a.txt'])).toEqual({ type: 'error', message: 'unknown option --frobnicate' });
  });

  it('a flag given a value is refused', () => {
    expect(parseArgs(['--json=yes', 'a.txt'])).toEqual({ type: 'error', message: '--json takes no value' });
  });

  it('usage errors: no file, two files, stdin, --html with --text', () => {
    expect(parseArgs([])).toEqual({ type: 'error', message: 'no FILE given' });
    expect(parseArgs(['a', 'b'])).toEqual({ type: 'error', message: 'one FILE at a time (got 2)' });
    expect(parseArgs(['-'])).toMatchObject({ type: 'error', message: expect.stringMatching(/standard input/) });
    expect(parseArgs(['--html', '--text', 'a'])).toEqual({ type: 'error', message: '--html and --text exclude each other' });
  });
});
