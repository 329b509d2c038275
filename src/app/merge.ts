import { cardinalityIn } from '../core/taxonomy.js';
import { enforceMerge, type PolicyOverride } from './policyGate.js';
import { type SignOption, signIfAsked } from './signing.js';
import type { Deps } from './deps.js';
import { EXIT, type ExitCode, MemoirError, UsageError } from '../errors/index.js';
import type { MergeState } from '../store/mergeState.js';
import {
  describeConflicts,
  newMergeState,
  refuseSecretDecisions,
  refuseMergeInProgress,
  STRATEGIES,
  strategyDecisions,
  unsettled,
  writeMerge,
  type MergeOutcome,
  type Strategy,
} from './mergeSteps.js';
import { type IncomingFinding, refuseIncoming, screenIncoming } from './screenIncoming.js';
import { prefetchAuthor, signature } from './signature.js';
import { screenWrittenText } from '../core/guardText.js';

export interface MergeOptions extends SignOption, PolicyOverride {
  message?: string;
  ff?: boolean;
  ffOnly?: boolean;
  strategy?: Strategy;
  continue?: boolean;
  abort?: boolean;
  json?: boolean;
  /** Take facts that fail the incoming screen (a secret, an unknown leaf); they are listed in the outcome. */
  allowInvalid?: boolean;
  /** Merge a history that shares no commit with the branch's. */
  allowUnrelatedHistories?: boolean;
  /** What the caller (a pull) has screened and found clean: not screened again while HEAD and theirs are still these. */
  screened?: { ours: string | undefined; theirs: string };
}

/** Starts a merge: up to date, fast-forward, a clean merge commit, or conflicts (recorded, settled by strategy, or on screen). */
export async function runMerge(rev: string, options: MergeOptions, context: Deps): Promise<MergeOutcome> {
  if (options.strategy && !STRATEGIES.includes(options.strategy))
    throw new UsageError('invalid-strategy', `unknown strategy "${options.strategy}"`, {
      hint: `use one of ${STRATEGIES.join(', ')}`,
    });
  if (options.ffOnly && options.ff === false)
    throw new UsageError('conflicting-options', '--ff-only and --no-ff cannot be used together');
  screenWrittenText(options.message, 'the merge message', 'nothing was merged', { lineBreaks: true });
  // git may be asked who the author is: that runs while the histories are read and merged
  await prefetchAuthor(context);
  const memory = await context.memory();
  const taxonomy = await context.taxonomy();
  const similarity = (await context.config()).get('merge.similarity');
  const cardinalityOf = cardinalityIn(taxonomy);
  let accepted: IncomingFinding[] = [];
  const started = await context.locked(memory, async () => {
    refuseMergeInProgress(memory);
    const head = await memory.head();
    const theirs = await memory.resolve(rev);
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
    // a fast-forward first: its walk stops a commit or two back, where "already merged" reads all of ours
    const fastForward = !head.oid || (await memory.isAncestor(head.oid, theirs));
    if (head.oid && (head.oid === theirs || (!fastForward && (await memory.isAncestor(theirs, head.oid))))) return base;
    if (
      head.oid &&
      !fastForward &&
      !options.allowUnrelatedHistories &&
      (await memory.mergeBases(head.oid, theirs)).length === 0
    )
      throw new MemoirError('unrelated-histories', `${rev} shares no history with ${head.branch ?? 'HEAD'}`, {
        hint: 'check that it is the memory you meant; --allow-unrelated-histories merges it anyway',
      });
    // before any ref moves or any merge state is written: everything their commits would bring in
    const screened =
      options.screened !== undefined && options.screened.ours === head.oid && options.screened.theirs === theirs;
    const findings = screened ? [] : await screenIncoming(memory, head.oid, theirs, taxonomy);
    if (!options.allowInvalid) refuseIncoming(findings, rev);
    accepted = findings;
    if (!head.oid || (options.ff !== false && fastForward)) {
      const changes = await memory.treeChanges(
        head.oid ? (await memory.readCommit(head.oid)).tree : undefined,
        (await memory.readCommit(theirs)).tree,
        cardinalityOf,
      );
      const overrides = await enforceMerge(memory, head.oid, head.branch, theirs, changes, options);
      const noted = overrides.length ? ` (${overrides.map((t) => t.replace('Memoir-', '')).join('; ')})` : '';
      memory.updateBranch(
        head.ref ?? 'HEAD',
        theirs,
        head.oid,
        await signature(context),
        `merge ${rev}: Fast-forward${noted}`,
      );
      return { ...base, kind: 'fast-forward' as const, commit: theirs, changes };
    }
    if (options.ffOnly)
      throw new MemoirError(
        'not-fast-forward',
        `${head.branch ?? 'HEAD'} cannot be fast-forwarded to ${rev}: the histories have diverged`,
        { hint: `merge without --ff-only to make a merge commit` },
      );
    const merge = await memory.mergeCommits(head.oid, theirs, { cardinalityOf, similarity });
    await signIfAsked(memory, options, context);
    const who = await signature(context);
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
    if (conflicts.length === 0) return writeMerge(memory, state, who, context.version, cardinalityOf, options);
    if (options.strategy === 'fail')
      return { ...base, kind: 'conflicts' as const, bases: merge.bases, conflicts, folded: merge.folded };
    if (options.strategy)
      return writeMerge(
        memory,
        { ...state, decisions: strategyDecisions(state, options.strategy) },
        who,
        context.version,
        cardinalityOf,
        options,
      );
    // recorded before anyone is asked: a merge killed from here on can be resumed or aborted
    memory.writeMerge(state);
    return { ...base, kind: 'conflicts' as const, bases: merge.bases, conflicts, folded: merge.folded };
  });
  return accepted.length > 0 ? { ...started, accepted } : started;
}

/** A merge that stopped on conflicts (recorded, or refused by --strategy fail) exits 3, even when every conflict has a decision. */
export function mergeExitCode(outcome: MergeOutcome): ExitCode {
  return outcome.kind === 'conflicts' ? EXIT.conflict : EXIT.ok;
}

/**
 * Decisions on the conflicts of the merge in progress, made on the conflict screen (or by any
 * other front end): saved, and the merge commit written once every conflict is settled and the
 * person said they were done.
 */
export async function decideConflicts(
  started: MergeOutcome,
  decisions: MergeState['decisions'],
  done: boolean,
  context: Deps,
): Promise<MergeOutcome> {
  const memory = await context.memory();
  return context.locked(memory, async () => {
    const current = memory.readMerge();
    if (!current || current.theirs !== started.theirs)
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
        await signature(context),
        context.version,
        cardinalityIn(await context.taxonomy()),
      );
    return { ...started, decisions: updated.decisions };
  });
}

/** `merge --continue` (and `commit` during a merge): the merge commit, once every conflict is settled. */
export async function runContinue(context: Deps): Promise<MergeOutcome> {
  const memory = await context.memory();
  const taxonomy = await context.taxonomy();
  return context.locked(memory, async () => {
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
    await signIfAsked(memory, {}, context);
    return writeMerge(memory, state, await signature(context), context.version, cardinalityIn(taxonomy));
  });
}

/** `merge --abort`: the branch and the stage exactly as before the merge. */
export async function runAbort(context: Deps): Promise<MergeState> {
  const memory = await context.memory();
  return context.locked(memory, async () => {
    const state = memory.readMerge();
    if (!state)
      throw new MemoirError('no-merge', 'there is no merge in progress', { hint: '"memoir status" shows the branch' });
    const head = await memory.head();
    const who = await signature(context);
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
