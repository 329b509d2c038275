import type { Fact } from './fact.js';
import { fileLines, parseFactLine } from './leafFile.js';

/*
 * A diff of two versions of a large leaf parsed every line of both (200,000 lines for `diff
 * HEAD~100` at 100,000 facts), where only the lines that changed can change a fact. diffLeaf
 * matches facts by id, orders what it finds by the files' order and pairs a `one` leaf's values
 * among what was added and removed, so given only the facts of the changed lines it says what it
 * says of the whole files, as long as no changed line's fact takes its id from its place in the
 * file: a hand-written (foreign) line, a copy of another line's id, or a line inside a code fence.
 * Those leaves are parsed whole, as before.
 */

/** A code fence anywhere in a file: the facts of lines inside one depend on where it opens. */
export const FENCE = /^\s*(?:```|~~~)/m;

/**
 * The facts of the lines `before` and `after` do not share, in file order; undefined when they do
 * not alone decide the diff (see above) and both files must be parsed whole.
 */
export function changedLineFacts(
  before: string,
  after: string,
  path: string,
): { before: Fact[]; after: Fact[] } | undefined {
  if (FENCE.test(before) || FENCE.test(after)) return undefined;
  const [a, b] = [fileLines(before), fileLines(after)];
  // most edits add or remove a few lines: the runs both files start and end with are shared as they are
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const [middleA, middleB] = [a.slice(head, a.length - tail), b.slice(head, b.length - tail)];
  const [removed, added] = [notIn(middleA, middleB), notIn(middleB, middleA)];
  const was = lineFacts(removed, before, path);
  const is = was && lineFacts(added, after, path);
  return was && is ? { before: was, after: is } : undefined;
}

/**
 * The facts of some lines of a leaf file (`text`, without a code fence), in their order, blank
 * lines skipped, as parsing the whole file would make them; undefined when that depends on the
 * rest of the file: a line memoir did not write (its id comes from its place), or an id written
 * on another line too (a copy's id does).
 */
export function lineFacts(lines: readonly string[], text: string, path: string): Fact[] | undefined {
  const found: Fact[] = [];
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const fact = parseFactLine(line, path);
    if (!fact) return undefined;
    found.push(fact);
  }
  return writtenOnce(
    text,
    found.map((f) => f.id),
  )
    ? found
    : undefined;
}

/** The lines of `lines` that `other` does not hold, as many times as it lacks them, in order. */
function notIn(lines: readonly string[], other: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const line of other) left.set(line, (left.get(line) ?? 0) + 1);
  const missing: string[] = [];
  for (const line of lines) {
    const count = left.get(line);
    if (count) left.set(line, count - 1);
    else missing.push(line);
  }
  return missing;
}

const TOKEN = '<!-- id=';

/**
 * Whether the file writes each of these ids once (a fact's text that quotes such a comment counts
 * too: the answer errs towards no). One pass over the file's comments, not one per id.
 */
export function writtenOnce(text: string, ids: readonly string[]): boolean {
  const seen = new Map(ids.map((id) => [id, 0]));
  if (seen.size < ids.length) return false;
  for (let at = text.indexOf(TOKEN); at >= 0; at = text.indexOf(TOKEN, at + TOKEN.length)) {
    const start = at + TOKEN.length;
    const id = text.slice(start, text.indexOf(' ', start));
    const count = seen.get(id);
    if (count === undefined) continue;
    if (count > 0) return false;
    seen.set(id, 1);
  }
  for (const count of seen.values()) if (count !== 1) return false;
  return true;
}
