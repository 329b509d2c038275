import { createHash } from '../core/lazyBuiltins.js';
import { crc32, inflateSync } from 'node:zlib';
import { applyDelta, entryHeader, type RawObject, TYPES } from './packReader.js';
import { byCodeUnit } from '../core/order.js';

/*
 * The index (`.idx`, version 2) of a packfile that has just arrived: every entry read in order
 * with Node's zlib (which says how many bytes each entry's data took), deltas rebuilt on their
 * bases, each object's id hashed, and git's index written: a fan-out table, the sorted ids, each
 * entry's CRC-32 and offset, and both checksums. What isomorphic-git's indexPack did, without a
 * JavaScript inflate per object.
 */

interface Entry {
  offset: number;
  crc: number;
  type: number;
  /** The object's content, or the delta that rebuilds it. */
  data: Buffer;
  baseOffset?: number;
  baseId?: string;
  /** Filled once the object is rebuilt. */
  object?: RawObject;
  oid?: string;
}

export class PackError extends Error {}

/**
 * Checks and indexes a whole packfile. `readBase` finds a delta's base that is not in the pack
 * (a thin pack's; memoir asks for none, but a base in the store is read rather than refused).
 */
export async function indexPack(
  pack: Buffer,
  readBase: (oid: string) => Promise<RawObject>,
  onProgress?: (phase: string, loaded: number, total: number) => void,
): Promise<{ index: Buffer; oids: string[] }> {
  if (pack.length < 32 || pack.toString('latin1', 0, 4) !== 'PACK' || pack.readUInt32BE(4) !== 2)
    throw new PackError('not a version 2 packfile');
  const count = pack.readUInt32BE(8);
  const end = pack.length - 20;
  const entries: Entry[] = [];
  const byOffset = new Map<number, Entry>();
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at >= end) throw new PackError('the packfile ends before its last object');
    const offset = at;
    const header = entryHeader(pack, offset);
    const { type, size } = header;
    const entry: Entry = { offset, crc: 0, type, data: Buffer.alloc(0) };
    if (header.baseOffset !== undefined) entry.baseOffset = header.baseOffset;
    else if (header.baseId !== undefined) entry.baseId = header.baseId;
    else if (!TYPES[type]) throw new PackError(`an entry of unknown type ${type} at ${offset}`);
    at = header.dataAt;
    const { buffer, engine } = inflated(pack.subarray(at, end), offset);
    if (buffer.length !== size) throw new PackError(`the entry at ${offset} does not hold the size it states`);
    at += engine.bytesWritten;
    entry.data = buffer;
    entry.crc = crc32(pack.subarray(offset, at));
    entries.push(entry);
    byOffset.set(offset, entry);
    if (onProgress && (i % 256 === 255 || i === count - 1)) onProgress('Indexing objects', i + 1, count);
  }
  if (at !== end) throw new PackError('the packfile holds data after its last object');
  const byId = new Map<string, Entry>();
  const resolve = async (entry: Entry): Promise<RawObject> => {
    if (entry.object) return entry.object;
    let object: RawObject;
    if (entry.baseOffset !== undefined) {
      const base = byOffset.get(entry.baseOffset);
      if (!base) throw new PackError(`a delta at ${entry.offset} names no entry as its base`);
      object = rebuilt(await resolve(base), entry.data, entry.offset);
    } else if (entry.baseId !== undefined) {
      const inPack = byId.get(entry.baseId);
      object = rebuilt(inPack ? await resolve(inPack) : await readBase(entry.baseId), entry.data, entry.offset);
    } else object = { type: TYPES[entry.type], content: entry.data };
    entry.object = object;
    entry.oid = createHash('sha1')
      .update(`${object.type} ${object.content.length}\0`)
      .update(object.content)
      .digest('hex');
    return object;
  };
  // whole objects first, so that a delta naming its base by id finds it in the pack
  for (const entry of entries) if (entry.baseOffset === undefined && entry.baseId === undefined) await resolve(entry);
  for (const entry of entries) if (entry.oid) byId.set(entry.oid, entry);
  for (const entry of entries) {
    await resolve(entry);
    byId.set(entry.oid!, entry);
  }
  return { index: writeIndex(entries, pack.subarray(end)), oids: entries.map((e) => e.oid!) };
}

/** An entry's zlib data, and how many bytes of the pack it took. */
function inflated(data: Buffer, offset: number): { buffer: Buffer; engine: { bytesWritten: number } } {
  try {
    return inflateSync(data, { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
  } catch (error) {
    throw new PackError(`the entry at ${offset} does not decompress (${(error as Error).message})`);
  }
}

/** A delta rebuilt on its base, or a PackError saying which entry does not fit. */
function rebuilt(base: RawObject, delta: Buffer, offset: number): RawObject {
  try {
    return { type: base.type, content: applyDelta(base.content, delta) };
  } catch (error) {
    throw new PackError(`the delta at ${offset}: ${(error as Error).message}`);
  }
}

/**
 * What an index (v2) lists, in its order (by id): each object's id, its entry's CRC-32 and its
 * offset in the pack (the 64-bit ones read from their table).
 */
export function indexEntries(index: Buffer): Array<{ oid: string; crc: number; offset: number }> {
  const count = index.readUInt32BE(8 + 255 * 4);
  const ids = 8 + 256 * 4;
  const crcs = ids + count * 20;
  const offsets = crcs + count * 4;
  return Array.from({ length: count }, (_, i) => {
    const small = index.readUInt32BE(offsets + i * 4);
    const large = offsets + count * 4 + (small & 0x7fffffff) * 8;
    return {
      oid: index.toString('hex', ids + i * 20, ids + (i + 1) * 20),
      crc: index.readUInt32BE(crcs + i * 4),
      offset: small & 0x80000000 ? index.readUInt32BE(large) * 2 ** 32 + index.readUInt32BE(large + 4) : small,
    };
  });
}

/** gitformat-pack's index v2 for these entries (their ids known). */
export function writeIndex(
  entries: ReadonlyArray<Pick<Entry, 'offset' | 'crc' | 'oid'>>,
  packChecksum: Buffer,
): Buffer {
  const sorted = [...entries].sort((a, b) => byCodeUnit(a.oid!, b.oid!));
  const n = sorted.length;
  const large = sorted.filter((e) => e.offset >= 0x80000000);
  const index = Buffer.alloc(8 + 256 * 4 + n * 28 + large.length * 8 + 40);
  index.writeUInt32BE(0xff744f63, 0);
  index.writeUInt32BE(2, 4);
  const fanout = new Array<number>(256).fill(0);
  for (const e of sorted) fanout[Number.parseInt(e.oid!.slice(0, 2), 16)]++;
  let total = 0;
  for (let i = 0; i < 256; i++) index.writeUInt32BE((total += fanout[i]), 8 + i * 4);
  const ids = 8 + 256 * 4;
  const crcs = ids + n * 20;
  const offsets = crcs + n * 4;
  const larges = offsets + n * 4;
  let nextLarge = 0;
  sorted.forEach((e, i) => {
    index.write(e.oid!, ids + i * 20, 'hex');
    index.writeUInt32BE(e.crc, crcs + i * 4);
    if (e.offset < 0x80000000) index.writeUInt32BE(e.offset, offsets + i * 4);
    else {
      index.writeUInt32BE(0x80000000 | nextLarge, offsets + i * 4);
      index.writeUInt32BE(Math.floor(e.offset / 2 ** 32), larges + nextLarge * 8);
      index.writeUInt32BE(e.offset % 2 ** 32, larges + nextLarge * 8 + 4);
      nextLarge++;
    }
  });
  const checksums = larges + large.length * 8;
  packChecksum.copy(index, checksums);
  createHash('sha1')
    .update(index.subarray(0, checksums + 20))
    .digest()
    .copy(index, checksums + 20);
  return index;
}
