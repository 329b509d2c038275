import type { Command } from 'commander';
import { isFactIdPrefix } from '../core/fact.js';
import { emptyStage, unstage, type StagedOp } from '../core/stage.js';
import { MemoirError, RefusedError, UsageError } from '../errors/index.js';
import type { CommitInfo } from '../store/git.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { signature } from '../runtime/signature.js';
import { factJson } from '../output/facts.js';
import { json, plural } from '../output/format.js';
import { reportHardReset } from '../output/reset.js';
import { QUIET_FLAGS, QUIET_HELP, sayFor } from '../output/say.js';

export interface ResetOptions {
  hard?: boolean;
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export interface HardResetResult {
  branch?: string;
  from?: string;
  to: CommitInfo;
  /** Staged operations discarded with the move. */
  discarded: number;
  dryRun: boolean;
}

export async function runReset(id: string | undefined, context: Context, command: Command): Promise<StagedOp[]> {
  if (id !== undefined && !isFactIdPrefix(id))
    throw new UsageError('invalid-id', `"${id}" is not a fact id`, {
      hint: 'fact ids are hex digits; "memoir status" lists the staged ones; to move the branch use --hard <rev>',
    });
  const memory = await context.memory(command);
  return context.locked(command, memory, async () => {
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
  context: Context,
  command: Command,
): Promise<HardResetResult> {
  if (rev === undefined)
    throw new UsageError('missing-revision', 'reset --hard needs the commit to move the branch to', {
      hint: 'e.g. memoir reset --hard HEAD~1 --force',
    });
  const memory = await context.memory(command);
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
        `reset --hard moves ${head.branch ?? 'HEAD'} to ${to.oid.slice(0, 7)}${discarded ? ` and discards ${plural(discarded, 'staged change')}` : ''}; refused without --force`,
        {
          hint: `add --force (the old tip stays in "memoir reflog"), or preview with --dry-run`,
        },
      );
    }
    memory.updateBranch(
      head.ref ?? 'HEAD',
      to.oid,
      head.oid,
      await signature(context, command),
      `reset: moving to ${rev}`,
    );
    memory.writeStage(emptyStage());
    return result;
  };
  return options.dryRun ? run() : context.locked(command, memory, run);
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('reset')
    .description('Unstage facts (one by id, or everything), or with --hard move the current branch to another commit')
    .argument('[target]', 'the staged fact to unstage (all when omitted); with --hard, the commit to move to')
    .option('--hard', 'move the current branch to <target> and discard the stage (needs --force)')
    .option('-f, --force', 'with --hard: really move the branch')
    .option('-n, --dry-run', 'with --hard: show what would happen without writing anything')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (target: string | undefined, options: ResetOptions, cmd: Command) => {
      if (options.hard) {
        reportHardReset(context, options, await runHardReset(target, options, context, cmd));
        return;
      }
      if (options.force || options.dryRun)
        throw new UsageError('needs-hard', `${options.force ? '--force' : '--dry-run'} applies only with --hard`, {
          hint: 'memoir reset --hard <rev> --force moves the branch; memoir reset [fact-id] unstages',
        });
      const removed = await runReset(target, context, cmd);
      if (options.json) context.io.out(json({ unstaged: removed.map((o) => ({ op: o.op, ...factJson(o.fact) })) }));
      else if (removed.length === 0) sayFor(context, options).status('nothing was staged');
      else sayFor(context, options).result(`unstaged ${plural(removed.length, 'change')}`);
    });
  withExamples(command, [
    ['memoir reset', 'unstage everything'],
    ['memoir reset 3fa2c91b', 'unstage one fact'],
    ['memoir reset --hard HEAD~2 --force', 'drop the last two commits from the branch (they stay in the reflog)'],
    ['memoir reset --hard main@{1} --force', 'undo the last move of main'],
  ]);
}
