import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import { leafCounts } from '../store/leafCounts.js';
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
  const taxonomy = await context.leafIndex();
  const filter = prefix ? requirePrefix(taxonomy, prefix) : undefined;
  const memory = await context.memory();
  const point = await pointInTime(memory, options, context.now());
  const leaves = await memory.listLeaves(point.commit, filter);
  const counts = await leafCounts(
    memory,
    leaves.map((leaf) => leaf.oid),
  );
  const cardinalityOf = cardinalityIn(taxonomy);
  const entries: LsEntry[] = leaves.map((leaf) => ({
    path: leaf.path,
    count: counts.get(leaf.oid)!,
    cardinality: cardinalityOf(leaf.path),
  }));
  return { entries, point };
}
