import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { reportRestore } from '../output/restore.js';
import { type RestoreOptions, runRestore } from '../app/restore.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('restore')
    .description('Stage the facts of leaves as they were at an older commit (then "memoir commit")')
    .argument('<path...>', 'taxonomy leaves or prefixes to restore')
    .option('-s, --source <rev>', 'the commit to take the facts from (required)')
    .option('-n, --dry-run', 'show what would be staged without writing anything')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the staged changes as JSON')
    .action(async (prefixes: string[], options: RestoreOptions) => {
      reportRestore(context, options, await runRestore(prefixes, options, context));
    });
  withExamples(command, [
    ['memoir restore preferences.ui.theme --source HEAD~3', 'bring back the theme preference of three commits ago'],
    [
      'memoir restore preferences --source main@{1} && memoir commit -m "Undo"',
      'restore a category from before the branch last moved',
    ],
  ]);
}
