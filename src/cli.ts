import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from './version.js';
import { enableCompileCache } from './runtime/compileCache.js';

/*
 * The process's entry: the fast paths, answered before the rest is loaded, then the command
 * line (commandLine.ts), which is the only place that ends the process. It imports nothing
 * else statically but the code cache's loader, so `memoir --version` parses a few KB, not the
 * shared chunk.
 */

export { VERSION };

/** The in-process runner (createIO, run): scripts/tour.mjs drives memoir through it. */
export const commandLine = () => import('./commandLine.js');

/** The man pages, generated from the same command tree as --help (see scripts/gen-man.mjs). */
export async function manPages(): Promise<Map<string, string>> {
  return (await import('./program.js')).manPages();
}

/** The root help's command list, for the build to write to dist/data/root-help.json (src/runtime/rootHelp.ts). */
export async function rootHelp(): Promise<unknown[]> {
  return (await import('./program.js')).rootHelp();
}

export async function main(argv: string[] = process.argv): Promise<void> {
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    // the commonest probe of a CLI
    process.stdout.write(VERSION + '\n');
    return;
  }
  enableCompileCache(path.dirname(fileURLToPath(import.meta.url)));
  if (args[0] === '__complete') {
    // the shell's Tab (see completion/): candidates only, never an error, no colour, no Ink
    process.stdout.write(
      await (await import('./completion/run.js')).runCompletion(args.slice(1), process.env, process.cwd()),
    );
    return;
  }
  await (await commandLine()).runCommandLine(argv);
}
