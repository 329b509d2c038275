import { EXIT, MemoirError } from '../errors/index.js';
import { escapeControl } from '../core/controlChars.js';
import { escapeJsonText } from '../output/escape.js';
import type { IO } from './io.js';

const shown = (text: string) => escapeControl(text, { multiline: true });

/**
 * Writes an error as memoir reports it on stderr (JSON under --json; a message and a hint
 * otherwise; the stack with --debug) and returns the exit code it ends with. An error that is
 * not memoir's is a bug, said so.
 */
export function reportError(io: IO, error: unknown, debug: boolean): number {
  if (error instanceof MemoirError) {
    if (io.json) io.err(escapeJsonText(JSON.stringify(error.toJSON())) + '\n');
    // a message may repeat an argument or a name read from the repository: shown, never obeyed
    else io.err(`memoir: ${shown(error.message)}\n${error.hint ? `hint: ${shown(error.hint)}\n` : ''}`);
    if (debug && error.stack) io.err(error.stack + '\n');
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (io.json) io.err(escapeJsonText(JSON.stringify({ code: 'internal-error', message })) + '\n');
  else
    io.err(
      `memoir: internal error: ${shown(message)}\nThis is a bug in memoir; please report it with the output of the same command run with --debug.\n`,
    );
  if (debug && error instanceof Error && error.stack) io.err(error.stack + '\n');
  return EXIT.failure;
}
