import { createElement } from 'react';
import { render } from 'ink';
import { decideColor } from '../io/io.js';
import { UsageError } from '../errors/index.js';
import { ReviewScreen } from './screens/ReviewScreen.js';
import { ConflictScreen, type ConflictOutcome } from './screens/ConflictScreen.js';
import { CaptureScreen } from './screens/CaptureScreen.js';
import { ConsolidateScreen } from './screens/ConsolidateScreen.js';
import type { CaptureDecision, CaptureItem } from '../capture/types.js';
import type { ConsolidateDecision } from '../app/consolidate.js';
import type { Proposal } from '../core/consolidate.js';
import type { MergeConflict } from '../store/mergeState.js';
import type { Decision } from '../core/merge.js';
import type { LeafInfo, ReviewItem, ReviewOutcome } from './types.js';

/*
 * The interactive screens, as awaited functions that resolve to the person's decisions.
 * Commands load this module with a lazy import(): only they pay for Ink and React.
 */

export type { ConflictOutcome } from './screens/ConflictScreen.js';
export type { LeafInfo, ReviewCandidate, ReviewDecision, ReviewItem, ReviewOutcome } from './types.js';

export interface ScreenOptions {
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Colour on the screen; by default decided from stdout and the environment as io.ts does. */
  color?: boolean;
}

/**
 * Shows the classifier's suggestions for each fact in turn and resolves with a decision per
 * fact, in order, or `{ aborted: true }` on q, Esc or Ctrl-C. The screen erases itself when
 * done and leaves the terminal as it found it (raw mode off, cursor shown). The caller checks
 * that it may prompt (both ends are terminals); nothing to review resolves at once.
 */
export async function reviewClassifications(
  items: ReviewItem[],
  leaves: LeafInfo[],
  options: ScreenOptions = {},
): Promise<ReviewOutcome> {
  if (items.length === 0) return { aborted: false, decisions: [] };
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  // the caller should have checked (io.canPrompt); never hang or die in Ink on a pipe
  if (!stdin.isTTY)
    throw new UsageError('cannot-prompt', 'reviewing where facts go needs a terminal, and stdin is not one', {
      hint: 'give the leaf with --path, or accept the top suggestions with --yes',
    });
  const color = options.color ?? decideColor(stdout, { env: process.env });
  let outcome: ReviewOutcome = { aborted: true };
  const onDone = (result: ReviewOutcome) => {
    outcome = result;
    // after React has finished the update that produced it; the screen has drawn nothing since
    setImmediate(() => {
      instance.clear();
      instance.unmount();
    });
  };
  const instance = render(createElement(ReviewScreen, { items, leaves, onDone, color }), {
    stdin,
    stdout,
    // keys are the screen's: Ctrl-C aborts the review like q and Esc, and the command decides what that means
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await instance.waitUntilExit();
  return outcome;
}

/**
 * Shows a merge's conflicts and resolves with the decisions made, and `done` when Enter was
 * pressed with every conflict decided (q, Esc or Ctrl-C leave with `done: false`, decisions
 * kept). The caller checks that it may prompt.
 */
export async function resolveConflicts(
  conflicts: readonly MergeConflict[],
  options: ScreenOptions & { decisions?: Record<string, Decision> } = {},
): Promise<ConflictOutcome> {
  if (conflicts.length === 0) return { done: true, decisions: {} };
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  if (!stdin.isTTY)
    throw new UsageError('cannot-prompt', 'settling merge conflicts on screen needs a terminal, and stdin is not one', {
      hint: 'use "memoir resolve <id> --ours|--theirs|--both|--text", or merge with --strategy',
    });
  const color = options.color ?? decideColor(stdout, { env: process.env });
  let outcome: ConflictOutcome = { done: false, decisions: options.decisions ?? {} };
  const onDone = (result: ConflictOutcome) => {
    outcome = result;
    setImmediate(() => {
      instance.clear();
      instance.unmount();
    });
  };
  const instance = render(createElement(ConflictScreen, { conflicts, decisions: options.decisions, onDone, color }), {
    stdin,
    stdout,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await instance.waitUntilExit();
  return outcome;
}

/**
 * Shows the facts proposed from a conversation and resolves with a decision per proposal, in
 * order: once none is pending, or on q, Esc or Ctrl-C, when every proposal still pending is
 * left for later (`{ kind: 'later' }`), never lost. The screen erases itself when done. The
 * caller checks that it may prompt; no proposals resolve at once with none.
 */
export async function reviewCaptures(
  items: CaptureItem[],
  leaves: LeafInfo[],
  options: ScreenOptions = {},
): Promise<CaptureDecision[]> {
  if (items.length === 0) return [];
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  if (!stdin.isTTY)
    throw new UsageError('cannot-prompt', 'reviewing the proposed facts needs a terminal, and stdin is not one', {
      hint: 'use --yes to accept what clears review.autoAccept, or --dry-run --json to see the proposals',
    });
  const color = options.color ?? decideColor(stdout, { env: process.env });
  // should the screen end without a word (it cannot: it reports every end), nothing is lost
  let decisions: CaptureDecision[] = items.map(() => ({ kind: 'later' }));
  const onDone = (result: CaptureDecision[]) => {
    decisions = result;
    setImmediate(() => {
      instance.clear();
      instance.unmount();
    });
  };
  const instance = render(createElement(CaptureScreen, { items, leaves, onDone, color }), {
    stdin,
    stdout,
    // keys are the screen's: Ctrl-C finishes like q and Esc, the pending proposals left for later
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await instance.waitUntilExit();
  return decisions;
}

/**
 * Shows the repairs proposed for the memory, one at a time, and resolves with a decision per
 * proposal, in order: once none is pending, or on q, Esc or Ctrl-C, when every proposal still
 * pending is skipped (`action: 'skip'`: the next run finds it again). The screen erases itself
 * when done. The caller checks that it may prompt; no proposals resolve at once with none.
 */
export async function reviewConsolidation(
  proposals: Proposal[],
  leaves: LeafInfo[],
  options: ScreenOptions = {},
): Promise<ConsolidateDecision[]> {
  if (proposals.length === 0) return [];
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  if (!stdin.isTTY)
    throw new UsageError('cannot-prompt', 'deciding the proposed repairs needs a terminal, and stdin is not one', {
      hint: 'use --yes to apply what a rule settles, or --dry-run --json to see the proposals',
    });
  const color = options.color ?? decideColor(stdout, { env: process.env });
  // should the screen end without a word (it cannot: it reports every end), nothing is applied
  let decisions: ConsolidateDecision[] = proposals.map((p) => ({ id: p.id, action: 'skip' }));
  const onDone = (result: ConsolidateDecision[]) => {
    decisions = result;
    setImmediate(() => {
      instance.clear();
      instance.unmount();
    });
  };
  const instance = render(createElement(ConsolidateScreen, { proposals, leaves, onDone, color }), {
    stdin,
    stdout,
    // keys are the screen's: Ctrl-C finishes like q and Esc, the pending proposals skipped
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await instance.waitUntilExit();
  return decisions;
}
