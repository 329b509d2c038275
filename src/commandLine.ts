import { createIO, type IO } from './io/io.js';
import { reportError } from './io/reportError.js';
import { colorFlagOf } from './io/colorFlag.js';
import { outputStream, whenReaderGone } from './io/processStreams.js';
import { EXIT, exitCodeOfSignal } from './errors/index.js';
import { releaseAllLocks } from './store/lock.js';

/*
 * One command line in this process: signals, the output streams, and the mapping of errors to
 * exit codes. cli.ts loads it once the fast paths (--version, the shell's completion) are past.
 */

/** The streams' IO, as runCommandLine builds it: scripts/tour.mjs builds its own on it to call `run`. */
export { createIO };

export async function runCommandLine(argv: string[]): Promise<void> {
  const args = argv.slice(2);
  // a reader that goes away (memoir log | head) ends the output, as for git: quietly
  whenReaderGone(() => process.exit(EXIT.ok));
  const io = createIO({
    env: process.env,
    colorFlag: colorFlagOf(args),
    json: args.includes('--json'),
    noInput: args.includes('--no-input'),
    streams: { stdout: outputStream('stdout'), stderr: outputStream('stderr') },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      releaseAllLocks();
      process.exit(exitCodeOfSignal(signal));
    });
  }
  process.exitCode = await run(io, argv);
}

/**
 * Runs one command line on the given IO and returns its exit code, errors reported and mapped
 * as for the process. runCommandLine's own body, exported for a script that drives memoir
 * in-process: scripts/tour.mjs runs each step with an IO that says "terminal, no prompts", so
 * every step shows its human layout even when the tour's output goes to a file.
 */
export async function run(io: IO, argv: string[]): Promise<number> {
  try {
    const { runProgram } = await import('./program.js');
    return await runProgram(io, argv);
  } catch (error) {
    return reportError(io, error, argv.slice(2).includes('--debug'));
  }
}
