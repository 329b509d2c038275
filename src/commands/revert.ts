import type { Command } from 'commander';
import { commitMessage } from '../core/commitMessage.js';
import { diffLeaf } from '../core/factDiff.js';
import { planRevert, type RevertConflict, type RevertStrategy } from '../core/revert.js';
import { EXIT, MemoirError, UsageError } from '../errors/index.js';
import { commitsChangingFacts } from '../store/history.js';
import type { Memory } from '../store/memory.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { signature } from '../runtime/signature.js';
import { parseCount } from './log.js';
import { describeConflicts, reportRevert } from '../output/revert.js';
import type { ReportedConflict, RevertResult } from '../app/revert.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';

export interface RevertOptions {
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

/** A new commit on the current branch that undoes a commit's fact changes. The caller holds the lock. */
export async function runRevert(
  rev: string,
  options: RevertOptions,
  context: Context,
  command: Command,
): Promise<RevertResult> {
  const strategy = parseStrategy(options.strategy);
  const mainline = parseCount(options.mainline, '--mainline');
  const taxonomy = await context.taxonomy(command);
  const cardinalityOf = (path: string) => taxonomy.leaves.get(path)?.cardinality ?? 'many';
  const memory = await context.memory(command);
  const head = await memory.head();
  const reverted = await memory.readCommit(await memory.resolve(rev));
  if (reverted.parents.length > 1 && !mainline)
    throw new UsageError('revert-merge', `${reverted.oid.slice(0, 7)} is a merge commit`, {
      hint: 'say which parent it is undone against: --mainline 1 (the branch merged into) or --mainline 2',
    });
  const parent = reverted.parents[(mainline ?? 1) - 1];
  if (mainline && !parent)
    throw new UsageError('invalid-mainline', `${reverted.oid.slice(0, 7)} has no parent ${mainline}`);

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
  if (conflicts.length && !strategy) {
    if (!context.io.json) context.io.err(describeConflicts(conflicts, context.palette('err')));
    throw new MemoirError(
      'revert-conflict',
      `cannot revert ${reverted.oid.slice(0, 7)} cleanly: later commits changed ${conflicts.length} of its facts; nothing was written`,
      {
        exitCode: EXIT.conflict,
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
  result.changes = [...plan.leaves]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, facts]) => diffLeaf(path, current.get(path) ?? [], facts, cardinalityOf(path)));
  if (result.changes.length === 0) {
    throw new MemoirError(
      'nothing-to-revert',
      `nothing to revert: the changes of ${reverted.oid.slice(0, 7)} are already undone on ${head.branch ?? 'HEAD'}`,
      { hint: '"memoir log -p" shows what later commits did' },
    );
  }
  if (options.dryRun) return result;

  const who = await signature(context, command, options.author);
  const added = result.changes.flatMap((c) => (c.new ? [c.new] : []));
  const removed = result.changes.flatMap((c) => (c.old ? [c.old] : []));
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
    .option('--json', 'print the result as JSON')
    .action(async (rev: string, options: RevertOptions, cmd: Command) => {
      const memory = await context.memory(cmd);
      const run = () => runRevert(rev, options, context, cmd);
      reportRevert(context, options, options.dryRun ? await run() : await context.locked(cmd, memory, run));
    });
  withExamples(command, [
    ['memoir revert HEAD', 'undo the last commit, keeping it in history'],
    ['memoir revert 3fa2c91 --dry-run', 'see what undoing a commit would change'],
    ['memoir revert HEAD~3 --strategy ours', 'undo what later commits left alone, keep the rest'],
  ]);
}
