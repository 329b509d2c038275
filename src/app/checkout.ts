import { plural } from '../core/words.js';
import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import { shortOid } from '../core/words.js';
import { carryStage } from '../core/carryStage.js';
import { MemoirError, UsageError } from '../errors/index.js';
import { checkBranchName } from './target.js';
import { signature } from './signature.js';
import type { Memory } from '../store/memory.js';

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
  context: Deps,
): Promise<CheckoutResult> {
  if (options.b !== undefined) checkBranchName(options.b);
  if (options.b === undefined && target === undefined)
    throw new UsageError('missing-argument', 'which branch?', {
      hint: 'memoir checkout <branch>, or memoir checkout -b <new-branch>',
    });
  const memory = await context.memory();
  const taxonomy = await context.taxonomy();
  return context.locked(memory, async () => {
    const merge = memory.readMerge();
    if (merge)
      throw new MemoirError('merge-in-progress', `a merge of ${merge.theirsName} is in progress`, {
        hint: 'finish it with "memoir merge --continue" or undo it with "memoir merge --abort" first',
      });
    const head = await memory.head();
    const who = await signature(context);
    let ref: string | undefined;
    let oid: string | undefined;
    if (options.b !== undefined) {
      if (await memory.resolveRef(`refs/heads/${options.b}`))
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
    } else if (await memory.resolveRef(`refs/heads/${target}`)) {
      ref = `refs/heads/${target}`;
      oid = await memory.resolveRef(ref);
    } else {
      oid = await memory.resolve(target!);
    }
    const stage = memory.readStage();
    const paths = stage.ops.map((o) => o.fact.path);
    const { kept, dropped } = carryStage(
      stage,
      await memory.readLeaves(head.oid, paths),
      await memory.readLeaves(oid, paths),
      cardinalityIn(taxonomy),
    );
    if (dropped.length > 0 && !options.force) {
      const first = dropped[0];
      throw new MemoirError(
        'stage-would-be-lost',
        `${plural(dropped.length, 'staged change')} would not apply on ${options.b ?? target}: ${first.op.op} ${first.op.fact.path} "${first.op.fact.text}" (${first.reason === 'gone' ? 'the fact is not there' : 'the leaf holds another value there'})`,
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
