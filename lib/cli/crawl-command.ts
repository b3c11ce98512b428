// The --jsonl command: arguments to CrawlOptions, Ctrl-C to an abort signal.
import { crawl, defaultResultsFile, isDirectory } from './crawl';
import type { VerifyArgs } from './args';
import type { CliIo } from './main';

const DEFAULT_GIVE_UP_SECONDS = 300;
/** Files in flight at once: enough to overlap lookups with local alignment. */
const PARALLEL_LOOKUPS = 4;

export async function crawlCommand(args: VerifyArgs, io: CliIo): Promise<number> {
  if (!isDirectory(args.file)) {
    io.stderr.write(`yuanwen verify: --jsonl checks a directory (a crawl), and ${args.file} is not one\n`);
    return 2;
  }
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  try {
    return await crawl(
      {
        dir: args.file,
        out: args.out ?? defaultResultsFile(args.file),
        server: args.server ? { url: args.server, key: args.key ?? io.env.YUANWEN_KEY } : undefined,
        kind: args.kind,
        parallel: args.server ? PARALLEL_LOOKUPS : 1,
        giveUpAfterMs: (args.giveUpAfterSeconds ?? DEFAULT_GIVE_UP_SECONDS) * 1000,
      },
      { stderr: io.stderr, stderrIsTTY: io.stderrIsTTY === true, signal: controller.signal },
    );
  } catch (error) {
    io.stderr.write(`yuanwen verify: internal error during the crawl check: ${(error as Error).message}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}
