import type { Command } from 'commander';
import { UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { withPolicyOverride, withSigning } from '../runtime/policyOptions.js';
import { reportMerge } from '../output/merge.js';
import { type MergeOptions, mergeExitCode, runAbort, runContinue, runMerge } from '../app/merge.js';
import { settleOnScreen } from '../runtime/settleConflicts.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('merge')
    .description(
      'Merge another branch into the current one, fact by fact; conflicts are settled on screen, by strategy, or with "memoir resolve"',
    )
    .argument('[branch-or-rev]', 'the branch or commit to merge in')
    .option('-m, --message <msg>', 'message of the merge commit')
    .option('--no-ff', 'make a merge commit even when a fast-forward is possible')
    .option('--ff-only', 'refuse unless the merge is a fast-forward')
    .option(
      '-s, --strategy <strategy>',
      'settle every conflict: ours, theirs, union (keep both where the leaf allows) or fail (exit 3, nothing recorded)',
    )
    .option('--allow-unrelated-histories', 'merge a history that shares no commit with the branch')
    .option(
      '--allow-invalid',
      'take facts the incoming screen refuses (a credential, an unknown leaf); they are listed',
    )
    .option('--continue', 'write the merge commit once every conflict is settled')
    .option('--abort', 'give the merge up: the branch and the stage as they were before it')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON');
  withSigning(withPolicyOverride(command)).action(async (rev: string | undefined, options: MergeOptions) => {
    if (options.continue && options.abort)
      throw new UsageError('conflicting-options', 'choose one of --continue and --abort');
    if (options.abort) return reportMerge(context, options, { aborted: await runAbort(context) });
    if (options.continue) return reportMerge(context, options, { outcome: await runContinue(context) });
    if (!rev)
      throw new UsageError('missing-argument', 'which branch should be merged?', {
        hint: 'memoir merge <branch>; "memoir branch" lists them',
      });
    const outcome = await settleOnScreen(await runMerge(rev, options, context), options, context);
    reportMerge(context, options, { outcome });
    context.fail(mergeExitCode(outcome));
  });
  withExamples(command, [
    ['memoir merge feature', 'merge the branch feature into the current branch'],
    ['memoir merge agent-2 --no-ff -m "Session of agent 2"', 'always record a merge commit'],
    ['memoir merge experiment --strategy theirs', 'settle every conflict with their side'],
    [
      'memoir merge feature --json; memoir resolve 3fa2c91 --ours; memoir merge --continue',
      'settle conflicts in a script',
    ],
    ['memoir merge --abort', 'give up a merge with conflicts'],
  ]);
}
