import type { Command } from 'commander';
import { EXIT } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { runTaxonomy, runTaxonomyCheck } from '../app/taxonomy.js';
import { checkRenderer, taxonomyRenderer } from '../output/taxonomy.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('taxonomy')
    .description(
      'List the taxonomy leaves facts can be stored at, with cardinality and description; check a taxonomy file',
    )
    .argument('[prefix]', 'only leaves under this category or subcategory')
    .option('--json', 'print the leaves as JSON (with their examples)')
    .action(async (prefix: string | undefined, options: { json?: boolean }) => {
      emit(context, options, await runTaxonomy(prefix, context), taxonomyRenderer);
    });
  const check = command
    .command('check')
    .description('Validate a taxonomy file and report every problem with its line (exit 1 when there are problems)')
    .argument('<file>', 'a YAML file in the format of taxonomy.yaml, e.g. the one the "taxonomy" setting names')
    .option('--json', 'print the result as JSON')
    .action(async (file: string) => {
      const result = await runTaxonomyCheck(file, context);
      // the parent's --json takes the flag wherever it stands on the line
      emit(context, context.globals, result, checkRenderer);
      if (result.problems.length > 0) context.fail(EXIT.failure);
    });
  withExamples(check, [['memoir taxonomy check my-leaves.yaml', 'validate a taxonomy extension before using it']]);
  withExamples(command, [
    ['memoir taxonomy', 'every leaf'],
    ['memoir taxonomy preferences.ui', 'the leaves under preferences.ui'],
    ['memoir taxonomy --json | jq -r ".[].path"', 'just the paths'],
    [
      'memoir taxonomy check my-leaves.yaml',
      'validate a file of extra leaves (set "taxonomy: my-leaves.yaml" in .memoirrc.yaml to use it)',
    ],
  ]);
}
