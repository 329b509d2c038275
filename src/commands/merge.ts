import type { Command } from 'commander';
import { DEFAULT_SIMILARITY } from '../core/merge.js';
import type { Cardinality, Taxonomy } from '../core/taxonomy.js';
import { EXIT, MemoirError, UsageError } from '../errors/index.js';
import type { Memory } from '../store/memory.js';
import type { MergeState } from '../store/mergeState.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import {
  describeConflicts,
  newMergeState,
  refuseSecretDecisions,
  STRATEGIES,
  strategyDecisions,
  unsettled,
  writeMerge,
  type MergeOutcome,
  type Strategy,
} from '../runtime/merge.js';
import { refuseIncoming, screenIncoming } from '../runtime/screenIncoming.js';
import { signature } from '../runtime/signature.js';
import { screenWrittenText } from '../core/guardText.js';
import { reportMerge } from '../output/merge.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';

/** A leaf's cardinality by the taxonomy; a leaf it does not know holds many facts. */
const cardinalityIn =
  (taxonomy: Taxonomy) =>
  (path: string): Cardinality =>
    taxonomy.leaves.get(path)?.cardinality ?? 'many';

export interface MergeOptions {
  message?: string;
  ff?: boolean;
  ffOnly?: boolean;
  strategy?: Strategy;
  continue?: boolean;
  abort?: boolean;
  json?: boolean;
}

/** Starts a merge: up to date, fast-forward, a clean merge commit, or conflicts (recorded, settled by strategy, or on screen). */
export async function runMerge(
  rev: string,
  options: MergeOptions,
  context: Context,
  command: Command,
): Promise<MergeOutcome> {
  if (options.strategy && !STRATEGIES.includes(options.strategy))
    throw new UsageError('invalid-strategy', `unknown strategy "${options.strategy}"`, {
      hint: `use one of ${STRATEGIES.join(', ')}`,
    });
  if (options.ffOnly && options.ff === false)
    throw new UsageError('conflicting-options', '--ff-only and --no-ff cannot be used together');
  screenWrittenText(options.message, 'the merge message', 'nothing was merged', { lineBreaks: true });
  const memory = await context.memory(command);
  const taxonomy = await context.taxonomy(command);
  const similarity = (await context.config(command)).get<number>('merge.similarity') ?? DEFAULT_SIMILARITY;
  const cardinalityOf = cardinalityIn(taxonomy);
  const started = await context.locked(command, memory, async () => {
    const inProgress = memory.readMerge();
    if (inProgress)
      throw new MemoirError('merge-in-progress', `a merge of ${inProgress.theirsName} is already in progress`, {
        hint: 'finish it with "memoir merge --continue" or undo it with "memoir merge --abort"',
      });
    const head = await memory.head();
    const theirs = await memory.resolve(rev);
    const who = await signature(context, command);
    const base: MergeOutcome = {
      kind: 'up-to-date',
      branch: head.branch,
      commit: head.oid,
      theirs,
      theirsName: rev,
      bases: [],
      changes: [],
      conflicts: [],
      decisions: {},
      folded: [],
    };
    if (head.oid && (await memory.isAncestor(theirs, head.oid))) return base;
    // before any ref moves or any merge state is written: everything their commits would bring in
    refuseIncoming(await screenIncoming(memory, head.oid, theirs, taxonomy), rev);
    if (!head.oid || (options.ff !== false && (await memory.isAncestor(head.oid, theirs)))) {
      const changes = await memory.treeChanges(
        head.oid ? (await memory.readCommit(head.oid)).tree : undefined,
        (await memory.readCommit(theirs)).tree,
        cardinalityOf,
      );
      memory.updateBranch(head.ref ?? 'HEAD', theirs, head.oid, who, `merge ${rev}: Fast-forward`);
      return { ...base, kind: 'fast-forward' as const, commit: theirs, changes };
    }
    if (options.ffOnly)
      throw new MemoirError(
        'not-fast-forward',
        `${head.branch ?? 'HEAD'} cannot be fast-forwarded to ${rev}: the histories have diverged`,
        { hint: `merge without --ff-only to make a merge commit` },
      );
    const merge = await memory.mergeCommits(head.oid, theirs, { cardinalityOf, similarity });
    const conflicts = await describeConflicts(memory, merge, head.oid, theirs);
    const state = newMergeState(memory, {
      origRef: head.ref,
      origHead: head.oid,
      theirs,
      theirsName: rev,
      message: options.message,
      merge,
      conflicts,
    });
    if (conflicts.length === 0) return writeMerge(memory, state, who, context.version, cardinalityOf);
    if (options.strategy === 'fail')
      return { ...base, kind: 'conflicts' as const, bases: merge.bases, conflicts, folded: merge.folded };
    if (options.strategy)
      return writeMerge(
        memory,
        { ...state, decisions: strategyDecisions(state, options.strategy) },
        who,
        context.version,
        cardinalityOf,
      );
    // recorded before anyone is asked: a merge killed from here on can be resumed or aborted
    memory.writeMerge(state);
    return { ...base, kind: 'conflicts' as const, bases: merge.bases, conflicts, folded: merge.folded };
  });
  if (started.kind !== 'conflicts' || options.strategy === 'fail') return finish(started, context);
  return settleOnScreen(memory, options, context, command, started);
}

/** A merge left with conflicts (recorded, or refused by --strategy fail) exits 3, even when every conflict has a decision. */
function finish(outcome: MergeOutcome, context: Context): MergeOutcome {
  if (outcome.kind === 'conflicts') context.fail(EXIT.conflict);
  return outcome;
}

/** In a terminal, the conflict screen; its decisions are saved, and the merge commit written once all are made. */
async function settleOnScreen(
  memory: Memory,
  options: MergeOptions,
  context: Context,
  command: Command,
  started: MergeOutcome,
): Promise<MergeOutcome> {
  if (!context.io.canPrompt || options.json) return finish(started, context);
  const state = memory.readMerge()!;
  const { resolveConflicts } = await import('../ui/index.js');
  const { decisions, done } = await resolveConflicts(state.conflicts, {
    decisions: state.decisions,
    color: context.io.color,
  });
  return context.locked(command, memory, async () => {
    const current = memory.readMerge();
    if (!current || current.theirs !== state.theirs)
      throw new MemoirError('merge-changed', 'the merge in progress changed while the conflicts were on screen', {
        hint: 'run "memoir status" to see where it stands',
      });
    const updated = { ...current, decisions: { ...current.decisions, ...decisions } };
    refuseSecretDecisions(updated);
    memory.writeMerge(updated);
    if (done && unsettled(updated).length === 0)
      return writeMerge(
        memory,
        updated,
        await signature(context, command),
        context.version,
        cardinalityIn(await context.taxonomy(command)),
      );
    return finish({ ...started, decisions: updated.decisions }, context);
  });
}

/** `merge --continue` (and `commit` during a merge): the merge commit, once every conflict is settled. */
export async function runContinue(context: Context, command: Command): Promise<MergeOutcome> {
  const memory = await context.memory(command);
  const taxonomy = await context.taxonomy(command);
  return context.locked(command, memory, async () => {
    const state = memory.readMerge();
    if (!state)
      throw new MemoirError('no-merge', 'there is no merge in progress', {
        hint: 'start one with "memoir merge <branch>"',
      });
    // again: the merge may have been started by a version without the guard, or the taxonomy changed since
    refuseIncoming(
      await screenIncoming(memory, state.origHead, state.theirs, taxonomy),
      state.theirsName,
      'memoir merge --abort',
    );
    return writeMerge(memory, state, await signature(context, command), context.version, cardinalityIn(taxonomy));
  });
}

/** `merge --abort`: the branch and the stage exactly as before the merge. */
export async function runAbort(context: Context, command: Command): Promise<MergeState> {
  const memory = await context.memory(command);
  return context.locked(command, memory, async () => {
    const state = memory.readMerge();
    if (!state)
      throw new MemoirError('no-merge', 'there is no merge in progress', { hint: '"memoir status" shows the branch' });
    const head = await memory.head();
    const who = await signature(context, command);
    if (head.oid !== state.origHead)
      memory.updateBranch(
        state.origRef ?? 'HEAD',
        state.origHead,
        head.oid,
        who,
        `merge --abort: back to ${state.origHead}`,
      );
    memory.writeStage(state.origStage);
    memory.clearMerge();
    return state;
  });
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('merge')
    .description(
      'Merge another branch into the current one, fact by fact; conflicts are settled on screen, by strategy, or with "memoir resolve"',
    )
    .argument('[branch-or-rev]', 'the branch or commit to merge in')
    .option('-m, --message <msg>', 'message of the merge commit')
    .option('--no-ff', 'make a merge commit even when a fast-forward is possible')
    .option('--ff-only', 'refuse unless the merge is a fast-forward')
    .option(
      '-s, --strategy <strategy>',
      'settle every conflict: ours, theirs, union (keep both where the leaf allows) or fail (exit 3, nothing recorded)',
    )
    .option('--continue', 'write the merge commit once every conflict is settled')
    .option('--abort', 'give the merge up: the branch and the stage as they were before it')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (rev: string | undefined, options: MergeOptions, cmd: Command) => {
      if (options.continue && options.abort)
        throw new UsageError('conflicting-options', 'choose one of --continue and --abort');
      if (options.abort) return reportMerge(context, options, { aborted: await runAbort(context, cmd) });
      if (options.continue) return reportMerge(context, options, { outcome: await runContinue(context, cmd) });
      if (!rev)
        throw new UsageError('missing-argument', 'which branch should be merged?', {
          hint: 'memoir merge <branch>; "memoir branch" lists them',
        });
      reportMerge(context, options, { outcome: await runMerge(rev, options, context, cmd) });
    });
  withExamples(command, [
    ['memoir merge feature', 'merge the branch feature into the current branch'],
    ['memoir merge agent-2 --no-ff -m "Session of agent 2"', 'always record a merge commit'],
    ['memoir merge experiment --strategy theirs', 'settle every conflict with their side'],
    [
      'memoir merge feature --json; memoir resolve 3fa2c91 --ours; memoir merge --continue',
      'settle conflicts in a script',
    ],
    ['memoir merge --abort', 'give up a merge with conflicts'],
  ]);
}
