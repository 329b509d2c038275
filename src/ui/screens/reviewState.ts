import { complete, matchLeaves, SHOWN_MATCHES } from '../completion.js';
import type { KeyAction } from '../keys.js';
import type { LeafInfo, ReviewDecision, ReviewItem, ReviewOutcome } from '../types.js';

/*
 * The review screen's state and its transitions, as a pure function of (state, key): the
 * screen only maps Ink's key events to these actions and draws the state.
 */

export interface EditState {
  draft: string;
  /** The highlighted match, an index into the shown matches. */
  highlighted: number;
  /** The person moved the highlight: Tab takes it rather than the common prefix. */
  moved: boolean;
  /** Why Enter was refused, until the draft changes. */
  error?: string;
}

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

/** The matches the editor shows for a draft. */
export function shownMatches(draft: string, leaves: readonly LeafInfo[]): { shown: LeafInfo[]; total: number } {
  const all = matchLeaves(draft, leaves);
  return { shown: all.slice(0, SHOWN_MATCHES), total: all.length };
}

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
  if (action.type === 'text' && [...action.text].length > 1) {
    return [...action.text].reduce((s, ch) => reviewStep(s, { type: 'text', text: ch }, context), state);
  }
  const key = action.type === 'text' ? action.text : action.type;
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
      return { ...state, edit: { draft: '', highlighted: 0, moved: false } };
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

function confirmEdit(state: ReviewState, edit: EditState, context: ReviewContext): ReviewState {
  const path = edit.draft.trim();
  const suggestion = context.items[state.index].candidates.findIndex((c) => c.path === path);
  if (suggestion >= 0) return accept(state, context, suggestion);
  if (!context.leaves.some((leaf) => leaf.path === path)) {
    const hint = shownMatches(path, context.leaves).total > 0 ? '; tab completes to the highlighted match' : '';
    const error = path === '' ? 'type a leaf path, or esc to go back' : `not a leaf: ${path}${hint}`;
    return { ...state, edit: { ...edit, error } };
  }
  return decide(state, context, { kind: 'accept', path, how: 'edited' });
}

function editStep(state: ReviewState, edit: EditState, action: KeyAction, context: ReviewContext): ReviewState {
  const { shown } = shownMatches(edit.draft, context.leaves);
  const retype = (draft: string): ReviewState => ({ ...state, edit: { draft, highlighted: 0, moved: false } });
  switch (action.type) {
    case 'up':
    case 'down': {
      if (shown.length === 0) return state;
      const step = action.type === 'up' ? -1 : 1;
      const highlighted = Math.max(0, Math.min(shown.length - 1, edit.highlighted + step));
      return { ...state, edit: { ...edit, highlighted, moved: true } };
    }
    case 'tab':
      return retype(complete(edit.draft, shown, edit.highlighted, edit.moved));
    case 'enter':
      return confirmEdit(state, edit, context);
    case 'escape':
      return { ...state, edit: undefined };
    case 'backspace':
      return retype(edit.draft.slice(0, -1));
    case 'clear':
      return retype('');
    case 'interrupt':
      return { ...state, outcome: { aborted: true } };
    case 'text': {
      // typed or pasted: keep what can be part of a path, drop control characters and line breaks
      const text = action.text.replace(/[\u0000-\u001f\u007f]/g, '');
      return text === '' ? state : retype(edit.draft + text);
    }
  }
}

/** The state after a key. */
export function reviewStep(state: ReviewState, action: KeyAction, context: ReviewContext): ReviewState {
  if (state.outcome) return state;
  return state.edit ? editStep(state, state.edit, action, context) : listStep(state, action, context);
}
