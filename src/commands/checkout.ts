import type { Command } from 'commander';
import { carryStage } from '../core/carryStage.js';
import { MemoirError, UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { checkBranchName } from '../runtime/target.js';
import { signature } from '../runtime/signature.js';
import { reportCheckout } from '../output/checkout.js';
import { shortOid } from '../output/format.js';
import type { Memory } from '../store/memory.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';

export interface CheckoutOptions {
  b?: string;
  force?: boolean;
  json?: boolean;
}

export interface CheckoutResult {
  /** The branch now current; undefined when HEAD is detached. */
  branch?: string;
  commit?: string;
  detached: boolean;
  created: boolean;
  already: boolean;
  /** Staged operations carried over, and those --force discarded. */
  carried: number;
  discarded: number;
  /** Commits a detached HEAD held that no branch (nor the new HEAD) reaches any more, newest first. */
  leftBehind: Array<{ commit: string; subject: string }>;
}

/**
 * The commits reachable from `from` but from no branch and not from `to`: what a checkout
 * away from a detached HEAD leaves for only the reflog to find, as git warns.
 */
async function commitsLeftBehind(
  memory: Memory,
  from: string,
  to: string | undefined,
): Promise<CheckoutResult['leftBehind']> {
  const kept = await memory.ancestorsOf([...memory.branches().map((b) => b.oid), ...(to ? [to] : [])]);
  const left: CheckoutResult['leftBehind'] = [];
  const seen = new Set<string>();
  const pending = [from];
  while (pending.length > 0) {
    const oid = pending.pop()!;
    if (kept.has(oid) || seen.has(oid)) continue;
    seen.add(oid);
    const commit = await memory.readCommit(oid);
    left.push({ commit: oid, subject: commit.message.split('\n')[0] });
    pending.push(...commit.parents);
  }
  return left;
}

/** Switches HEAD to a branch (or a commit, detached), carrying the stage over where it still applies. */
export async function runCheckout(
  target: string | undefined,
  options: CheckoutOptions,
  context: Context,
  command: Command,
): Promise<CheckoutResult> {
  if (options.b !== undefined) checkBranchName(options.b);
  if (options.b === undefined && target === undefined)
    throw new UsageError('missing-argument', 'which branch?', {
      hint: 'memoir checkout <branch>, or memoir checkout -b <new-branch>',
    });
  const memory = await context.memory(command);
  const taxonomy = await context.taxonomy(command);
  return context.locked(command, memory, async () => {
    const merge = memory.readMerge();
    if (merge)
      throw new MemoirError('merge-in-progress', `a merge of ${merge.theirsName} is in progress`, {
        hint: 'finish it with "memoir merge --continue" or undo it with "memoir merge --abort" first',
      });
    const head = await memory.head();
    const who = await signature(context, command);
    let ref: string | undefined;
    let oid: string | undefined;
    if (options.b !== undefined) {
      if (await memory.git.resolveRef(`refs/heads/${options.b}`))
        throw new MemoirError('branch-exists', `a branch named "${options.b}" already exists`, {
          hint: `switch to it with "memoir checkout ${options.b}"`,
        });
      ref = `refs/heads/${options.b}`;
      oid = target ? await memory.resolve(target) : head.oid;
    } else if (target === head.branch || target === 'HEAD') {
      return {
        branch: head.branch,
        commit: head.oid,
        detached: !head.branch,
        created: false,
        already: true,
        carried: memory.readStage().ops.length,
        discarded: 0,
        leftBehind: [],
      };
    } else if (await memory.git.resolveRef(`refs/heads/${target}`)) {
      ref = `refs/heads/${target}`;
      oid = await memory.git.resolveRef(ref);
    } else {
      oid = await memory.resolve(target!);
    }
    const stage = memory.readStage();
    const paths = stage.ops.map((o) => o.fact.path);
    const { kept, dropped } = carryStage(
      stage,
      await memory.readLeaves(head.oid, paths),
      await memory.readLeaves(oid, paths),
      (p) => taxonomy.leaves.get(p)?.cardinality ?? 'many',
    );
    if (dropped.length > 0 && !options.force) {
      const first = dropped[0];
      throw new MemoirError(
        'stage-would-be-lost',
        `${dropped.length} staged change${dropped.length === 1 ? '' : 's'} would not apply on ${options.b ?? target}: ${first.op.op} ${first.op.fact.path} "${first.op.fact.text}" (${first.reason === 'gone' ? 'the fact is not there' : 'the leaf holds another value there'})`,
        {
          hint: 'commit or unstage them first ("memoir commit", "memoir reset"), or use --force to discard them',
          data: {
            changes: dropped.map((d) => ({ op: d.op.op, id: d.op.fact.id, path: d.op.fact.path, reason: d.reason })),
          },
        },
      );
    }
    const leftBehind =
      !head.branch && head.oid && head.oid !== oid && options.b === undefined
        ? await commitsLeftBehind(memory, head.oid, oid)
        : [];
    if (options.b !== undefined && oid)
      memory.updateBranch(ref!, oid, undefined, who, `branch: Created from ${target ?? head.branch ?? 'HEAD'}`);
    const from = head.branch ?? (head.oid ? shortOid(head.oid) : 'HEAD');
    const to = ref ? ref.slice(11) : oid!;
    memory.setHead(ref ? { ref } : { oid: oid! }, {
      old: head.oid,
      new: oid,
      who,
      message: `checkout: moving from ${from} to ${to}`,
    });
    if (dropped.length > 0) memory.writeStage({ ...stage, ops: kept });
    return {
      branch: ref?.slice(11),
      commit: oid,
      detached: !ref,
      created: options.b !== undefined,
      already: false,
      carried: kept.length,
      discarded: dropped.length,
      leftBehind,
    };
  });
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('checkout')
    .description(
      'Switch to a branch, or look at a past commit (detached HEAD); staged facts come along where they still apply',
    )
    .argument(
      '[branch-or-rev]',
      'the branch to switch to, or a commit to detach at (with -b: where the new branch starts)',
    )
    .option('-b <new-branch>', 'create this branch (at the current commit, or at <branch-or-rev>) and switch to it')
    .option('-f, --force', 'switch even when staged changes would not apply there: they are discarded')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (target: string | undefined, options: CheckoutOptions, cmd: Command) => {
      reportCheckout(context, options, await runCheckout(target, options, context, cmd));
    });
  withExamples(command, [
    ['memoir checkout agent-2', 'switch to the branch agent-2'],
    ['memoir checkout -b experiment', 'start a branch here and switch to it'],
    [
      'memoir checkout HEAD~3',
      'look at memory as it was three commits ago (detached); commits made there belong to no branch until "memoir branch <name>"',
    ],
    ['memoir checkout main --force', 'switch, dropping staged changes that would not apply'],
  ]);
}
