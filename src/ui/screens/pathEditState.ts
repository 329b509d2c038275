import { complete, matchLeaves, SHOWN_MATCHES } from '../completion.js';
import type { KeyAction } from '../keys.js';
import type { LeafInfo } from '../types.js';

/*
 * The path editor that the review and capture screens open to type a leaf: its state and its
 * keys, as a pure function. Each screen decides what confirming, leaving or interrupting means.
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

export const emptyEdit: EditState = { draft: '', highlighted: 0, moved: false };

/** The matches the editor shows for a draft. */
export function shownMatches(draft: string, leaves: readonly LeafInfo[]): { shown: LeafInfo[]; total: number } {
  const all = matchLeaves(draft, leaves);
  return { shown: all.slice(0, SHOWN_MATCHES), total: all.length };
}

/** What a key did to the editor: still editing, a leaf confirmed, back to the list, or Ctrl-C. */
export type PathEditResult =
  | { kind: 'editing'; edit: EditState }
  | { kind: 'confirmed'; path: string; suggestion: number }
  | { kind: 'back' }
  | { kind: 'interrupt' };

/**
 * The editor after a key. Enter confirms a path that is one of `suggestions` (its index) or a
 * leaf (`suggestion` -1); anything else stays open with the reason.
 */
export function pathEditStep(
  edit: EditState,
  action: KeyAction,
  leaves: readonly LeafInfo[],
  suggestions: readonly string[],
): PathEditResult {
  const { shown } = shownMatches(edit.draft, leaves);
  const retype = (draft: string): PathEditResult => ({
    kind: 'editing',
    edit: { draft, highlighted: 0, moved: false },
  });
  switch (action.type) {
    case 'up':
    case 'down': {
      if (shown.length === 0) return { kind: 'editing', edit };
      const step = action.type === 'up' ? -1 : 1;
      const highlighted = Math.max(0, Math.min(shown.length - 1, edit.highlighted + step));
      return { kind: 'editing', edit: { ...edit, highlighted, moved: true } };
    }
    case 'tab':
      return retype(complete(edit.draft, shown, edit.highlighted, edit.moved));
    case 'enter': {
      const path = edit.draft.trim();
      // a typed leaf that is one of the suggestions counts as that suggestion
      const suggestion = suggestions.indexOf(path);
      if (suggestion >= 0) return { kind: 'confirmed', path, suggestion };
      if (leaves.some((leaf) => leaf.path === path)) return { kind: 'confirmed', path, suggestion: -1 };
      const hint = shownMatches(path, leaves).total > 0 ? '; tab completes to the highlighted match' : '';
      const error = path === '' ? 'type a leaf path, or esc to go back' : `not a leaf: ${path}${hint}`;
      return { kind: 'editing', edit: { ...edit, error } };
    }
    case 'escape':
      return { kind: 'back' };
    case 'backspace':
      return retype(edit.draft.slice(0, -1));
    case 'clear':
      return retype('');
    case 'interrupt':
      return { kind: 'interrupt' };
    case 'text': {
      // typed or pasted: keep what can be part of a path, drop control characters and line breaks
      const text = action.text.replace(/[\u0000-\u001f\u007f]/g, '');
      return text === '' ? { kind: 'editing', edit } : retype(edit.draft + text);
    }
    default:
      return { kind: 'editing', edit };
  }
}
