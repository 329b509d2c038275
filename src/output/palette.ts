import type { ChalkInstance } from 'chalk';

/**
 * The one owner of colour. chalk alone does not honour NO_COLOR, so the decision is made
 * by io.ts and handed in here. chalk is loaded only when colour is on (see loadPalettes):
 * pipes, CI and agents never pay for it.
 */
export interface Palette {
  added(text: string): string;
  removed(text: string): string;
  changed(text: string): string;
  path(text: string): string;
  id(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  warn(text: string): string;
  error(text: string): string;
  /** The words a modification added or removed, inside a changed fact. */
  addedWord(text: string): string;
  removedWord(text: string): string;
}

const identity = (text: string) => text;

export const plainPalette: Palette = {
  added: identity,
  removed: identity,
  changed: identity,
  path: identity,
  id: identity,
  dim: identity,
  bold: identity,
  warn: identity,
  error: identity,
  addedWord: identity,
  removedWord: identity,
};

export function chalkPalette(c: ChalkInstance): Palette {
  return {
    added: c.green,
    removed: c.red,
    changed: c.yellow,
    path: c.cyan,
    id: c.yellow,
    dim: c.dim,
    bold: c.bold,
    warn: c.yellow,
    error: c.red,
    addedWord: c.inverse.green,
    removedWord: c.inverse.red,
  };
}

/**
 * The colour codes chalkPalette writes (level 1: bold, dim, inverse, red, green, yellow, cyan and
 * their resets), captured: the only escape sequences memoir's output may carry, and only on a
 * stream with colour (see escapeStream). A test keeps it in step with chalkPalette.
 */
// eslint-disable-next-line no-control-regex
export const PALETTE_SGR = /(\x1b\[(?:1|2|7|22|27|31|32|33|36|39)m)/;

/** The palettes for stdout and stderr; chalk is imported only if either stream has colour. */
export async function loadPalettes(color: { out: boolean; err: boolean }): Promise<{ out: Palette; err: Palette }> {
  if (!color.out && !color.err) return { out: plainPalette, err: plainPalette };
  const { Chalk } = await import('chalk');
  const coloured = chalkPalette(new Chalk({ level: 1 }));
  return { out: color.out ? coloured : plainPalette, err: color.err ? coloured : plainPalette };
}
