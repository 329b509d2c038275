import { escapeControl } from '../core/controlChars.js';
import { readKeys, type TerminalInput } from './promptCredentials.js';

/**
 * Asks a yes-or-no question on the terminal (stderr), as `git clean -i` or apt do: only "y" or
 * "yes" says yes; Enter, anything else, Ctrl-C or Ctrl-D says no.
 */
export async function confirm(input: TerminalInput, output: NodeJS.WritableStream, question: string): Promise<boolean> {
  if (!input.isTTY || !input.setRawMode) return false;
  output.write(`${escapeControl(question)} [y/N] `);
  const keys = readKeys(input, output);
  try {
    return /^y(es)?$/i.test((await keys.line({ echo: true }))?.trim() ?? '');
  } finally {
    keys.close();
  }
}
