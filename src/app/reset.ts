import { shortOid } from '../core/words.js';
import { refuseOnProtected } from './policyGate.js';
import type { Deps } from './deps.js';
import { plural } from '../core/words.js';
import { isFactIdPrefix } from '../core/fact.js';
import { emptyStage, unstage, type StagedOp } from '../core/stage.js';
import { MemoirError, RefusedError, UsageError } from '../errors/index.js';
import type { CommitInfo } from '../store/git.js';
import { signature } from './signature.js';

export interface ResetOptions {
  quiet?: boolean;
  hard?: boolean;
  overridePolicy?: boolean;
  reason?: string;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
}

export interface HardResetResult {
  branch?: string;
  from?: string;
  to: CommitInfo;
  /** Staged operations discarded with the move. */
  discarded: number;
  dryRun: boolean;
}

export async function runReset(id: string | undefined, context: Deps): Promise<StagedOp[]> {
  if (id !== undefined && !isFactIdPrefix(id))
    throw new UsageError('invalid-id', `"${id}" is not a fact id`, {
      hint: 'fact ids are hex digits; "memoir status" lists the staged ones; to move the branch use --hard <rev>',
    });
  const memory = await context.memory();
  return context.locked(memory, async () => {
    const before = memory.readStage();
    if (id !== undefined) {
      const ids = new Set(before.ops.filter((o) => o.fact.id.startsWith(id)).map((o) => o.fact.id));
      if (ids.size === 0)
        throw new UsageError('not-staged', `nothing staged for fact ${id}`, {
          hint: '"memoir status" lists what is staged',
        });
      if (ids.size > 1)
        throw new UsageError('ambiguous-id', `fact id "${id}" is ambiguous: ${[...ids].join(', ')}`, {
          hint: 'give more digits',
        });
    }
    const { stage, removed } = unstage(before, id);
    memory.writeStage(stage);
    return removed;
  });
}

/**
 * Moves the current branch to a commit and discards the stage. The old tip stays reachable
 * through the reflog (`memoir reflog`, `main@{1}`), so the move can itself be undone.
 */
export async function runHardReset(
  rev: string | undefined,
  options: ResetOptions,
  context: Deps,
): Promise<HardResetResult> {
  if (rev === undefined)
    throw new UsageError('missing-revision', 'reset --hard needs the commit to move the branch to', {
      hint: 'e.g. memoir reset --hard HEAD~1 --force',
    });
  const memory = await context.memory();
  const run = async (): Promise<HardResetResult> => {
    const merge = memory.readMerge();
    if (merge)
      throw new MemoirError(
        'merge-in-progress',
        `a merge of ${merge.theirsName} is in progress: reset --hard would lose it`,
        { hint: 'finish it with "memoir merge --continue" or drop it with "memoir merge --abort" first' },
      );
    const head = await memory.head();
    const to = await memory.readCommit(await memory.resolve(rev));
    const discarded = memory.readStage().ops.length;
    const result: HardResetResult = {
      branch: head.branch,
      from: head.oid,
      to,
      discarded,
      dryRun: Boolean(options.dryRun),
    };
    if (options.dryRun) return result;
    if (!options.force) {
      throw new RefusedError(
        'force-required',
        `reset --hard moves ${head.branch ?? 'HEAD'} to ${shortOid(to.oid)}${discarded ? ` and discards ${plural(discarded, 'staged change')}` : ''}; refused without --force`,
        {
          hint: `add --force (the old tip stays in "memoir reflog"), or preview with --dry-run`,
        },
      );
    }
    // moving a protected branch anywhere but forward rewrites its history
    if (head.oid && !(await memory.isAncestor(head.oid, to.oid)))
      await refuseOnProtected(memory, head.oid, head.branch, 'its history is not rewritten (reset --hard)', options);
    memory.updateBranch(head.ref ?? 'HEAD', to.oid, head.oid, await signature(context), `reset: moving to ${rev}`);
    memory.writeStage(emptyStage());
    return result;
  };
  return options.dryRun ? run() : context.locked(memory, run);
}
