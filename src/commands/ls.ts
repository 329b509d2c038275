import type { Command } from 'commander';
import { parseLeafFile } from '../core/leafFile.js';
import { requirePrefix } from '../core/taxonomy.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { pointInTime, type PointInTime, type PointInTimeOptions } from '../runtime/pointInTime.js';
import { describePoint } from './get.js';
import { withExamples } from '../runtime/examples.js';
import { lsRenderer } from '../output/ls.js';

export interface LsEntry {
  path: string;
  count: number;
  cardinality: 'one' | 'many';
}

export async function runLs(
  prefix: string | undefined,
  options: PointInTimeOptions,
  context: Context,
): Promise<{ entries: LsEntry[]; point: PointInTime }> {
  const taxonomy = await context.taxonomy();
  const filter = prefix ? requirePrefix(taxonomy, prefix) : undefined;
  const memory = await context.memory();
  const point = await pointInTime(memory, options, context.now());
  const entries: LsEntry[] = [];
  for (const leaf of await memory.listLeaves(point.commit, filter)) {
    const count = parseLeafFile(await memory.git.readBlobText(leaf.oid), leaf.path).length;
    entries.push({ path: leaf.path, count, cardinality: taxonomy.leaves.get(leaf.path)?.cardinality ?? 'many' });
  }
  return { entries, point };
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('ls')
    .description('List the taxonomy leaves that hold facts, with how many each holds')
    .argument('[prefix]', 'only leaves under this category or subcategory')
    .option('--at <rev>', 'as the memory was at a commit (id, branch, HEAD~N)')
    .option(
      '--as-of <date>',
      'as the memory was at a moment: the last commit at or before it (ISO 8601, "2 weeks ago")',
    )
    .option('--json', 'print the leaves as JSON')
    .action(async (prefix: string | undefined, options: PointInTimeOptions & { json?: boolean }) => {
      const { entries, point } = await runLs(prefix, options, context);
      if (!options.json) describePoint(context, { point });
      emit(context, options, entries, lsRenderer);
    });
  withExamples(command, [
    ['memoir ls', 'every populated leaf'],
    ['memoir ls preferences', 'populated leaves under preferences'],
    ['memoir ls --as-of 2026-01-01', "what the memory held on new year's day"],
  ]);
}
