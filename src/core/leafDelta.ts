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

/**
 * Whether a file may hold a code fence (the facts of lines inside one depend on where it opens):
 * any ``` or ~~~, wherever it is in its line, text or bytes alike; such a file is parsed whole.
 */
export const mayHoldFence = (text: string | Buffer) => text.includes('```') || text.includes('~~~');

/**
 * The facts of the lines `before` and `after` do not share, in file order; undefined when they do
 * not alone decide the diff (see above) and both files must be parsed whole. Given as bytes (a
 * blob as read), only the lines between the runs both start and end with are decoded: at 100,000
 * facts a diff decoded 22 MB of leaves to compare a few hundred lines, and collecting it was most
 * of its time.
 */
export function changedLineFacts(
  before: string | Buffer,
  after: string | Buffer,
  path: string,
): { before: Fact[]; after: Fact[] } | undefined {
  if (mayHoldFence(before) || mayHoldFence(after)) return undefined;
  const [a, b] =
    typeof before === 'string' && typeof after === 'string' ? textMiddles(before, after) : byteMiddles(before, after);
  const [removed, added] = [notIn(a, b), notIn(b, a)];
  const was = lineFacts(removed, before, path);
  const is = was && lineFacts(added, after, path);
  return was && is ? { before: was, after: is } : undefined;
}

/** The lines between the runs of whole lines two texts start and end with (found by halving, each step one native compare). */
function textMiddles(x: string, y: string): [string[], string[]] {
  const shortest = Math.min(x.length, y.length);
  const head = wholeLinesBefore(
    x,
    longestRun(shortest, (n) => x.startsWith(y.slice(0, n))),
    x.length === y.length,
  );
  const tail = longestRun(shortest - head, (m) => x.endsWith(y.slice(y.length - m)));
  const start = wholeLinesAfter(x, x.length - tail, head);
  const kept = x.length - start;
  return [fileLines(x.slice(head, x.length - kept)), fileLines(y.slice(head, y.length - kept))];
}

/** The same for two files' bytes: only the lines between are decoded. */
function byteMiddles(before: string | Buffer, after: string | Buffer): [string[], string[]] {
  const [x, y] = [before, after].map((text) => (typeof text === 'string' ? Buffer.from(text) : text));
  const shortest = Math.min(x.length, y.length);
  const same = (n: number, m: number) => x.compare(y, n, m, n, m) === 0;
  const head = wholeLinesBefore(
    x,
    longestRun(shortest, (n) => same(0, n)),
    x.length === y.length,
  );
  const tail = longestRun(shortest - head, (m) => x.compare(y, y.length - m, y.length, x.length - m, x.length) === 0);
  const start = wholeLinesAfter(x, x.length - tail, head);
  const kept = x.length - start;
  return [fileLines(x.toString('utf8', head, x.length - kept)), fileLines(y.toString('utf8', head, y.length - kept))];
}

/** The largest n ≤ most for which `holds` (true for 0, and for every n below one it holds for). */
function longestRun(most: number, holds: (n: number) => boolean): number {
  let [yes, no] = [0, most + 1];
  while (no - yes > 1) {
    const n = (yes + no) >> 1;
    if (holds(n)) yes = n;
    else no = n;
  }
  return yes;
}

const LF = 0x0a;

/** A shared start of `n` units cut back to whole lines (both files whole when they are equal). */
function wholeLinesBefore(x: string | Buffer, n: number, sameLength: boolean): number {
  if (n === x.length && sameLength) return n;
  return n === 0 ? 0 : (typeof x === 'string' ? x.lastIndexOf('\n', n - 1) : x.lastIndexOf(LF, n - 1)) + 1;
}

/** A shared end starting at `start` moved forward to a line's start (or kept where the shared head stops). */
function wholeLinesAfter(x: string | Buffer, start: number, head: number): number {
  if (start >= x.length || start <= head || (typeof x === 'string' ? x[start - 1] === '\n' : x[start - 1] === LF))
    return start;
  const end = typeof x === 'string' ? x.indexOf('\n', start) : x.indexOf(LF, start);
  return end < 0 ? x.length : end + 1;
}

/**
 * The facts of some lines of a leaf file (`text`, without a code fence), in their order, blank
 * lines skipped, as parsing the whole file would make them; undefined when that depends on the
 * rest of the file: a line memoir did not write (its id comes from its place), or an id written
 * on another line too (a copy's id does).
 */
export function lineFacts(lines: readonly string[], text: string | Buffer, path: string): Fact[] | undefined {
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
  const left = countLines(other);
  const missing: string[] = [];
  for (const line of lines) {
    const count = left.get(line);
    if (count) left.set(line, count - 1);
    else missing.push(line);
  }
  return missing;
}

/** How many times each line is in `lines`. */
export function countLines(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

const TOKEN = '<!-- id=';
const TOKEN_BYTES = Buffer.from(TOKEN);

/**
 * Whether the file writes each of these ids once (a fact's text that quotes such a comment counts
 * too: the answer errs towards no). One pass over the file's comments, not one per id.
 */
export function writtenOnce(text: string | Buffer, ids: readonly string[]): boolean {
  // in a string each id is a cheap slice; in bytes a decoded one was most of a diff's time at scale
  if (typeof text !== 'string' && ids.every((id) => HEX_ID.test(id)))
    return eachOnce(
      ids.map((id) => hexKey(Number.parseInt(id, 16), id.length)),
      (meet) => eachHexId(text, meet),
    );
  const source = typeof text === 'string' ? text : text.toString('utf8');
  return eachOnce(ids, (meet) => {
    for (let at = source.indexOf(TOKEN); at >= 0; at = source.indexOf(TOKEN, at + TOKEN.length)) {
      const start = at + TOKEN.length;
      const space = source.indexOf(' ', start);
      if (!meet(source.slice(start, space < 0 ? source.length : space))) return;
    }
  });
}

/** Whether each key is met exactly once among those `each` meets (it stops when `meet` says the answer is no). */
function eachOnce<K>(keys: readonly K[], each: (meet: (key: K) => boolean) => void): boolean {
  const seen = new Map(keys.map((key) => [key, 0]));
  if (seen.size < keys.length) return false;
  let once = true;
  each((key) => {
    const count = seen.get(key);
    if (count === undefined) return true;
    if (count > 0) return (once = false);
    seen.set(key, 1);
    return true;
  });
  return once && [...seen.values()].every((count) => count === 1);
}

/** An id of up to 12 hex digits: with its count of digits, a number held exactly (below 2^53). */
const HEX_ID = /^[0-9a-f]{1,12}$/;
const hexKey = (value: number, digits: number) => value * 16 + digits;

/**
 * The id of each id comment in the bytes, as the number its hex digits spell (with their count,
 * so "0a" is not "a"), not as a string: a diff at 100,000 facts reads 200,000 of them. A comment
 * whose id is not 1 to 12 hex digits is passed over: it cannot be one of those asked about.
 */
function eachHexId(bytes: Buffer, meet: (key: number) => boolean): void {
  for (let at = bytes.indexOf(TOKEN_BYTES); at >= 0; at = bytes.indexOf(TOKEN_BYTES, at + TOKEN.length)) {
    let value = 0;
    let digits = 0;
    let i = at + TOKEN.length;
    for (; i < bytes.length && digits <= 12; i++, digits++) {
      const c = bytes[i];
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
      if (digit < 0) break;
      value = value * 16 + digit;
    }
    // an id ends at a space, or at the end of the file, as the reading of a string takes it
    if (digits === 0 || digits > 12 || (i < bytes.length && bytes[i] !== 0x20)) continue;
    if (!meet(hexKey(value, digits))) return;
  }
}
