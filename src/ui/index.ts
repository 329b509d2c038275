import { createElement, type ReactElement } from 'react';
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
 * Runs one screen to its end: refuses a stdin that is not a terminal (the caller should have
 * checked; never hang or die in Ink on a pipe), decides colour as io.ts does, and resolves with
 * what the screen reported, or `fallback` should it end without a word (it cannot: every screen
 * reports every end). The screen erases itself when done and leaves the terminal as it found it
 * (raw mode off, cursor shown). Keys are the screen's: Ctrl-C ends it like q and Esc, and the
 * command decides what that means.
 */
async function runScreen<R>(
  options: ScreenOptions,
  refusal: { message: string; hint: string },
  fallback: R,
  screen: (props: { onDone: (result: R) => void; color: boolean }) => ReactElement,
): Promise<R> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  if (!stdin.isTTY) throw new UsageError('cannot-prompt', refusal.message, { hint: refusal.hint });
  const color = options.color ?? decideColor(stdout, { env: process.env });
  let outcome = fallback;
  const onDone = (result: R) => {
    outcome = result;
    // after React has finished the update that produced it; the screen has drawn nothing since
    setImmediate(() => {
      instance.clear();
      instance.unmount();
    });
  };
  const instance = render(screen({ onDone, color }), { stdin, stdout, exitOnCtrlC: false, patchConsole: false });
  await instance.waitUntilExit();
  return outcome;
}

/**
 * Shows the classifier's suggestions for each fact in turn and resolves with a decision per
 * fact, in order, or `{ aborted: true }` on q, Esc or Ctrl-C. Nothing to review resolves at once.
 */
export async function reviewClassifications(
  items: ReviewItem[],
  leaves: LeafInfo[],
  options: ScreenOptions = {},
): Promise<ReviewOutcome> {
  if (items.length === 0) return { aborted: false, decisions: [] };
  return runScreen<ReviewOutcome>(
    options,
    {
      message: 'reviewing where facts go needs a terminal, and stdin is not one',
      hint: 'give the leaf with --path, or accept the top suggestions with --yes',
    },
    { aborted: true },
    (props) => createElement(ReviewScreen, { items, leaves, ...props }),
  );
}

/**
 * Shows a merge's conflicts and resolves with the decisions made, and `done` when Enter was
 * pressed with every conflict decided (q, Esc or Ctrl-C leave with `done: false`, decisions
 * kept).
 */
export async function resolveConflicts(
  conflicts: readonly MergeConflict[],
  options: ScreenOptions & { decisions?: Record<string, Decision> } = {},
): Promise<ConflictOutcome> {
  if (conflicts.length === 0) return { done: true, decisions: {} };
  return runScreen<ConflictOutcome>(
    options,
    {
      message: 'settling merge conflicts on screen needs a terminal, and stdin is not one',
      hint: 'use "memoir resolve <id> --ours|--theirs|--both|--text", or merge with --strategy',
    },
    { done: false, decisions: options.decisions ?? {} },
    (props) => createElement(ConflictScreen, { conflicts, decisions: options.decisions, ...props }),
  );
}

/**
 * Shows the facts proposed from a conversation and resolves with a decision per proposal, in
 * order: once none is pending, or on q, Esc or Ctrl-C, when every proposal still pending is
 * left for later (`{ kind: 'later' }`), never lost. No proposals resolve at once with none.
 */
export async function reviewCaptures(
  items: CaptureItem[],
  leaves: LeafInfo[],
  options: ScreenOptions = {},
): Promise<CaptureDecision[]> {
  if (items.length === 0) return [];
  return runScreen<CaptureDecision[]>(
    options,
    {
      message: 'reviewing the proposed facts needs a terminal, and stdin is not one',
      hint: 'use --yes to accept what clears review.autoAccept, or --dry-run --json to see the proposals',
    },
    items.map(() => ({ kind: 'later' })),
    (props) => createElement(CaptureScreen, { items, leaves, ...props }),
  );
}

/**
 * Shows the repairs proposed for the memory, one at a time, and resolves with a decision per
 * proposal, in order: once none is pending, or on q, Esc or Ctrl-C, when every proposal still
 * pending is skipped (`action: 'skip'`: the next run finds it again). No proposals resolve at
 * once with none.
 */
export async function reviewConsolidation(
  proposals: Proposal[],
  leaves: LeafInfo[],
  options: ScreenOptions = {},
): Promise<ConsolidateDecision[]> {
  if (proposals.length === 0) return [];
  return runScreen<ConsolidateDecision[]>(
    options,
    {
      message: 'deciding the proposed repairs needs a terminal, and stdin is not one',
      hint: 'use --yes to apply what a rule settles, or --dry-run --json to see the proposals',
    },
    proposals.map((p) => ({ id: p.id, action: 'skip' })),
    (props) => createElement(ConsolidateScreen, { proposals, leaves, ...props }),
  );
}
