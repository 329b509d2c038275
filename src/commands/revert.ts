import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { withSigning } from '../runtime/policyOptions.js';
import { describeConflicts, reportRevert } from '../output/revert.js';
import { RevertConflictError, type RevertOptions, runRevert } from '../app/revert.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('revert')
    .description('Record a new commit that undoes the fact changes of an earlier commit')
    .argument('<rev>', 'the commit to undo (id, HEAD~N, branch)')
    .option(
      '--strategy <ours|theirs>',
      'settle facts that later commits changed: ours keeps them as they are now, theirs undoes anyway',
    )
    .option('-m, --mainline <n>', 'for a merge commit: undo it against parent n (1 = the branch merged into)')
    .option('--author <author>', 'override the author: "Name <email>"')
    .option('-n, --dry-run', 'show what would be undone without writing anything')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON');
  withSigning(command).action(async (rev: string, options: RevertOptions) => {
    try {
      reportRevert(context, options, await runRevert(rev, options, context));
    } catch (error) {
      // the conflicts first, then the error that says nothing was written
      if (error instanceof RevertConflictError && !context.io.json)
        context.io.err(describeConflicts(error.conflicts, context.palette('err')));
      throw error;
    }
  });
  withExamples(command, [
    ['memoir revert HEAD', 'undo the last commit, keeping it in history'],
    ['memoir revert 3fa2c91 --dry-run', 'see what undoing a commit would change'],
    ['memoir revert HEAD~3 --strategy ours', 'undo what later commits left alone, keep the rest'],
  ]);
}
