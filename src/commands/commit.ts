import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { withPolicyOverride, withSigning } from '../runtime/policyOptions.js';
import type { CommitOptions } from '../app/commitChanges.js';
import { reportCommit } from '../output/commit.js';
import { runCommit } from '../app/commit.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('commit')
    .description('Record the staged facts in a new commit on the current branch')
    .option('-m, --message <msg>', 'commit message (default: a summary of the facts)')
    .option('--author <author>', 'override the author: "Name <email>"')
    .option('-n, --dry-run', 'show what would be committed without writing anything')
    .option(
      '-b, --branch <name>',
      'commit to this branch without switching to it (created from the current one if missing); env MEMOIR_BRANCH',
    )
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON');
  withSigning(withPolicyOverride(command)).action(async (options: CommitOptions & { json?: boolean }) => {
    const memory = await context.memory();
    // during a merge, commit is "merge --continue": the merge commit, once the conflicts are settled
    if (memory.readMerge() && !options.branch && !context.env.MEMOIR_BRANCH && !options.dryRun) {
      const { runContinue } = await import('../app/merge.js');
      const { reportMerge } = await import('../output/merge.js');
      return reportMerge(context, options, { outcome: await runContinue(context) });
    }
    const run = () => runCommit(memory, options, context);
    const result = options.dryRun ? await run() : await context.locked(memory, run);
    reportCommit(context, options, result);
  });
  withExamples(command, [
    ['memoir commit', 'commit with a generated message summarising the facts'],
    ['memoir commit -m "Preferences from onboarding"', 'commit with your own message'],
    ['memoir commit --author "Ada <ada@example.com>"', 'commit as someone else'],
  ]);
}
