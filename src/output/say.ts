import type { Context } from '../runtime/context.js';

/** The option every writer declares: `-q, --quiet`. */
export const QUIET_FLAGS = '-q, --quiet';
export const QUIET_HELP = 'print no result or status lines (errors and warnings still print; --json still prints)';

/**
 * Where a writer's human lines go. Its result (`[main 3f2a1c0] msg`, `staged ...`, `Deleted
 * branch ...`) is data, on stdout, so `out=$(memoir commit)` holds it as it would git's;
 * status (counts of what waits, hints, what to run next) goes to stderr. `-q` silences both:
 * warnings and errors are written with `context.io.err`, never through here.
 */
export interface Say {
  result(line: string): void;
  status(line: string): void;
}

export function sayFor(context: Context, options: { quiet?: boolean }): Say {
  if (options.quiet) return { result: () => undefined, status: () => undefined };
  return {
    result: (line) => context.io.out(line.endsWith('\n') ? line : line + '\n'),
    status: (line) => context.io.err(line.endsWith('\n') ? line : line + '\n'),
  };
}
