import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { reportResolve } from '../output/resolve.js';
import { type ResolveOptions, runResolve } from '../app/resolve.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('resolve')
    .description('Settle a conflict of the merge in progress: keep ours, take theirs, keep both, or give the text')
    .argument('<conflict>', 'a conflict id (from "memoir status") or a leaf path (every conflict at it)')
    .option('--ours', 'keep our side')
    .option('--theirs', 'take their side')
    .option('--both', 'keep both facts (leaves that hold many facts only)')
    .option('--text <text>', 'replace it with this text (our fact, edited)')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (target: string, options: ResolveOptions) => {
      reportResolve(context, options, await runResolve(target, options, context));
    });
  withExamples(command, [
    ['memoir resolve 3fa2c91 --theirs', 'take their side of one conflict'],
    ['memoir resolve preferences.ui.theme --ours', 'keep our side of every conflict at a leaf'],
    ['memoir resolve 3fa2c91 --text "Prefers dark mode, light for slides"', 'write the fact yourself'],
    ['memoir merge --continue', 'then write the merge commit'],
  ]);
}
