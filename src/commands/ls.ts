import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import type { PointInTimeOptions } from '../app/pointInTime.js';
import { describePoint } from './get.js';
import { withExamples } from '../runtime/examples.js';
import { lsRenderer } from '../output/ls.js';
import { runLs } from '../app/ls.js';

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
