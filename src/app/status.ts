import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import { applyInRounds } from '../core/rounds.js';
import type { Fact } from '../core/fact.js';
import type { QueuedFact } from '../store/reviewQueue.js';
import type { MergeState } from '../store/mergeState.js';
import { type UpstreamState, upstreamState } from './upstream.js';
import { expiredAt } from './policyGate.js';

export interface StagedEntry {
  op: 'add' | 'remove';
  fact: Fact;
  /** For an add at a `one` leaf: the current value it will replace. */
  supersedes: Fact[];
  /** For an add at a `one` leaf: the later value of the same batch that will replace it (both are committed, in turn). */
  supersededBy?: Fact;
  /** Set when the operation no longer changes anything (already there, or already gone). */
  noop?: 'duplicate' | 'gone';
}

export interface StatusResult {
  branch?: string;
  head?: string;
  staged: StagedEntry[];
  /** Facts classified but not settled, waiting for `memoir review`. */
  review: QueuedFact[];
  /** The merge stopped on conflicts, if any. */
  merge?: MergeState;
  /** The branch it follows and how far apart they are, if it follows one. */
  upstream?: UpstreamState;
  /** How many facts are past the retention policy.yaml sets ("memoir gc --expired" removes them). */
  expired?: number;
}

/** The branch and the staged operations, previewed against the branch exactly as commit will apply them. */
export async function runStatus(context: Deps): Promise<StatusResult> {
  const memory = await context.memory();
  const taxonomy = await context.leafIndex();
  const head = await memory.head();
  const { ops } = memory.readStage();
  const current = await memory.readLeaves(
    head.oid,
    ops.map((o) => o.fact.path),
  );
  const effect = applyInRounds(ops, current, cardinalityIn(taxonomy));
  const appliedById = new Map(effect.added.map((a) => [a.fact.id, a]));
  const skippedOps = new Map(effect.skipped.map((s) => [s.op, s]));
  const replacedById = new Map(effect.supersededInBatch.map((s) => [s.fact.id, s.by]));
  const staged = ops.map((op): StagedEntry => {
    const applied = op.op === 'add' ? appliedById.get(op.fact.id) : undefined;
    const skipped = skippedOps.get(op);
    const replacedBy = op.op === 'add' ? replacedById.get(op.fact.id) : undefined;
    // applied.fact is the fact as commit will write it (with supersedesId set at a `one` leaf)
    return {
      op: op.op,
      fact: applied?.fact ?? op.fact,
      supersedes: applied?.supersedes ?? [],
      ...(replacedBy ? { supersededBy: replacedBy } : {}),
      ...(skipped ? { noop: skipped.reason } : {}),
    };
  });
  const merge = memory.readMerge();
  const upstream = head.branch ? await upstreamState(memory, head.branch, head.oid) : undefined;
  const expired = (await expiredAt(memory, head.oid, context.now())).length;
  return {
    branch: head.branch,
    head: head.oid,
    staged,
    review: memory.readReviewQueue().items,
    ...(merge ? { merge } : {}),
    ...(upstream ? { upstream } : {}),
    ...(expired > 0 ? { expired } : {}),
  };
}
