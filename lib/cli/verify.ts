// Entry point of `npm run verify -- FILE [--json]`; the logic is in main.ts.
import { main } from './main';

// A reader who pipes the report into `head` closes the pipe early: that is not
// an error. Stop quietly (exit 0) instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutIsTTY: process.stdout.isTTY === true,
  env: process.env,
});
// Set the code rather than calling process.exit(), which can cut off output
// still being written to a pipe (a large --json report).
process.exitCode = code;
