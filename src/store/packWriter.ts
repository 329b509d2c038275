import { createHash } from '../core/lazyBuiltins.js';
import { deflateSync } from 'node:zlib';

/** The type numbers of a packfile entry (gitformat-pack). */
const PACK_TYPES: Record<string, number> = { commit: 1, tree: 2, blob: 3, tag: 4 };

/**
 * A packfile holding these objects whole (no deltas): each object's type and size, its content
 * deflated with Node's zlib, and the SHA-1 of it all at the end. What memoir sends to a remote,
 * and what `forget` rewrites the store into.
 */
export function buildPack(objects: ReadonlyArray<{ type: string; content: Buffer }>): Buffer {
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(objects.length, 8);
  const parts: Buffer[] = [header];
  for (const { type, content } of objects)
    parts.push(packEntryHeader(PACK_TYPES[type], content.length), deflateSync(content));
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
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
