/*
 * A word → row lookup over data/embeddings/words.txt (`word\trank` lines) that costs nothing to
 * load: an open-addressing hash table and the lines' offsets, built once at build time into
 * dist/embeddings-index.bin. Building a Map of 23,000 words took ~10 ms and as much in garbage
 * collection on every recall. Without the file (running from the sources) the Map is used.
 */

const MAGIC = 0x4d454d57; // "MEMW"
const HEADER = 4; // magic, length of words.txt, table size, number of words

function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The index of a words.txt: header, table (row + 1 per slot, 0 empty), offsets of the lines. */
export function buildWordIndex(words: string): Uint8Array {
  const offsets: number[] = [];
  for (let at = 0; at < words.length; ) {
    const end = words.indexOf('\n', at);
    const line = end < 0 ? words.length : end;
    if (words.indexOf('\t', at) > at && words.indexOf('\t', at) < line) offsets.push(at);
    at = line + 1;
  }
  let size = 1;
  while (size < offsets.length * 2) size *= 2;
  const data = new Int32Array(HEADER + size + offsets.length);
  data.set([MAGIC, words.length, size, offsets.length]);
  offsets.forEach((offset, row) => {
    const word = words.slice(offset, words.indexOf('\t', offset));
    let slot = hash(word) & (size - 1);
    while (data[HEADER + slot] !== 0) slot = (slot + 1) & (size - 1);
    data[HEADER + slot] = row + 1;
    data[HEADER + size + row] = offset;
  });
  return new Uint8Array(data.buffer);
}

export interface WordLookup {
  count: number;
  /** The row of a word, undefined when it has none. */
  row(word: string): number | undefined;
  /** The frequency rank written after the word. */
  rank(row: number): number;
}

/** A lookup over `words` with its prebuilt index; undefined when the index is not for this text. */
export function indexedLookup(words: string, index: Uint8Array): WordLookup | undefined {
  if (index.byteLength < HEADER * 4 || index.byteOffset % 4 !== 0) return undefined;
  const data = new Int32Array(index.buffer, index.byteOffset, Math.floor(index.byteLength / 4));
  const [magic, length, size, count] = data;
  if (magic !== MAGIC || length !== words.length || data.length !== HEADER + size + count) return undefined;
  const offsetOf = (row: number) => data[HEADER + size + row];
  return {
    count,
    row(word) {
      let slot = hash(word) & (size - 1);
      for (let entry = data[HEADER + slot]; entry !== 0; entry = data[HEADER + slot]) {
        const offset = offsetOf(entry - 1);
        if (words.startsWith(word, offset) && words.charCodeAt(offset + word.length) === 9) return entry - 1;
        slot = (slot + 1) & (size - 1);
      }
      return undefined;
    },
    rank(row) {
      const offset = offsetOf(row);
      const tab = words.indexOf('\t', offset);
      const end = words.indexOf('\n', tab);
      return Number(words.slice(tab + 1, end < 0 ? undefined : end));
    },
  };
}

/** The same lookup with a Map, for when there is no prebuilt index. */
export function mapLookup(words: string): WordLookup {
  const rows = new Map<string, number>();
  const ranks: number[] = [];
  for (const line of words.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    rows.set(line.slice(0, tab), ranks.length);
    ranks.push(Number(line.slice(tab + 1)));
  }
  return { count: ranks.length, row: (word) => rows.get(word), rank: (row) => ranks[row] };
}
