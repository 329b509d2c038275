import { eachKeyTyped, type KeyAction, keyName } from '../keys.js';
import { nextPendingIndex, pendingIn } from './pending.js';
import type { LeafInfo } from '../types.js';
import type { CaptureDecision, CaptureItem } from '../../capture/types.js';
import { controlCharacterMessage, findControlCharacter } from '../../core/controlChars.js';
import { plural } from '../../core/words.js';
import { type EditState, emptyEdit, pathEditStep } from './pathEditState.js';

/*
 * The capture screen's state and its transitions, as a pure function of (state, key): the
 * screen maps Ink's key events to these actions and draws the state.
 *
 * Rules: a decision moves the focus to the next pending proposal, and the screen is over as
 * soon as none is pending (q, Esc and Ctrl-C end it sooner: what is still pending is left for
 * later, never lost). `e` only rewords a proposal; filing it is still enter, a digit or `p`.
 * `how` is the review screen's: `accepted` for the top suggestion, `picked` for another one,
 * `edited` for a leaf typed with `p` that is none of the suggestions.
 */

/** What was decided about a proposal, its text apart (that is `texts`). */
export type Verdict =
  | { kind: 'accept'; path: string; how: 'accepted' | 'picked' | 'edited' }
  | { kind: 'reject' }
  | { kind: 'later' };

export interface CaptureState {
  /** The focused proposal. */
  index: number;
  /** The focused proposal's highlighted suggestion (tab moves it; 0 whenever the focus moves). */
  highlighted: number;
  /** A verdict per proposal; undefined while pending. */
  verdicts: Array<Verdict | undefined>;
  /** A proposal's text as reworded with `e`; undefined while it is the proposed text. */
  texts: Array<string | undefined>;
  /** The text being typed after `e`. */
  edit?: { draft: string };
  /** The leaf being typed after `p`. */
  path?: EditState;
  /** Why the last key did nothing (no suggestion, an empty text), until the next key. */
  message?: string;
  /** Set once the screen is over: a decision per proposal, in order. */
  outcome?: CaptureDecision[];
}

export interface CaptureContext {
  items: readonly CaptureItem[];
  leaves: readonly LeafInfo[];
}

export function initialCaptureState(count: number): CaptureState {
  return {
    index: 0,
    highlighted: 0,
    verdicts: Array.from({ length: count }, () => undefined),
    texts: Array.from({ length: count }, () => undefined),
    // nothing to review is a review that is already over
    ...(count === 0 ? { outcome: [] } : {}),
  };
}

export const pendingCount = (state: CaptureState): number => pendingIn(state.verdicts);

/** The decisions as the screen resolves them: pending ones are left for later. */
export function captureDecisions(state: CaptureState, items: readonly CaptureItem[]): CaptureDecision[] {
  return items.map((item, i): CaptureDecision => {
    const verdict = state.verdicts[i] ?? { kind: 'later' };
    if (verdict.kind !== 'accept') return verdict;
    const text = state.texts[i];
    return { ...verdict, text: text ?? item.text, textEdited: text !== undefined };
  });
}

const NO_SUGGESTION = 'no suggestion for this one: press p to type its leaf';

function finish(state: CaptureState, context: CaptureContext): CaptureState {
  return {
    ...state,
    edit: undefined,
    path: undefined,
    message: undefined,
    outcome: captureDecisions(state, context.items),
  };
}

/** Focus on the first pending proposal after `from` (round the end), or finish when none is left. */
function nextPending(state: CaptureState, context: CaptureContext, from: number): CaptureState {
  const next = nextPendingIndex(state.verdicts, from);
  if (next === undefined) return finish(state, context);
  return { ...state, index: next, highlighted: 0 };
}

function decide(state: CaptureState, context: CaptureContext, verdict: Verdict): CaptureState {
  const verdicts = state.verdicts.map((v, i) => (i === state.index ? verdict : v));
  return nextPending(
    { ...state, verdicts, edit: undefined, path: undefined, message: undefined },
    context,
    state.index,
  );
}

/** Accepting suggestion i of the focused proposal: `accepted` for the first, `picked` for any other. */
function accept(state: CaptureState, context: CaptureContext, i: number): CaptureState {
  const candidates = context.items[state.index].candidates;
  if (candidates.length === 0) return { ...state, message: NO_SUGGESTION };
  const candidate = candidates[i];
  if (!candidate) return state;
  return decide(state, context, { kind: 'accept', path: candidate.path, how: i === 0 ? 'accepted' : 'picked' });
}

/** Every pending proposal at its top suggestion; those without one stay pending, focused. */
function acceptAll(state: CaptureState, context: CaptureContext): CaptureState {
  const verdicts = state.verdicts.map((v, i): Verdict | undefined => {
    const top = context.items[i].candidates[0];
    return v ?? (top ? { kind: 'accept', path: top.path, how: 'accepted' } : undefined);
  });
  const next = { ...state, verdicts, message: undefined };
  const left = pendingCount(next);
  if (left === 0) return finish(next, context);
  const first = verdicts.indexOf(undefined);
  return {
    ...next,
    index: first,
    highlighted: first === state.index ? state.highlighted : 0,
    message: `${plural(left, 'proposal')} without a suggestion still pending: press p to type a leaf, or x, s`,
  };
}

/** Back to pending; on a pending proposal, back to the proposed text. */
function undo(state: CaptureState): CaptureState {
  const i = state.index;
  if (state.verdicts[i]) return { ...state, verdicts: state.verdicts.map((v, k) => (k === i ? undefined : v)) };
  if (state.texts[i] !== undefined) return { ...state, texts: state.texts.map((t, k) => (k === i ? undefined : t)) };
  return { ...state, message: 'nothing to undo: this proposal is pending, with its proposed text' };
}

function listStep(state: CaptureState, action: KeyAction, context: CaptureContext): CaptureState {
  // keys typed ahead arrive together: each character is a key, and 'e' or 'p' may open an editor for the rest
  const typed = eachKeyTyped(state, action, (s, a) => captureStep(s, a, context));
  if (typed) return typed;
  const key = keyName(action);
  const item = context.items[state.index];
  const plain = { ...state, message: undefined };
  switch (key) {
    case 'up':
    case 'k':
      return { ...plain, index: Math.max(0, state.index - 1), highlighted: 0 };
    case 'down':
    case 'j':
      return { ...plain, index: Math.min(context.items.length - 1, state.index + 1), highlighted: 0 };
    case 'tab':
      return item.candidates.length === 0
        ? { ...state, message: NO_SUGGESTION }
        : { ...plain, highlighted: (state.highlighted + 1) % item.candidates.length };
    case 'enter':
    case 'a':
      return accept(plain, context, state.highlighted);
    case 'A':
      return acceptAll(plain, context);
    case 'x':
      return decide(plain, context, { kind: 'reject' });
    case 's':
      return decide(plain, context, { kind: 'later' });
    case 'u':
      return undo(plain);
    case 'e':
      return { ...plain, edit: { draft: state.texts[state.index] ?? item.text.trim() } };
    case 'p':
      return { ...plain, path: emptyEdit };
    case 'q':
    case 'escape':
    case 'interrupt':
      return finish(state, context);
    default:
      return /^[1-9]$/.test(key) ? accept(plain, context, Number(key) - 1) : state;
  }
}

function textStep(state: CaptureState, draft: string, action: KeyAction, context: CaptureContext): CaptureState {
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
      const text = draft.trim();
      if (text === '') return { ...state, message: 'the text is empty: type the fact, or esc to keep it as it was' };
      // a pasted C1 character, or one in the proposal the draft started from: never stored
      const control = findControlCharacter(text);
      if (control) return { ...state, message: controlCharacterMessage('the text', text, control) };
      const reworded = text === context.items[state.index].text.trim() ? undefined : text;
      const texts = state.texts.map((t, i) => (i === state.index ? reworded : t));
      return { ...state, texts, edit: undefined, message: undefined };
    }
    case 'text':
      return { ...state, message: undefined, edit: { draft: draft + action.text } };
    default:
      return state;
  }
}

function pathStep(state: CaptureState, edit: EditState, action: KeyAction, context: CaptureContext): CaptureState {
  const suggestions = context.items[state.index].candidates.map((c) => c.path);
  const result = pathEditStep(edit, action, context.leaves, suggestions);
  switch (result.kind) {
    case 'editing':
      return { ...state, path: result.edit };
    case 'confirmed':
      // a typed leaf that is one of the suggestions counts as that suggestion, as on the review screen
      return result.suggestion >= 0
        ? accept(state, context, result.suggestion)
        : decide(state, context, { kind: 'accept', path: result.path, how: 'edited' });
    case 'back':
      return { ...state, path: undefined };
    case 'interrupt':
      return finish(state, context);
  }
}

/** The state after a key. */
export function captureStep(state: CaptureState, action: KeyAction, context: CaptureContext): CaptureState {
  if (state.outcome) return state;
  if (state.edit) return textStep(state, state.edit.draft, action, context);
  if (state.path) return pathStep(state, state.path, action, context);
  return listStep(state, action, context);
}
