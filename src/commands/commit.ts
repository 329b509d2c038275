import type { Command } from 'commander';
import { emptyStage } from '../core/stage.js';
import { MemoirError } from '../errors/index.js';
import type { Memory } from '../store/memory.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { commitChanges, type CommitOptions, type CommitResult } from '../runtime/commitChanges.js';
import { writeTarget } from '../runtime/target.js';
import { reportCommit } from '../output/commit.js';
import { screenWrittenText } from '../core/guardText.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';

export type { CommitOptions, CommitResult } from '../runtime/commitChanges.js';

/**
 * Commits everything staged onto the current branch (or the one --branch / MEMOIR_BRANCH
 * names, see runtime/target.ts). The caller holds the lock. The stage is applied to the
 * branch as it is now; the ref moves only after the commit's objects are written, and the
 * stage is cleared last, so a writer killed at any point leaves either the old branch and
 * the full stage, or the new branch and a stage whose operations are already in it (and are
 * skipped as such).
 */
export async function runCommit(
  memory: Memory,
  options: CommitOptions,
  context: Context,
  command: Command,
): Promise<CommitResult> {
  screenWrittenText(options.message, 'the commit message', 'nothing was committed', { lineBreaks: true });
  const stage = memory.readStage();
  if (stage.ops.length === 0) {
    throw new MemoirError('nothing-to-commit', 'nothing to commit: no facts are staged', {
      hint: 'stage facts with "memoir add <fact> --path <leaf>" or "memoir rm <id>" first',
    });
  }
  const result = await commitChanges(
    memory,
    await writeTarget(memory, options.branch, context.env),
    stage.ops,
    stage.corrections ?? [],
    options,
    context,
    command,
  );
  if (!options.dryRun) memory.writeStage(emptyStage());
  return result;
}

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
    .option('--json', 'print the result as JSON')
    .action(async (options: CommitOptions & { json?: boolean }, cmd: Command) => {
      const memory = await context.memory(cmd);
      // during a merge, commit is "merge --continue": the merge commit, once the conflicts are settled
      if (memory.readMerge() && !options.branch && !context.env.MEMOIR_BRANCH && !options.dryRun) {
        const { runContinue } = await import('./merge.js');
        const { reportMerge } = await import('../output/merge.js');
        return reportMerge(context, options, { outcome: await runContinue(context, cmd) });
      }
      const run = () => runCommit(memory, options, context, cmd);
      const result = options.dryRun ? await run() : await context.locked(cmd, memory, run);
      reportCommit(context, options, result);
    });
  withExamples(command, [
    ['memoir commit', 'commit with a generated message summarising the facts'],
    ['memoir commit -m "Preferences from onboarding"', 'commit with your own message'],
    ['memoir commit --author "Ada <ada@example.com>"', 'commit as someone else'],
  ]);
}
