import type { Command } from 'commander';
import { leavesUnder, requirePrefix, type Leaf } from '../core/taxonomy.js';
import type { Context } from '../runtime/context.js';
import { emit, type Renderer } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { alignColumns, plainRecord } from '../output/format.js';

export function runTaxonomy(prefix: string | undefined, context: Context): Leaf[] {
  const taxonomy = context.taxonomy();
  return leavesUnder(taxonomy, prefix ? requirePrefix(taxonomy, prefix) : undefined);
}

const taxonomyRenderer: Renderer<Leaf[]> = {
  human: (leaves, p) => alignColumns(leaves.map((l) => [p.path(l.path), p.dim(l.cardinality), l.description])).map((l) => l + '\n').join(''),
  plain: (leaves) => leaves.map((l) => plainRecord([l.path, l.cardinality, l.description])).join(''),
  json: (leaves) => leaves.map((l) => ({ path: l.path, description: l.description, cardinality: l.cardinality })),
};

export function register(program: Command, context: Context): void {
  const command = program
    .command('taxonomy')
    .description('List the taxonomy leaves facts can be stored at, with cardinality and description')
    .argument('[prefix]', 'only leaves under this category or subcategory')
    .option('--json', 'print the leaves as JSON')
    .action((prefix: string | undefined, options: { json?: boolean }) => {
      emit(context, options, runTaxonomy(prefix, context), taxonomyRenderer);
    });
  withExamples(command, [
    ['memoir taxonomy', 'every leaf'],
    ['memoir taxonomy preferences.ui', 'the leaves under preferences.ui'],
    ['memoir taxonomy --json | jq -r ".[].path"', 'just the paths'],
  ]);
}
