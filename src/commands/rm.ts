import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { reportRemoval } from '../output/rm.js';
import { runRm } from '../app/rm.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('rm')
    .description('Stage the removal of facts (by id) or of every fact at a leaf')
    .argument('<target...>', 'fact id (4+ leading digits) or taxonomy leaf')
    .option('-n, --dry-run', 'show what would be staged for removal without writing anything')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (targets: string[], options: { dryRun?: boolean; json?: boolean }) => {
      reportRemoval(context, options, await runRm(targets, options, context));
    });
  withExamples(command, [
    ['memoir rm 3fa2c91b', 'stage the removal of one fact'],
    ['memoir rm preferences.ui.theme && memoir commit', 'forget everything at a leaf'],
  ]);
}
