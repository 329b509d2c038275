import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import { readBytesAt } from './atomicFile.js';

/*
 * Objects in packfiles, read with Node's own zlib: every store that was cloned or fetched into
 * holds its history in packs, and isomorphic-git's reader (a directory listing and a JavaScript
 * inflate per object) made reads of a cloned store a third slower than of one memoir wrote
 * loose. The formats are gitformat-pack's: an index (v2) maps an id to an offset in its pack; an
 * entry there is a type, a size and zlib data, or a delta against another entry (by offset or
 * by id) that rebuilds the object from its base.
 */

export interface RawObject {
  type: string;
  content: Buffer;
}

export const TYPES = ['', 'commit', 'tree', 'blob', 'tag'];
const OFS_DELTA = 6;
const REF_DELTA = 7;

interface Pack {
  /** The `.idx` file's bytes. */
  index: Buffer;
  count: number;
  packFile: string;
  /** A small `.pack` file's bytes, read whole on first use; a large one is read entry by entry. */
  data?: Buffer;
  /** The large one's descriptor and size, opened on first use. */
  fd?: number;
  size?: number;
}

/**
 * Packs up to this size are read whole (one read serves every object a command needs); a larger
 * one, such as `memoir gc` makes of a long history without deltas (50 MB at 100,000 facts), is
 * read at each entry: reading it whole made every read command slower than the loose objects did.
 */
const WHOLE_PACK = 4 * 1024 * 1024;

/** Delta bases kept per process: a chain of deltas in a cloned pack shares its bases. */
const BASE_CACHE = 256;

export class PackReader {
  private packs: Pack[] | undefined;
  private scanned = new Set<string>();

  constructor(
    private readonly gitdir: string,
    /** Reads an object from anywhere in the store: the base of a delta by id may be loose or in another pack. */
    private readonly readAny: (oid: string) => Promise<RawObject>,
    /** The size up to which a pack is read whole (see WHOLE_PACK); the tests read small packs entry by entry too. */
    private readonly wholePack = WHOLE_PACK,
  ) {}

  /** The object, if a pack holds it (undefined otherwise). A pack that appeared since the last look is found. */
  async read(oid: string): Promise<RawObject | undefined> {
    return this.readFound(this.locate(oid) ?? (this.rescan() ? this.locate(oid) : undefined), oid);
  }

  /** The object, if a pack already listed holds it: no look for new packs (a loose object is asked for first). */
  async readListed(oid: string): Promise<RawObject | undefined> {
    return this.readFound(this.locate(oid), oid);
  }

  private async readFound(found: { pack: Pack; offset: number } | undefined, oid: string) {
    if (!found) return undefined;
    try {
      return await this.readAt(found.pack, found.offset);
    } catch (error) {
      // `memoir gc` in another process folded that pack into a new one since this one listed it
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.packs = this.packs?.filter((pack) => pack !== found.pack);
      this.rescan();
      const moved = this.locate(oid);
      return moved && this.readAt(moved.pack, moved.offset);
    }
  }

  has(oid: string): boolean {
    return this.locate(oid) !== undefined || (this.rescan() && this.locate(oid) !== undefined);
  }

  private locate(oid: string): { pack: Pack; offset: number } | undefined {
    if (this.packs === undefined) {
      this.packs = [];
      this.rescan();
    }
    const id = Buffer.from(oid, 'hex');
    if (id.length !== 20) return undefined;
    for (const pack of this.packs) {
      const offset = findOffset(pack, id);
      if (offset !== undefined) return { pack, offset };
    }
    return undefined;
  }

  /** Adds the packs not seen yet; true when there were any. */
  private rescan(): boolean {
    const dir = path.join(this.gitdir, 'objects', 'pack');
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return false;
    }
    let added = false;
    for (const name of names) {
      if (!/^pack-[0-9a-f]{40}\.idx$/.test(name) || this.scanned.has(name)) continue;
      this.scanned.add(name);
      const index = fs.readFileSync(path.join(dir, name));
      // version 2 only (git's default since 2006); an older index is left to isomorphic-git
      if (index.length < 1072 || index.readUInt32BE(0) !== 0xff744f63 || index.readUInt32BE(4) !== 2) continue;
      (this.packs ??= []).push({
        index,
        count: index.readUInt32BE(8 + 255 * 4),
        packFile: path.join(dir, name.replace(/\.idx$/, '.pack')),
      });
      added = true;
    }
    return added;
  }

  private readonly bases = new Map<string, RawObject>();

  private async readAt(pack: Pack, offset: number): Promise<RawObject> {
    const { entry, zlibData } = this.entryAt(pack, offset);
    if (entry.baseOffset !== undefined) {
      const key = `${pack.packFile}\0${entry.baseOffset}`;
      let base = this.bases.get(key);
      if (!base) {
        base = await this.readAt(pack, entry.baseOffset);
        if (this.bases.size >= BASE_CACHE) this.bases.delete(this.bases.keys().next().value!);
        this.bases.set(key, base);
      }
      return { type: base.type, content: applyDelta(base.content, zlibData) };
    }
    if (entry.baseId !== undefined) {
      const base = await this.readAny(entry.baseId);
      return { type: base.type, content: applyDelta(base.content, zlibData) };
    }
    if (!TYPES[entry.type] || zlibData.length !== entry.size)
      throw new Error(`a damaged pack entry at ${offset} in ${pack.packFile}`);
    return { type: TYPES[entry.type], content: zlibData };
  }

  /** The entry's header and its inflated data (an object, or a delta). */
  private entryAt(pack: Pack, offset: number): { entry: EntryHeader; zlibData: Buffer } {
    if (pack.data === undefined && pack.fd === undefined) {
      const size = fs.statSync(pack.packFile).size;
      if (size <= this.wholePack) pack.data = fs.readFileSync(pack.packFile);
      else (pack.fd = fs.openSync(pack.packFile, 'r')), (pack.size = size);
    }
    if (pack.data) {
      const entry = entryHeader(pack.data, offset);
      return { entry, zlibData: inflate(pack.data, entry.dataAt, entry.size) };
    }
    // a header is at most 10 bytes of type and size and 20 of a base's id
    const head = entryHeader(this.bytesAt(pack, offset, 32), 0);
    const entry: EntryHeader = {
      ...head,
      dataAt: offset + head.dataAt,
      baseOffset: head.baseOffset === undefined ? undefined : offset + head.baseOffset,
    };
    // zlib's worst case for `size` bytes: 5 bytes a 16 KB stored block, and 6 of header and trailer
    const bound = entry.size + 5 * (Math.ceil(entry.size / 16_383) + 1) + 6;
    return { entry, zlibData: inflate(this.bytesAt(pack, entry.dataAt, bound), 0, entry.size) };
  }

  /** Up to `length` bytes of a large pack from `offset`, no further than its end. */
  private bytesAt(pack: Pack, offset: number, length: number): Buffer {
    return readBytesAt(pack.fd!, offset, Math.min(length, pack.size! - offset));
  }
}

export interface EntryHeader {
  /** 1-4 a whole object (commit, tree, blob, tag), 6 a delta by offset, 7 a delta by id. */
  type: number;
  /** The inflated size of the object, or of the delta. */
  size: number;
  /** Where the entry's zlib data starts. */
  dataAt: number;
  baseOffset?: number;
  baseId?: string;
}

/** A pack entry's header at `offset`: its type and size, and a delta's base (gitformat-pack). */
export function entryHeader(data: Buffer, offset: number): EntryHeader {
  let at = offset;
  let byte = data[at++];
  const type = (byte >> 4) & 7;
  let size = byte & 15;
  let shift = 16;
  while (byte & 0x80) {
    byte = data[at++];
    size += (byte & 0x7f) * shift;
    shift *= 128;
  }
  if (type === OFS_DELTA) {
    byte = data[at++];
    let back = byte & 0x7f;
    while (byte & 0x80) {
      byte = data[at++];
      back = (back + 1) * 128 + (byte & 0x7f);
    }
    return { type, size, dataAt: at, baseOffset: offset - back };
  }
  if (type === REF_DELTA) return { type, size, dataAt: at + 20, baseId: data.toString('hex', at, at + 20) };
  return { type, size, dataAt: at };
}

/**
 * An entry's zlib data, inflated into a buffer of the size the entry states: zlib's default 16 KB
 * output chunk per call was most of the garbage of a walk through history.
 */
function inflate(data: Buffer, at: number, size: number): Buffer {
  return inflateSync(data.subarray(at), { chunkSize: Math.max(64, size) });
}

/** The offset of an object in a v2 index, by binary search within its first byte's fan-out range. */
function findOffset(pack: Pack, id: Buffer): number | undefined {
  const { index, count } = pack;
  const fanout = 8;
  let low = id[0] === 0 ? 0 : index.readUInt32BE(fanout + (id[0] - 1) * 4);
  let high = index.readUInt32BE(fanout + id[0] * 4);
  const ids = fanout + 256 * 4;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const cmp = index.compare(id, 0, 20, ids + mid * 20, ids + mid * 20 + 20);
    if (cmp === 0) {
      const offsets = ids + count * 20 + count * 4;
      const offset = index.readUInt32BE(offsets + mid * 4);
      if (!(offset & 0x80000000)) return offset;
      const large = offsets + count * 4 + (offset & 0x7fffffff) * 8;
      return index.readUInt32BE(large) * 2 ** 32 + index.readUInt32BE(large + 4);
    }
    if (cmp > 0) high = mid;
    else low = mid + 1;
  }
  return undefined;
}

/** Rebuilds an object from its base and a git delta (source size, target size, copy and insert instructions). */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let at = 0;
  const varint = () => {
    let value = 0;
    let shift = 1;
    let byte: number;
    do {
      byte = delta[at++];
      value += (byte & 0x7f) * shift;
      shift *= 128;
    } while (byte & 0x80);
    return value;
  };
  if (varint() !== base.length) throw new Error('a pack delta does not fit its base');
  const target = Buffer.allocUnsafe(varint());
  let out = 0;
  while (at < delta.length) {
    const op = delta[at++];
    if (op & 0x80) {
      let offset = 0;
      let size = 0;
      for (let i = 0; i < 4; i++) if (op & (1 << i)) offset += delta[at++] * 2 ** (8 * i);
      for (let i = 0; i < 3; i++) if (op & (0x10 << i)) size += delta[at++] * 2 ** (8 * i);
      if (size === 0) size = 0x10000;
      out += base.copy(target, out, offset, offset + size);
    } else if (op > 0) {
      out += delta.copy(target, out, at, at + op);
      at += op;
    } else throw new Error('a pack delta holds a reserved instruction');
  }
  if (out !== target.length) throw new Error('a pack delta does not rebuild its object');
  return target;
}
