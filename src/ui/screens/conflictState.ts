import { plural } from '../../core/words.js';
import type { Decision } from '../../core/merge.js';
import { eachKeyTyped, type KeyAction, keyName } from '../keys.js';
import { controlCharacterMessage, findControlCharacter } from '../../core/controlChars.js';

/*
 * The conflict screen's state and its transitions, as a pure function of (state, key): the
 * screen maps Ink's key events to these actions and draws the state.
 */

export interface ConflictItem {
  id: string;
  cardinality: 'one' | 'many';
  ours: { text: string } | null;
  theirs: { text: string } | null;
  base: { text: string } | null;
}

export interface ConflictState {
  /** The focused conflict. */
  index: number;
  decisions: Record<string, Decision>;
  /** The text being typed after `e`. */
  edit?: { draft: string };
  /** Why the last key was refused (Enter too early, `b` at a one-value leaf), until the next key. */
  message?: string;
  /** Set once the screen is over: `done` when Enter wrote every decision, else left with q/Esc. */
  outcome?: { done: boolean; decisions: Record<string, Decision> };
}

export function initialConflictState(
  items: readonly ConflictItem[],
  decisions: Record<string, Decision> = {},
): ConflictState {
  const first = items.findIndex((c) => !decisions[c.id]);
  return { index: Math.max(0, first), decisions: { ...decisions } };
}

export const undecided = (state: ConflictState, items: readonly ConflictItem[]): number =>
  items.filter((c) => !state.decisions[c.id]).length;

/** Records a decision for the focused conflict and moves to the next one still open (if any). */
function decide(state: ConflictState, items: readonly ConflictItem[], decision: Decision): ConflictState {
  const decisions = { ...state.decisions, [items[state.index].id]: decision };
  const after = [...items.keys()].map((k) => (state.index + 1 + k) % items.length).find((i) => !decisions[items[i].id]);
  return { index: after ?? state.index, decisions };
}

function editStep(state: ConflictState, action: KeyAction, items: readonly ConflictItem[]): ConflictState {
  const draft = state.edit!.draft;
  switch (action.type) {
    case 'escape':
      return { ...state, edit: undefined };
    case 'interrupt':
      return { ...state, edit: undefined, outcome: { done: false, decisions: state.decisions } };
    case 'backspace':
      return { ...state, edit: { draft: [...draft].slice(0, -1).join('') } };
    case 'clear':
      return { ...state, edit: { draft: '' } };
    case 'enter': {
      if (draft.trim() === '') return { ...state, message: 'the text is empty' };
      // a pasted C1 character, or one in the fact the draft started from: never stored
      const control = findControlCharacter(draft);
      if (control) return { ...state, message: controlCharacterMessage('the text', draft, control) };
      return decide({ ...state, edit: undefined }, items, { kind: 'text', text: draft.trim() });
    }
    case 'text':
      return { ...state, message: undefined, edit: { draft: draft + action.text } };
    default:
      return state;
  }
}

export function conflictStep(state: ConflictState, action: KeyAction, items: readonly ConflictItem[]): ConflictState {
  if (state.outcome || items.length === 0) return state;
  if (state.edit) return editStep(state, action, items);
  const typed = eachKeyTyped(state, action, (s, a) => conflictStep(s, a, items));
  if (typed) return typed;
  const key = keyName(action);
  const focused = items[state.index];
  const plain = { ...state, message: undefined };
  switch (key) {
    case 'up':
    case 'k':
      return { ...plain, index: Math.max(0, state.index - 1) };
    case 'down':
    case 'j':
      return { ...plain, index: Math.min(items.length - 1, state.index + 1) };
    case 'o':
      return decide(plain, items, { kind: 'ours' });
    case 't':
      return decide(plain, items, { kind: 'theirs' });
    case 'b':
      if (focused.cardinality === 'one')
        return { ...state, message: 'this leaf holds one value: keep ours (o), take theirs (t) or edit (e)' };
      return decide(plain, items, { kind: 'both' });
    case 'e':
      return { ...plain, edit: { draft: (focused.ours ?? focused.theirs ?? focused.base)?.text ?? '' } };
    case 'enter': {
      const open = undecided(state, items);
      if (open > 0)
        return {
          ...state,
          message: `${plural(open, 'conflict')} still need${open === 1 ? 's' : ''} a decision`,
        };
      return { ...plain, outcome: { done: true, decisions: state.decisions } };
    }
    case 'q':
    case 'escape':
    case 'interrupt':
      return { ...plain, outcome: { done: false, decisions: state.decisions } };
    default:
      return state;
  }
}
