import { screenWrittenText } from '../core/guardText.js';
import type { Deps } from './deps.js';
import { emptyStage } from '../core/stage.js';
import { MemoirError } from '../errors/index.js';
import type { Memory } from '../store/memory.js';
import { commitChanges, type CommitOptions, type CommitResult } from './commitChanges.js';
import { writeTarget } from './target.js';

export type { CommitOptions, CommitResult } from './commitChanges.js';

/**
 * Commits everything staged onto the current branch (or the one --branch / MEMOIR_BRANCH
 * names, see app/target.ts). The caller holds the lock. The stage is applied to the
 * branch as it is now; the ref moves only after the commit's objects are written, and the
 * stage is cleared last, so a writer killed at any point leaves either the old branch and
 * the full stage, or the new branch and a stage whose operations are already in it (and are
 * skipped as such).
 */
export async function runCommit(memory: Memory, options: CommitOptions, context: Deps): Promise<CommitResult> {
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
    { messageScreened: true },
  );
  if (!options.dryRun) memory.writeStage(emptyStage());
  return result;
}
