import { cardinalityIn } from '../core/taxonomy.js';
import { enforcePolicy } from './policyGate.js';
import { type SignOption, signIfAsked } from './signing.js';
import type { Deps } from './deps.js';
import { shortOid } from '../core/words.js';
import type { FactChange } from '../core/factDiff.js';
import type { CommitInfo } from '../store/git.js';
import { commitMessage } from '../core/commitMessage.js';
import { diffLeaf } from '../core/factDiff.js';
import { planRevert, type RevertConflict, type RevertStrategy } from '../core/revert.js';
import { ConflictError, MemoirError, UsageError } from '../errors/index.js';
import { commitsChangingFacts } from '../store/history.js';
import type { Memory } from '../store/memory.js';
import { signature } from './signature.js';
import { parseCount } from '../core/count.js';
import { byCodeUnit } from '../core/order.js';

/** A conflict with the commits that changed its facts since the reverted commit. */
export interface ReportedConflict extends RevertConflict {
  commits: CommitInfo[];
}

export interface RevertResult {
  reverted: CommitInfo;
  commit?: string;
  branch?: string;
  subject: string;
  changes: FactChange[];
  conflicts: ReportedConflict[];
  strategy?: RevertStrategy;
  dryRun: boolean;
}

export interface RevertOptions extends SignOption {
  strategy?: string;
  mainline?: string;
  author?: string;
  dryRun?: boolean;
  json?: boolean;
}

function parseStrategy(value: string | undefined): RevertStrategy | undefined {
  if (value === undefined || value === 'ours' || value === 'theirs') return value;
  throw new UsageError('invalid-strategy', `--strategy must be ours or theirs, not "${value}"`, {
    hint: 'ours keeps what later commits did to a fact; theirs undoes the change anyway',
  });
}

async function withCommits(
  memory: Memory,
  head: string,
  reverted: string,
  conflicts: RevertConflict[],
  cardinalityOf: (p: string) => 'one' | 'many',
): Promise<ReportedConflict[]> {
  const ids = new Map<string, Set<string>>();
  const idsOf = (c: RevertConflict) =>
    [c.change.old?.id, c.change.new?.id, c.current?.id].filter((id): id is string => Boolean(id));
  for (const c of conflicts)
    for (const id of idsOf(c))
      (ids.get(c.change.path) ?? ids.set(c.change.path, new Set()).get(c.change.path)!).add(id);
  const touched = await commitsChangingFacts(memory, head, reverted, ids, cardinalityOf);
  return conflicts.map((c) => ({ ...c, commits: [...new Set(idsOf(c).flatMap((id) => touched.get(id) ?? []))] }));
}

/** A new commit on the current branch that undoes a commit's fact changes, under the writer lock (a dry run takes none). */
export async function runRevert(rev: string, options: RevertOptions, context: Deps): Promise<RevertResult> {
  if (options.dryRun) return revertCommit(rev, options, context);
  return context.locked(await context.memory(), () => revertCommit(rev, options, context));
}

/**
 * A revert that later commits conflict with, and no --strategy: nothing was written (exit 3).
 * It carries the conflicts, so a front end can show them before the error.
 */
export class RevertConflictError extends ConflictError {
  constructor(
    reverted: CommitInfo,
    readonly conflicts: ReportedConflict[],
  ) {
    super(
      'revert-conflict',
      `cannot revert ${shortOid(reverted.oid)} cleanly: later commits changed ${conflicts.length} of its facts; nothing was written`,
      {
        hint: 'settle them with --strategy ours (keep what later commits did) or --strategy theirs (undo anyway)',
        data: {
          conflicts: conflicts.map((c) => ({
            path: c.change.path,
            id: (c.change.new ?? c.change.old)!.id,
            reason: c.reason,
            old: c.change.old?.text ?? null,
            new: c.change.new?.text ?? null,
            current: c.current?.text ?? null,
            commits: c.commits.map((x) => x.oid),
          })),
        },
      },
    );
  }
}

async function revertCommit(rev: string, options: RevertOptions, context: Deps): Promise<RevertResult> {
  const strategy = parseStrategy(options.strategy);
  const mainline = parseCount(options.mainline, '--mainline');
  const taxonomy = await context.taxonomy();
  const cardinalityOf = cardinalityIn(taxonomy);
  const memory = await context.memory();
  const head = await memory.head();
  const reverted = await memory.readCommit(await memory.resolve(rev));
  if (reverted.parents.length > 1 && !mainline)
    throw new UsageError('revert-merge', `${shortOid(reverted.oid)} is a merge commit`, {
      hint: 'say which parent it is undone against: --mainline 1 (the branch merged into) or --mainline 2',
    });
  const parent = reverted.parents[(mainline ?? 1) - 1];
  if (mainline && !parent)
    throw new UsageError('invalid-mainline', `${shortOid(reverted.oid)} has no parent ${mainline}`);

  const changes = await memory.diff(parent, reverted.oid, cardinalityOf);
  const current = await memory.readLeaves(
    head.oid,
    changes.map((c) => c.path),
  );
  const plan = planRevert(changes, current, cardinalityOf, strategy);
  const conflicts = plan.conflicts.length
    ? await withCommits(memory, head.oid!, reverted.oid, plan.conflicts, cardinalityOf)
    : [];
  const subject = `Revert "${reverted.message.split('\n')[0]}"`;
  const result: RevertResult = {
    reverted,
    branch: head.branch,
    subject,
    changes: [],
    conflicts,
    strategy,
    dryRun: Boolean(options.dryRun),
  };
  if (conflicts.length && !strategy) throw new RevertConflictError(reverted, conflicts);
  result.changes = [...plan.leaves]
    .sort(([a], [b]) => byCodeUnit(a, b))
    .flatMap(([path, facts]) => diffLeaf(path, current.get(path) ?? [], facts, cardinalityOf(path)));
  if (result.changes.length === 0) {
    throw new MemoirError(
      'nothing-to-revert',
      `nothing to revert: the changes of ${shortOid(reverted.oid)} are already undone on ${head.branch ?? 'HEAD'}`,
      { hint: '"memoir log -p" shows what later commits did' },
    );
  }
  if (options.dryRun) return result;

  const added = result.changes.flatMap((c) => (c.new ? [c.new] : []));
  const removed = result.changes.flatMap((c) => (c.old ? [c.old] : []));
  await signIfAsked(memory, options, context);
  await enforcePolicy(memory, head.oid, { branch: head.branch, kind: 'commit', added, leaves: plan.leaves });
  const who = await signature(context, options.author);
  const message = commitMessage({
    added,
    removed,
    message: `${subject}\n\nThis reverts commit ${reverted.oid}.`,
    version: context.version,
  });
  const oid = await memory.writeCommit({
    parents: [head.oid!],
    leaves: plan.leaves,
    message,
    author: who,
    committer: who,
  });
  memory.updateBranch(head.ref ?? 'HEAD', oid, head.oid, who, `revert: ${subject}`);
  return { ...result, commit: oid };
}
