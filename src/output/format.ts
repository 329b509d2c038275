/** Shared pieces of human and plain output. */
import { escapeJsonText } from './escape.js';

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;

/**
 * The columns text takes on a terminal: string-width once loadDisplayWidth() has run (a CJK
 * character or an emoji takes two, a combining mark none), code points until then. Colour codes
 * take none either way.
 */
let displayWidth = (text: string): number => [...text.replace(SGR, '')].length;

/**
 * Loads string-width, for human output only: it builds an Intl.Segmenter when loaded (8 to 50 ms),
 * which pipes, --json and agents never need. runProgram calls it when stdout is a terminal.
 */
export async function loadDisplayWidth(): Promise<void> {
  displayWidth = (await import('string-width')).default;
}

/**
 * Pads columns to a common width (human output); the last column is never padded. Widths are
 * display widths (see displayWidth), so CJK and emoji rows line up.
 */
export function alignColumns(
  rows: string[][],
  visibleLength: (s: string) => number = (s) => displayWidth(s),
): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - visibleLength(cell))))
      .join('  ')
      .trimEnd(),
  );
}

/** One tab-separated record; tabs and newlines inside fields become spaces so `cut` works. */
export function plainRecord(fields: Array<string | number | boolean | undefined | null>): string {
  return (
    fields.map((f) => (f === undefined || f === null ? '' : String(f).replace(/[\t\r\n]+/g, ' '))).join('\t') + '\n'
  );
}

/** "3 minutes ago", "2 days ago", or the date when it is older than a month. */
export function relativeTime(when: Date, now: Date): string {
  // a line written with git has no recording time; a hand-edited one may hold anything
  if (Number.isNaN(when.getTime())) return 'no date';
  const seconds = Math.round((now.getTime() - when.getTime()) / 1000);
  if (seconds < 0) return when.toISOString().slice(0, 10);
  const steps: Array<[number, string]> = [
    [60, 'second'],
    [60, 'minute'],
    [24, 'hour'],
    [30, 'day'],
  ];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (value < size)
      return value <= 1 && unit === 'second' ? 'just now' : `${value} ${unit}${value === 1 ? '' : 's'} ago`;
    value = Math.floor(value / size);
  }
  return when.toISOString().slice(0, 10);
}

export { plural, shortOid } from '../core/words.js';

/** A result as JSON, indented; DEL, C1 and line separators escaped too (see escapeJsonText). */
export function json(value: unknown): string {
  return escapeJsonText(JSON.stringify(value, null, 2)) + '\n';
}

/** The same on one line (JSONL records, errors on stderr). */
export function jsonLine(value: unknown): string {
  return escapeJsonText(JSON.stringify(value)) + '\n';
}
