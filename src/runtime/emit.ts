import type { Context } from './context.js';
import type { Palette } from '../output/palette.js';
import { json } from '../output/format.js';
import { escapeData } from '../output/escape.js';

/** The three renderings of a result: human for a terminal, plain for pipes, JSON on request. */
export interface Renderer<R, J = unknown> {
  human(result: R, palette: Palette, context: Context): string;
  plain(result: R): string;
  /** The JSON: for the results a library user gets too, one of the types of src/library/api.ts. */
  json(result: R): J;
}

/**
 * Prints a result. Human and plain renderers get it with every string escaped (escapeData): no
 * renderer can print a control character from the data, and their own colours still work.
 */
export function emit<R>(context: Context, options: { json?: boolean }, result: R, renderer: Renderer<R>): void {
  if (options.json) context.io.out(json(renderer.json(result)));
  else if (context.io.stdoutIsTTY) context.io.out(renderer.human(escapeData(result), context.palette(), context));
  else context.io.out(renderer.plain(escapeData(result)));
}

/** A notice on stderr, prefixed so it is clearly memoir's, never mixed into data. */
export function notice(context: Context, message: string): void {
  context.io.err(`memoir: ${message}\n`);
}
