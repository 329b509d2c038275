import type { Key } from 'ink';

/** A key press as the screens understand it, whatever the terminal sent. */
export type KeyAction =
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'enter' }
  | { type: 'tab' }
  | { type: 'escape' }
  | { type: 'backspace' }
  | { type: 'clear' } // Ctrl-U
  | { type: 'interrupt' } // Ctrl-C: in raw mode it is a key, not a signal
  | { type: 'text'; text: string };

/** A key's name as the screens' key tables spell it: the character typed, or the key ('up', 'enter'). */
export const keyName = (action: KeyAction): string => (action.type === 'text' ? action.text : action.type);

/**
 * Text typed ahead arrives as one action: each character stepped as a key of its own, so one that
 * opens an editor ('e') sends the rest into it. Undefined for a single key.
 */
export function eachKeyTyped<S>(state: S, action: KeyAction, step: (state: S, action: KeyAction) => S): S | undefined {
  if (action.type !== 'text' || [...action.text].length <= 1) return undefined;
  return [...action.text].reduce((s, ch) => step(s, { type: 'text', text: ch }), state);
}

const CONTROL = new Map<string, KeyAction>([
  ['\r', { type: 'enter' }],
  ['\n', { type: 'enter' }],
  ['\t', { type: 'tab' }],
  ['\u007f', { type: 'backspace' }],
  ['\b', { type: 'backspace' }],
  ['\u0003', { type: 'interrupt' }],
  ['\u0015', { type: 'clear' }],
]);

/**
 * Ink's key event as actions. Keys typed ahead (or pasted) arrive as one event: they are split
 * into runs of text and the control keys among them, so "j" then Enter is a move and an accept.
 * Other control characters and Alt combinations mean nothing.
 */
export function toActions(input: string, key: Key): KeyAction[] {
  if (key.ctrl && input === 'c') return [{ type: 'interrupt' }];
  if (key.ctrl && input === 'u') return [{ type: 'clear' }];
  if (key.upArrow) return [{ type: 'up' }];
  if (key.downArrow) return [{ type: 'down' }];
  if (key.return) return [{ type: 'enter' }];
  if (key.tab) return [{ type: 'tab' }];
  if (key.escape) return [{ type: 'escape' }];
  if (key.backspace || key.delete) return [{ type: 'backspace' }];
  if (key.ctrl || key.meta) return [];
  const actions: KeyAction[] = [];
  for (const part of input.split(/([\u0000-\u001f\u007f])/)) {
    if (part === '') continue;
    const control = CONTROL.get(part);
    if (control) actions.push(control);
    else if (!/^[\u0000-\u001f\u007f]$/.test(part)) actions.push({ type: 'text', text: part });
  }
  return actions;
}
