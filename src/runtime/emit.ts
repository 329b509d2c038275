import type { Context } from './context.js';
import type { Palette } from '../output/palette.js';
import { json } from '../output/format.js';

/** The three renderings of a result: human for a terminal, plain for pipes, JSON on request. */
export interface Renderer<R> {
  human(result: R, palette: Palette, context: Context): string;
  plain(result: R): string;
  json(result: R): unknown;
}

export function emit<R>(context: Context, options: { json?: boolean }, result: R, renderer: Renderer<R>): void {
  if (options.json) context.io.out(json(renderer.json(result)));
  else if (context.io.stdoutIsTTY) context.io.out(renderer.human(result, context.palette(), context));
  else context.io.out(renderer.plain(result));
}

/** A notice on stderr, prefixed so it is clearly memoir's, never mixed into data. */
export function notice(context: Context, message: string): void {
  context.io.err(`memoir: ${message}\n`);
}
