import { type EditState, emptyEdit, pathEditStep } from './pathEditState.js';
import { eachKeyTyped, type KeyAction, keyName } from '../keys.js';
import type { LeafInfo, ReviewDecision, ReviewItem, ReviewOutcome } from '../types.js';

export { type EditState, shownMatches } from './pathEditState.js';

/*
 * The review screen's state and its transitions, as a pure function of (state, key): the
 * screen only maps Ink's key events to these actions and draws the state.
 */

export interface ReviewState {
  /** The fact under review. */
  index: number;
  /** The highlighted suggestion. */
  highlighted: number;
  /** Set while the path editor is open. */
  edit?: EditState;
  decisions: ReviewDecision[];
  /** Set once the review is over; no key changes anything after that. */
  outcome?: ReviewOutcome;
}

export interface ReviewContext {
  items: readonly ReviewItem[];
  leaves: readonly LeafInfo[];
}

export const initialReviewState: ReviewState = { index: 0, highlighted: 0, decisions: [] };

function decide(state: ReviewState, context: ReviewContext, decision: ReviewDecision): ReviewState {
  const decisions = [...state.decisions, decision];
  if (state.index + 1 >= context.items.length)
    return { ...state, edit: undefined, decisions, outcome: { aborted: false, decisions } };
  return { index: state.index + 1, highlighted: 0, decisions };
}

/** Accepting suggestion i: `accepted` for the first, `picked` for any other. */
function accept(state: ReviewState, context: ReviewContext, i: number): ReviewState {
  const candidate = context.items[state.index].candidates[i];
  if (!candidate) return state;
  return decide(state, context, { kind: 'accept', path: candidate.path, how: i === 0 ? 'accepted' : 'picked' });
}

function listStep(state: ReviewState, action: KeyAction, context: ReviewContext): ReviewState {
  const count = context.items[state.index].candidates.length;
  // keys typed ahead arrive together: each character is a key, and 'e' may open the editor for the rest
  const typed = eachKeyTyped(state, action, (s, a) => reviewStep(s, a, context));
  if (typed) return typed;
  const key = keyName(action);
  switch (key) {
    case 'up':
    case 'k':
      return { ...state, highlighted: Math.max(0, state.highlighted - 1) };
    case 'down':
    case 'j':
      return { ...state, highlighted: Math.max(0, Math.min(count - 1, state.highlighted + 1)) };
    case 'enter':
      return accept(state, context, state.highlighted);
    case 'e':
      return { ...state, edit: emptyEdit };
    case 's':
      return decide(state, context, { kind: 'skip' });
    case 'q':
    case 'escape':
    case 'interrupt':
      return { ...state, outcome: { aborted: true } };
    default:
      return /^[1-9]$/.test(key) ? accept(state, context, Number(key) - 1) : state;
  }
}

function editStep(state: ReviewState, edit: EditState, action: KeyAction, context: ReviewContext): ReviewState {
  const suggestions = context.items[state.index].candidates.map((c) => c.path);
  const result = pathEditStep(edit, action, context.leaves, suggestions);
  switch (result.kind) {
    case 'editing':
      return { ...state, edit: result.edit };
    case 'confirmed':
      return result.suggestion >= 0
        ? accept(state, context, result.suggestion)
        : decide(state, context, { kind: 'accept', path: result.path, how: 'edited' });
    case 'back':
      return { ...state, edit: undefined };
    case 'interrupt':
      return { ...state, outcome: { aborted: true } };
  }
}

/** The state after a key. */
export function reviewStep(state: ReviewState, action: KeyAction, context: ReviewContext): ReviewState {
  if (state.outcome) return state;
  return state.edit ? editStep(state, state.edit, action, context) : listStep(state, action, context);
}
