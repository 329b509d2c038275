import { createIO, type IO } from './io/io.js';
import { reportError } from './io/reportError.js';
import { colorFlagOf } from './io/colorFlag.js';
import { EXIT, exitCodeOfSignal } from './errors/index.js';
import { releaseAllLocks } from './store/lock.js';
import { VERSION } from './version.js';

/*
 * The process: fast paths, signals, and the mapping of errors to exit codes. This is the only
 * place that ends the process; the command tree (program.ts) is loaded on demand.
 */

export { VERSION };
/** The streams' IO, as main builds it: scripts/tour.mjs builds its own on it to call `run`. */
export { createIO };

/** The man pages, generated from the same command tree as --help (see scripts/gen-man.mjs). */
export async function manPages(): Promise<Map<string, string>> {
  return (await import('./program.js')).manPages();
}

export async function main(argv: string[] = process.argv): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    // the commonest probe of a CLI, answered before anything else is loaded
    process.stdout.write(VERSION + '\n');
    return;
  }
  if (args[0] === '__complete') {
    // the shell's Tab (see completion/): candidates only, never an error, no colour, no Ink
    process.stdout.write(
      await (await import('./completion/run.js')).runCompletion(args.slice(1), process.env, process.cwd()),
    );
    return;
  }
  // a reader that goes away (memoir log | head) ends the output, as for git: quietly
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT.ok);
      throw error;
    });
  }
  const io = createIO({
    env: process.env,
    colorFlag: colorFlagOf(args),
    json: args.includes('--json'),
    noInput: args.includes('--no-input'),
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
 * as for the process. main's own body, exported for a script that drives memoir in-process:
 * scripts/tour.mjs runs each step with an IO that says "terminal, no prompts", so every step
 * shows its human layout even when the tour's output goes to a file.
 */
export async function run(io: IO, argv: string[]): Promise<number> {
  try {
    const { runProgram } = await import('./program.js');
    return await runProgram(io, argv);
  } catch (error) {
    return reportError(io, error, argv.slice(2).includes('--debug'));
  }
}
