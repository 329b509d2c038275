import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import { countLeafFacts } from '../core/leafFile.js';
import { requirePrefix } from '../core/taxonomy.js';
import { pointInTime, type PointInTime, type PointInTimeOptions } from './pointInTime.js';

export interface LsEntry {
  path: string;
  count: number;
  cardinality: 'one' | 'many';
}

export async function runLs(
  prefix: string | undefined,
  options: PointInTimeOptions,
  context: Deps,
): Promise<{ entries: LsEntry[]; point: PointInTime }> {
  const taxonomy = await context.taxonomy();
  const filter = prefix ? requirePrefix(taxonomy, prefix) : undefined;
  const memory = await context.memory();
  const point = await pointInTime(memory, options, context.now());
  const entries: LsEntry[] = [];
  for (const leaf of await memory.listLeaves(point.commit, filter)) {
    const count = countLeafFacts(await memory.readBlobText(leaf.oid));
    entries.push({ path: leaf.path, count, cardinality: cardinalityIn(taxonomy)(leaf.path) });
  }
  return { entries, point };
}
