// Entry point of `npm run verify -- FILE [--json]`; the logic is in main.ts.
import { main } from './main';

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
});
// Set the code rather than calling process.exit(), which can cut off output
// still being written to a pipe (a large --json report).
process.exitCode = code;
