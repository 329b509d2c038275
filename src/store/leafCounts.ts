import { countLeafFacts } from '../core/leafFile.js';
import type { Memory } from './memory.js';

/*
 * How many facts each leaf blob holds, kept in the store's cache (`state/cache/leaf-counts`, one
 * `<blob id> <count>` a line): `ls` read and inflated every leaf of the tree to count its lines,
 * most of its time on a big memory, where a blob's count never changes. The file is memoir's own
 * and safe to lose; a line that does not read as a count is ignored, and counted again.
 */

const FILE = 'leaf-counts';
/** Counts kept: the leaves of several trees (a full taxonomy has ~700), not every blob ever seen. */
const KEEP = 20_000;
const LINE = /^([0-9a-f]{40}) (\d+)$/;

export async function leafCounts(memory: Memory, blobs: readonly string[]): Promise<Map<string, number>> {
  const known = new Map<string, number>();
  for (const line of memory.readCache(FILE)?.split('\n') ?? []) {
    const match = LINE.exec(line);
    if (match) known.set(match[1], Number(match[2]));
  }
  const counts = new Map<string, number>();
  let counted = false;
  for (const oid of blobs) {
    let count = known.get(oid);
    if (count === undefined) {
      count = countLeafFacts(await memory.readBlobText(oid));
      counted = true;
    }
    counts.set(oid, count);
  }
  if (counted) {
    // this listing's counts last, so they outlive older ones when the file is trimmed
    for (const oid of counts.keys()) known.delete(oid);
    const lines = [...known, ...counts].slice(-KEEP).map(([oid, count]) => `${oid} ${count}`);
    memory.writeCache(FILE, `${lines.join('\n')}\n`);
  }
  return counts;
}
