import type { Command } from 'commander';
import { parseLeafFile } from '../core/leafFile.js';
import { requirePrefix } from '../core/taxonomy.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { lsRenderer } from '../output/ls.js';

export interface LsEntry {
  path: string;
  count: number;
  cardinality: 'one' | 'many';
}

export async function runLs(prefix: string | undefined, context: Context, command: Command): Promise<LsEntry[]> {
  const taxonomy = await context.taxonomy(command);
  const filter = prefix ? requirePrefix(taxonomy, prefix) : undefined;
  const memory = await context.memory(command);
  const head = await memory.head();
  const entries: LsEntry[] = [];
  for (const leaf of await memory.listLeaves(head.oid, filter)) {
    const count = parseLeafFile(await memory.git.readBlobText(leaf.oid), leaf.path).length;
    entries.push({ path: leaf.path, count, cardinality: taxonomy.leaves.get(leaf.path)?.cardinality ?? 'many' });
  }
  return entries;
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('ls')
    .description('List the taxonomy leaves that hold facts, with how many each holds')
    .argument('[prefix]', 'only leaves under this category or subcategory')
    .option('--json', 'print the leaves as JSON')
    .action(async (prefix: string | undefined, options: { json?: boolean }, cmd: Command) => {
      emit(context, options, await runLs(prefix, context, cmd), lsRenderer);
    });
  withExamples(command, [
    ['memoir ls', 'every populated leaf'],
    ['memoir ls preferences', 'populated leaves under preferences'],
  ]);
}
