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
  const [x, y] = [before, after].map((text) => (typeof text === 'string' ? Buffer.from(text) : text));
  // a fence's opening may be anywhere in its line: any ``` or ~~~ sends the leaf to the whole parse
  if ([x, y].some((bytes) => bytes.includes('```') || bytes.includes('~~~'))) return undefined;
  const head = sharedHead(x, y);
  const tail = sharedTail(x, y, head);
  const [a, b] = [
    fileLines(x.toString('utf8', head, x.length - tail)),
    fileLines(y.toString('utf8', head, y.length - tail)),
  ];
  const [removed, added] = [notIn(a, b), notIn(b, a)];
  const was = lineFacts(removed, x, path);
  const is = was && lineFacts(added, y, path);
  return was && is ? { before: was, after: is } : undefined;
}

const LF = 0x0a;

/** How many bytes whole lines the two files start with take (found by halving: each step one native compare). */
function sharedHead(x: Buffer, y: Buffer): number {
  let [same, differs] = [0, Math.min(x.length, y.length) + 1];
  while (differs - same > 1) {
    const n = (same + differs) >> 1;
    if (x.compare(y, 0, n, 0, n) === 0) same = n;
    else differs = n;
  }
  // whole lines only: a line both share the start of is not shared
  if (same === x.length && same === y.length) return same;
  return same === 0 ? 0 : x.lastIndexOf(LF, same - 1) + 1;
}

/** How many bytes whole lines the two files end with take, after the first `head` bytes of each. */
function sharedTail(x: Buffer, y: Buffer, head: number): number {
  let [same, differs] = [0, Math.min(x.length, y.length) - head + 1];
  while (differs - same > 1) {
    const m = (same + differs) >> 1;
    if (x.compare(y, y.length - m, y.length, x.length - m, x.length) === 0) same = m;
    else differs = m;
  }
  let start = x.length - same;
  // whole lines only: the shared run starts after a line end (or where the shared head stops)
  if (same > 0 && start > head && x[start - 1] !== LF) {
    const end = x.indexOf(LF, start);
    start = end < 0 ? x.length : end + 1;
  }
  return x.length - start;
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
const TOKEN_BYTES = Buffer.from(TOKEN);

/**
 * Whether the file writes each of these ids once (a fact's text that quotes such a comment counts
 * too: the answer errs towards no). One pass over the file's comments, not one per id.
 */
export function writtenOnce(text: string | Buffer, ids: readonly string[]): boolean {
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
 * whose id is not 1 to 12 hex digits is passed over: it cannot be one of the ids asked about.
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
