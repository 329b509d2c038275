import { eachKeyTyped, type KeyAction, keyName } from '../keys.js';
import { nextPendingIndex, pendingIn } from './pending.js';
import type { LeafInfo } from '../types.js';
import type { ConsolidateDecision } from '../../app/consolidate.js';
import type { Proposal } from '../../core/consolidate.js';
import { controlCharacterMessage, findControlCharacter } from '../../core/controlChars.js';
import { plural } from '../../core/words.js';
import { type EditState, emptyEdit, pathEditStep } from './pathEditState.js';

/*
 * The consolidation screen's state and its transitions, as a pure function of (state, key): the
 * screen maps Ink's key events to these actions and draws the state. The capture screen's rules:
 * a decision moves the focus to the next pending proposal, and the screen is over as soon as none
 * is pending (q, Esc and Ctrl-C end it sooner: what is still pending is skipped, found again by
 * the next run). `e` on a dedupe rewords the fact that stays and decides nothing; on a refile it
 * opens the path editor, and the leaf confirmed there is the move accepted, as capture's `p` files.
 * A contradiction is accepted only by keeping one of its facts (1, 2); a stale value is a flag,
 * never accepted.
 */

/** What was decided about a proposal, its edits apart (those are `texts` and `targets`); `keep`: a contradiction's fact that stays. */
export type ConsolidateVerdict = { kind: 'accept'; keep?: string } | { kind: 'reject' } | { kind: 'skip' };

export interface ConsolidateState {
  /** The focused proposal. */
  index: number;
  /** A verdict per proposal; undefined while pending. */
  verdicts: Array<ConsolidateVerdict | undefined>;
  /** dedupe: the kept fact's text as reworded with `e`; undefined while it is the fact's own. */
  texts: Array<string | undefined>;
  /** refile: the leaf chosen with `e`; undefined while it is the proposed one. */
  targets: Array<string | undefined>;
  /** The text being typed after `e` on a dedupe. */
  edit?: { draft: string };
  /** The leaf being typed after `e` on a refile. */
  path?: EditState;
  /** Why the last key did nothing, until the next key. */
  message?: string;
  /** Set once the screen is over: a decision per proposal, in order. */
  outcome?: ConsolidateDecision[];
}

export interface ConsolidateContext {
  proposals: readonly Proposal[];
  leaves: readonly LeafInfo[];
}

export function initialConsolidateState(count: number): ConsolidateState {
  const none = () => Array.from({ length: count }, () => undefined);
  return {
    index: 0,
    verdicts: none(),
    texts: none(),
    targets: none(),
    // nothing to decide is a screen that is already over
    ...(count === 0 ? { outcome: [] } : {}),
  };
}

export const pendingCount = (state: ConsolidateState): number => pendingIn(state.verdicts);

/** Whether enter, `a` and `A` may apply the proposal as it stands. */
export const plainlyAccepted = (p: Proposal): boolean => p.kind !== 'contradiction' && p.kind !== 'stale';

/** The decisions as the screen resolves them: pending ones are skipped. */
export function consolidateDecisions(state: ConsolidateState, proposals: readonly Proposal[]): ConsolidateDecision[] {
  return proposals.map((p, i): ConsolidateDecision => {
    const verdict = state.verdicts[i] ?? { kind: 'skip' };
    if (verdict.kind !== 'accept') return { id: p.id, action: verdict.kind };
    const text = p.kind === 'dedupe' ? state.texts[i] : undefined;
    const to = p.kind === 'refile' ? state.targets[i] : undefined;
    return {
      id: p.id,
      action: 'accept',
      ...(text !== undefined ? { text } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(verdict.keep !== undefined ? { keep: verdict.keep } : {}),
    };
  });
}

/** Why enter or `a` does not apply this proposal, or undefined when it does. */
function refusal(p: Proposal): string | undefined {
  if (p.kind === 'contradiction')
    return 'two facts contradict: press 1 or 2 to keep one (the other is retired), r if both stand, s to decide later';
  if (p.kind === 'stale')
    return 'a stale value is a flag, nothing to apply: r if it still holds, s to leave it flagged';
  return undefined;
}

function finish(state: ConsolidateState, context: ConsolidateContext): ConsolidateState {
  return {
    ...state,
    edit: undefined,
    path: undefined,
    message: undefined,
    outcome: consolidateDecisions(state, context.proposals),
  };
}

/** Focus on the first pending proposal after `from` (round the end), or finish when none is left. */
function nextPending(state: ConsolidateState, context: ConsolidateContext, from: number): ConsolidateState {
  const next = nextPendingIndex(state.verdicts, from);
  if (next === undefined) return finish(state, context);
  return { ...state, index: next };
}

function decide(state: ConsolidateState, context: ConsolidateContext, verdict: ConsolidateVerdict): ConsolidateState {
  const verdicts = state.verdicts.map((v, i) => (i === state.index ? verdict : v));
  return nextPending(
    { ...state, verdicts, edit: undefined, path: undefined, message: undefined },
    context,
    state.index,
  );
}

function accept(state: ConsolidateState, context: ConsolidateContext): ConsolidateState {
  const why = refusal(context.proposals[state.index]);
  return why ? { ...state, message: why } : decide(state, context, { kind: 'accept' });
}

/** A contradiction settled by keeping its fact n (1 or 2). */
function keep(state: ConsolidateState, context: ConsolidateContext, n: number): ConsolidateState {
  const p = context.proposals[state.index];
  if (p.kind !== 'contradiction') return state;
  return decide(state, context, { kind: 'accept', keep: p.facts[n - 1].id });
}

/** Every pending proposal a rule settles, accepted; the others stay pending, the first of them focused. */
function acceptSafe(state: ConsolidateState, context: ConsolidateContext): ConsolidateState {
  const settled = (p: Proposal) => p.safe && plainlyAccepted(p);
  const verdicts = state.verdicts.map(
    (v, i): ConsolidateVerdict | undefined => v ?? (settled(context.proposals[i]) ? { kind: 'accept' } : undefined),
  );
  const accepted = verdicts.filter((v, i) => v && !state.verdicts[i]).length;
  const next = { ...state, verdicts };
  const left = pendingCount(next);
  if (left === 0) return finish(next, context);
  const first = verdicts.indexOf(undefined);
  const message =
    accepted === 0
      ? 'no pending proposal is one a rule settles: decide each with enter, 1 2, r or s'
      : `${plural(accepted, 'safe proposal')} accepted; ${plural(left, 'proposal')} left for you to decide`;
  return { ...next, index: first, message };
}

/** Back to pending; on a pending proposal, back to the proposed text and leaf. */
function undo(state: ConsolidateState): ConsolidateState {
  const i = state.index;
  const clear = <T>(values: T[]) => values.map((v, k) => (k === i ? undefined : v));
  if (state.verdicts[i]) return { ...state, verdicts: clear(state.verdicts) };
  if (state.texts[i] !== undefined || state.targets[i] !== undefined)
    return { ...state, texts: clear(state.texts), targets: clear(state.targets) };
  return { ...state, message: 'nothing to undo: this proposal is pending, as proposed' };
}

function startEdit(state: ConsolidateState, context: ConsolidateContext): ConsolidateState {
  const p = context.proposals[state.index];
  if (p.kind === 'dedupe') return { ...state, edit: { draft: state.texts[state.index] ?? p.keep.text.trim() } };
  if (p.kind === 'refile') return { ...state, path: emptyEdit };
  return { ...state, message: `nothing to edit in a ${p.kind} proposal: e edits a dedupe's text or a refile's leaf` };
}

function listStep(state: ConsolidateState, action: KeyAction, context: ConsolidateContext): ConsolidateState {
  // keys typed ahead arrive together: each character is a key, and 'e' may open an editor for the rest
  const typed = eachKeyTyped(state, action, (s, a) => consolidateStep(s, a, context));
  if (typed) return typed;
  const key = keyName(action);
  const plain = { ...state, message: undefined };
  switch (key) {
    case 'up':
    case 'k':
      return { ...plain, index: Math.max(0, state.index - 1) };
    case 'down':
    case 'j':
      return { ...plain, index: Math.min(context.proposals.length - 1, state.index + 1) };
    case 'enter':
    case 'a':
      return accept(plain, context);
    case '1':
    case '2':
      return keep(plain, context, Number(key));
    case 'A':
      return acceptSafe(plain, context);
    case 'r':
      return decide(plain, context, { kind: 'reject' });
    case 's':
      return decide(plain, context, { kind: 'skip' });
    case 'u':
      return undo(plain);
    case 'e':
      return startEdit(plain, context);
    case 'q':
    case 'escape':
    case 'interrupt':
      return finish(state, context);
    default:
      return state;
  }
}

/** Why a reworded text cannot be kept, or undefined. */
function textRefusal(text: string): string | undefined {
  if (text === '') return 'the text is empty: type the fact, or esc to keep it as it was';
  // a pasted C1 character, or one in the fact the draft started from: never stored
  const control = findControlCharacter(text);
  if (control) return controlCharacterMessage('the text', text, control);
  // a secret is refused by the use case, for that merge alone: the guard stays out of the screens' bundle
  return undefined;
}

function textStep(
  state: ConsolidateState,
  draft: string,
  action: KeyAction,
  context: ConsolidateContext,
): ConsolidateState {
  switch (action.type) {
    case 'escape':
      return { ...state, edit: undefined, message: undefined };
    case 'interrupt':
      return finish(state, context);
    case 'backspace':
      return { ...state, edit: { draft: [...draft].slice(0, -1).join('') } };
    case 'clear':
      return { ...state, edit: { draft: '' } };
    case 'enter': {
      const p = context.proposals[state.index];
      const text = draft.trim();
      const own = p.kind === 'dedupe' ? p.keep.text.trim() : undefined;
      const why = text === own ? undefined : textRefusal(text);
      if (why) return { ...state, message: why };
      const texts = state.texts.map((t, i) => (i === state.index ? (text === own ? undefined : text) : t));
      return { ...state, texts, edit: undefined, message: undefined };
    }
    case 'text':
      return { ...state, message: undefined, edit: { draft: draft + action.text } };
    default:
      return state;
  }
}

function pathStep(
  state: ConsolidateState,
  edit: EditState,
  action: KeyAction,
  context: ConsolidateContext,
): ConsolidateState {
  const p = context.proposals[state.index];
  if (p.kind !== 'refile') return { ...state, path: undefined };
  const result = pathEditStep(edit, action, context.leaves, [p.to]);
  switch (result.kind) {
    case 'editing':
      return { ...state, path: result.edit };
    case 'confirmed': {
      // moving a fact to where it is would move nothing: that is a rejection
      if (result.path === p.fact.path)
        return {
          ...state,
          path: { ...edit, error: `the fact is at ${p.fact.path} already: esc, then r to leave it there` },
        };
      const target = result.suggestion === 0 ? undefined : result.path;
      const targets = state.targets.map((t, i) => (i === state.index ? target : t));
      return decide({ ...state, targets }, context, { kind: 'accept' });
    }
    case 'back':
      return { ...state, path: undefined };
    case 'interrupt':
      return finish(state, context);
  }
}

/** The state after a key. */
export function consolidateStep(
  state: ConsolidateState,
  action: KeyAction,
  context: ConsolidateContext,
): ConsolidateState {
  if (state.outcome) return state;
  if (state.edit) return textStep(state, state.edit.draft, action, context);
  if (state.path) return pathStep(state, state.path, action, context);
  return listStep(state, action, context);
}
