import * as fs from 'node:fs';
import { type CorpusData, type CorpusParts, partsOf } from '../core/recall.js';
import { readBytesAt } from './atomicFile.js';
import { byCodeUnit } from '../core/order.js';

/*
 * The recall index on disk (`state/recall-index.bin`): a header, then sections read in place. As
 * one JSON document it was parsed whole on every recall (10 MB at 100,000 facts: ~0.3 s of read,
 * parse and set-up); here the per-fact numbers are typed arrays over the file's bytes, a term's
 * postings are found in the bytes, and a fact's line (the lines, last, are two thirds of the file)
 * is read when the fact is returned.
 *
 *   "MRI1" · header length (u32) · header JSON · sections, each at a multiple of 8 bytes
 *
 * The header names the tree, the commits and leaves, and each section's place and number type (the
 * narrowest that holds its numbers). Numbers are in the machine's byte order, which the header
 * records: the file is a cache, made and read on the same machine; one from another is rebuilt,
 * as is one that does not check out (decodeIndex).
 */

const MAGIC = 'MRI1';
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type SectionName =
  | 'leafOf'
  | 'lengths'
  | 'recorded'
  | 'sure'
  | 'dated'
  | 'leafStarts'
  | 'leafDocs'
  | 'lineStarts'
  | 'lines'
  | 'postings';

interface Header {
  format: number;
  littleEndian: boolean;
  tree: string;
  count: number;
  commits: string[];
  leaves: string[];
  /** Each section's place and, for numbers, the narrowest type that holds them. */
  sections: Record<SectionName, [offset: number, length: number, type?: NumberType]>;
}

type NumberType = 'u8' | 'u16' | 'u32' | 'i32' | 'f64';
type Numbers = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

const ARRAYS = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f64: Float64Array,
} as const;

/** The numbers' bytes in the narrowest of the types, and that type: a 10,000-fact index stays under 1 MB. */
function narrowest(values: ArrayLike<number>): [Uint8Array, NumberType] {
  let min = 0;
  let max = 0;
  let whole = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isInteger(v)) whole = false;
  }
  const type: NumberType = !whole
    ? 'f64'
    : min < 0
      ? min >= -(2 ** 31) && max < 2 ** 31
        ? 'i32'
        : 'f64'
      : max < 2 ** 8
        ? 'u8'
        : max < 2 ** 16
          ? 'u16'
          : max < 2 ** 32
            ? 'u32'
            : 'f64';
  const array = ARRAYS[type].from(values);
  return [new Uint8Array(array.buffer, array.byteOffset, array.byteLength), type];
}

/** The index file's bytes for the corpus of `tree`. */
export function encodeIndex(format: number, tree: string, data: CorpusData): Buffer {
  const parts = partsOf(data);
  const count = parts.count;
  const lines = Buffer.from(data.lines, 'utf8');
  const lineStarts = new Uint32Array(count + 1);
  for (let doc = 0, at = 0; doc < count; doc++) {
    lineStarts[doc] = at;
    const end = lines.indexOf(0x0a, at);
    at = end < 0 ? lines.length : end + 1;
  }
  lineStarts[count] = lines.length + 1; // as if a line break followed the last line
  const byLeaf: number[][] = data.leaves.map(() => []);
  for (let doc = 0; doc < count; doc++) byLeaf[data.leafOf[doc]].push(doc);
  const leafStarts = new Uint32Array(data.leaves.length + 1);
  byLeaf.forEach((docs, leaf) => (leafStarts[leaf + 1] = leafStarts[leaf] + docs.length));
  const sections: Array<[SectionName, Uint8Array, NumberType?]> = [
    ['leafOf', ...narrowest(data.leafOf)],
    ['lengths', ...narrowest(data.lengths)],
    ['recorded', ...narrowest(parts.recorded)],
    ['sure', ...narrowest(parts.sure)],
    ['dated', ...narrowest(data.dated)],
    ['leafStarts', ...narrowest(leafStarts)],
    ['leafDocs', ...narrowest(byLeaf.flat())],
    ['lineStarts', ...narrowest(lineStarts)],
    ['postings', Buffer.from(data.postings, 'utf8')],
    // last: a recall reads everything before it at once, and a line only for a fact it returns
    ['lines', lines],
  ];
  const header: Header = {
    format,
    littleEndian: LITTLE_ENDIAN,
    tree,
    count,
    commits: data.commits,
    leaves: data.leaves,
    sections: {} as Header['sections'],
  };
  // the header's length depends on the offsets it lists: they are counted from the first section
  let at = 0;
  for (const [name, bytes, type] of sections) {
    header.sections[name] = type ? [at, bytes.length, type] : [at, bytes.length];
    at = align(at + bytes.length);
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const first = align(8 + json.length);
  const file = Buffer.alloc(first + at);
  file.write(MAGIC, 0, 'latin1');
  file.writeUInt32LE(json.length, 4);
  json.copy(file, 8);
  for (const [name, bytes] of sections) file.set(bytes, first + header.sections[name][0]);
  return file;
}

/** Where an index file's bytes come from: the file itself (read as needed), or bytes in memory. */
export interface IndexBytes {
  size: number;
  read(offset: number, length: number): Buffer;
}

export const bytesIn = (buffer: Buffer): IndexBytes => ({
  size: buffer.length,
  read: (offset, length) => buffer.subarray(offset, offset + length),
});

/** The file open at `fd`, read at offsets (it may be replaced meanwhile: the open one is read). */
export function bytesOf(fd: number): IndexBytes {
  return {
    size: fs.fstatSync(fd).size,
    read: (offset, length) => readBytesAt(fd, offset, length),
  };
}

/**
 * The corpus of an index file: its numbers and postings read at once and used in place, a fact's
 * line read when the fact is returned (the lines are two thirds of the file). Undefined for a file
 * of another format, machine or shape.
 */
export function decodeIndex(format: number, file: IndexBytes): { tree: string; parts: CorpusParts } | undefined {
  try {
    if (file.size < 8 || file.read(0, 4).toString('latin1') !== MAGIC) return undefined;
    const length = file.read(4, 4).readUInt32LE(0);
    const header = JSON.parse(file.read(8, length).toString('utf8')) as Header;
    if (header.format !== format || header.littleEndian !== LITTLE_ENDIAN || !validHeader(header)) return undefined;
    const first = align(8 + length);
    const [linesAt, linesLength] = header.sections.lines;
    const [postingsAt, postingsLength] = header.sections.postings;
    if (first + linesAt + linesLength > file.size || postingsAt + postingsLength > linesAt) return undefined;
    // everything before the lines, at once; typed arrays need their offsets aligned in memory
    const read = file.read(first, linesAt);
    const block = read.byteOffset % 8 === 0 ? read : Buffer.from(read);
    if (block.length < linesAt) return undefined;
    const view = (name: SectionName): Numbers => {
      const [offset, byteLength, type] = header.sections[name];
      const make = type ? ARRAYS[type] : undefined;
      if (!make || offset + byteLength > block.length || byteLength % make.BYTES_PER_ELEMENT !== 0)
        throw new Error('not an index');
      return new make(block.buffer as ArrayBuffer, block.byteOffset + offset, byteLength / make.BYTES_PER_ELEMENT);
    };
    const { count, leaves } = header;
    const leafOf = view('leafOf');
    const lengths = view('lengths');
    const recorded = view('recorded');
    const sure = view('sure');
    const dated = view('dated');
    const leafStarts = view('leafStarts');
    const leafDocs = view('leafDocs');
    const lineStarts = view('lineStarts');
    if (
      [leafOf, lengths, recorded, sure, leafDocs].some((a) => a.length !== count) ||
      lineStarts.length !== count + 1 ||
      leafStarts.length !== leaves.length + 1 ||
      leafStarts[leaves.length] !== count ||
      dated.length % 3 !== 0 ||
      lineStarts[count] !== linesLength + 1
    )
      return undefined;
    // the numbers a read would follow are checked once, so a damaged file is rebuilt rather than misread
    for (let doc = 0; doc < count; doc++)
      if (leafOf[doc] >= leaves.length || leafDocs[doc] >= count || lineStarts[doc + 1] <= lineStarts[doc])
        return undefined;
    for (let leaf = 0; leaf < leaves.length; leaf++) if (leafStarts[leaf + 1] < leafStarts[leaf]) return undefined;
    for (let i = 0; i < dated.length; i += 3) if (dated[i] < 0 || dated[i] >= count) return undefined;
    const postingsEnd = postingsAt + postingsLength;
    return {
      tree: header.tree,
      parts: {
        count,
        commits: header.commits,
        leaves,
        leafOf,
        lengths,
        recorded,
        sure,
        dated,
        factsOfLeaf: (leaf) => leafDocs.subarray(leafStarts[leaf], leafStarts[leaf + 1]) as unknown as number[],
        line: (doc) =>
          file.read(first + linesAt + lineStarts[doc], lineStarts[doc + 1] - 1 - lineStarts[doc]).toString('utf8'),
        postingsLine: (term) => postingsLine(block, postingsAt, postingsEnd, term),
      },
    };
  } catch {
    return undefined;
  }
}

const LF = 0x0a;
const TAB = 0x09;

/**
 * A term's postings (`\nterm\tlist` lines, terms in code-unit order, core/recall.ts), found by
 * halving the bytes: at 100,000 facts a search of the whole section for each of a question's
 * terms read megabytes. Only the terms met on the way are decoded.
 */
function postingsLine(block: Buffer, from: number, to: number, term: string): string | undefined {
  // every line starts with its LF; the section ends with one more, which starts none
  let [low, high] = [from, block[to - 1] === LF ? to - 1 : to];
  while (low < high) {
    const at = block.lastIndexOf(LF, (low + high) >>> 1);
    const tab = block.indexOf(TAB, at + 1);
    if (at < low || tab < 0 || tab >= high) return undefined; // not a table: nothing found, as a search would not
    const order = byCodeUnit(term, block.toString('utf8', at + 1, tab));
    if (order === 0) {
      const end = block.indexOf(LF, tab + 1);
      return block.toString('utf8', tab + 1, end < 0 || end > to ? to : end);
    }
    if (order < 0) high = at;
    else {
      const next = block.indexOf(LF, tab + 1);
      low = next < 0 || next > high ? high : next;
    }
  }
  return undefined;
}

function validHeader(h: Header): boolean {
  return (
    typeof h.tree === 'string' &&
    Number.isInteger(h.count) &&
    h.count >= 0 &&
    Array.isArray(h.commits) &&
    h.commits.every((c) => typeof c === 'string') &&
    Array.isArray(h.leaves) &&
    h.leaves.every((l) => typeof l === 'string') &&
    typeof h.sections === 'object' &&
    h.sections !== null &&
    Object.values(h.sections).every(
      (s) =>
        Array.isArray(s) &&
        (s.length === 2 || (s.length === 3 && Object.hasOwn(ARRAYS, String(s[2])))) &&
        Number.isInteger(s[0]) &&
        s[0] >= 0 &&
        Number.isInteger(s[1]) &&
        s[1] >= 0,
    )
  );
}

const align = (n: number) => Math.ceil(n / 8) * 8;
