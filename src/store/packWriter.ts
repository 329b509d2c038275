import { createHash } from '../core/lazyBuiltins.js';
import { crc32, deflateSync } from 'node:zlib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { indexEntries, writeIndex } from './packIndex.js';
import { writeInside } from './safeWrite.js';

/** The type numbers of a packfile entry (gitformat-pack). */
const PACK_TYPES: Record<string, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };

/**
 * A packfile holding these objects whole (no deltas): each object's type and size, its content
 * deflated with Node's zlib, and the SHA-1 of it all at the end. What memoir sends to a remote,
 * and what `forget` rewrites the store into.
 */
export function buildPack(objects: ReadonlyArray<{ type: string; content: Buffer }>): Buffer {
  return packWithEntries(objects).pack;
}

/**
 * A packfile of objects whose ids are known (ones this process made) and its index, written
 * from what building the pack already knows: nothing is inflated or hashed again (indexPack
 * checks a pack that came from elsewhere).
 */
export function buildIndexedPack(objects: ReadonlyArray<{ oid: string; type: string; content: Buffer }>): {
  pack: Buffer;
  index: Buffer;
} {
  const { pack, entries } = packWithEntries(objects);
  return {
    pack,
    index: writeIndex(
      entries.map((entry, i) => ({ ...entry, oid: objects[i].oid })),
      pack.subarray(-20),
    ),
  };
}

function packWithEntries(objects: ReadonlyArray<{ type: string; content: Buffer }>): {
  pack: Buffer;
  entries: Array<{ offset: number; crc: number }>;
} {
  const parts: Buffer[] = [];
  const entries: Array<{ offset: number; crc: number }> = [];
  let offset = PACK_HEADER;
  for (const { type, content } of objects) {
    const entryHeader = packEntryHeader(PACK_TYPES[type], content.length);
    const data = deflateSync(content);
    entries.push({ offset, crc: crc32(data, crc32(entryHeader)) });
    parts.push(entryHeader, data);
    offset += entryHeader.length + data.length;
  }
  return { pack: sealedPack(objects.length, parts), entries };
}

/** A pack's header is 12 bytes: `PACK`, the version, the number of entries. */
const PACK_HEADER = 12;

/** A packfile of these entries' bytes: the header before them, the SHA-1 of it all after. */
function sealedPack(count: number, entries: readonly Buffer[]): Buffer {
  const header = Buffer.alloc(PACK_HEADER);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(count, 8);
  const body = Buffer.concat([header, ...entries]);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

/**
 * One packfile of the entries of several, each entry's bytes (its header and zlib data) copied as
 * they are: nothing is inflated, deflated or hashed but the new pack's checksum, and each entry's
 * CRC comes from its index. Undefined when an entry is a delta (its base would move): those packs
 * are rebuilt from their objects instead. An object in two packs is copied once.
 */
export function copiedPack(
  sources: ReadonlyArray<{ pack: Buffer; index: Buffer }>,
): { pack: Buffer; index: Buffer } | undefined {
  const parts: Buffer[] = [];
  const entries: Array<{ oid: string; offset: number; crc: number }> = [];
  const seen = new Set<string>();
  let offset = PACK_HEADER;
  for (const { pack, index } of sources) {
    // an entry ends where the next one starts, the last at the checksum
    const listed = indexEntries(index).sort((a, b) => a.offset - b.offset);
    for (const [i, entry] of listed.entries()) {
      const end = i + 1 < listed.length ? listed[i + 1].offset : pack.length - 20;
      if (entry.offset < PACK_HEADER || end <= entry.offset || end > pack.length - 20) return undefined;
      const type = (pack[entry.offset] >> 4) & 7;
      if (type < 1 || type > 4) return undefined;
      if (seen.has(entry.oid)) continue;
      seen.add(entry.oid);
      parts.push(pack.subarray(entry.offset, end));
      entries.push({ oid: entry.oid, offset, crc: entry.crc });
      offset += end - entry.offset;
    }
  }
  const pack = sealedPack(entries.length, parts);
  return { pack, index: writeIndex(entries, pack.subarray(-20)) };
}

/** A pack entry's header: the type in bits 6-4 of the first byte, the size in 4 bits, then 7 bits a byte. */
function packEntryHeader(type: number, size: number): Buffer {
  const bytes = [(type << 4) | (size & 0x0f)];
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes[bytes.length - 1] |= 0x80;
    bytes.push(rest & 0x7f);
    rest = Math.floor(rest / 128);
  }
  return Buffer.from(bytes);
}

/**
 * Stores a packfile and its index as `objects/pack/pack-<checksum>`, the index last: a reader
 * finds a pack by its index, which must never name a missing pack. `index` is only asked for
 * when the store does not hold that pack already. Returns the pack's name.
 */
export async function storePack(gitdir: string, pack: Buffer, index: () => Buffer | Promise<Buffer>): Promise<string> {
  const name = `pack-${pack.subarray(-20).toString('hex')}`;
  const base = path.join(gitdir, 'objects', 'pack', name);
  if (!fs.existsSync(`${base}.idx`)) {
    const made = await index();
    writeInside(gitdir, `${base}.pack`, pack);
    writeInside(gitdir, `${base}.idx`, made);
  }
  return name;
}
