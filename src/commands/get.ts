import type { Command } from 'commander';
import type { Fact } from '../core/fact.js';
import { requireLeaf, type Leaf } from '../core/taxonomy.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { getRenderer } from '../output/get.js';

export interface GetResult {
  leaf: Leaf;
  facts: Fact[];
}

export async function runGet(leafPath: string, context: Context, command: Command): Promise<GetResult> {
  const leaf = requireLeaf(await context.taxonomy(command), leafPath);
  const memory = await context.memory(command);
  const head = await memory.head();
  return { leaf, facts: await memory.readLeaf(head.oid, leaf.path) };
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('get')
    .description('Print the current facts at a taxonomy leaf, with their ids and provenance')
    .argument('<leaf>', 'taxonomy leaf, e.g. preferences.ui.theme')
    .option('--json', 'print the facts as JSON')
    .action(async (leafPath: string, options: { json?: boolean }, cmd: Command) => {
      const result = await runGet(leafPath, context, cmd);
      // under --json stderr is kept for errors alone; [] says it
      if (result.facts.length === 0 && !options.json) context.io.err(`memoir: no facts at ${result.leaf.path}\n`);
      emit(context, options, result, getRenderer);
    });
  withExamples(command, [
    ['memoir get preferences.ui.theme', 'the current theme preference'],
    ['memoir get relationships.pets.animals --json', 'every fact about pets, with metadata'],
  ]);
}
