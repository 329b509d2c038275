import { describe, expect, it } from 'vitest';
import type { KeyAction } from '../../src/ui/keys.js';
import { conflictStep, initialConflictState, type ConflictState } from '../../src/ui/screens/conflictState.js';
import { CONFLICTS } from './conflictFixtures.js';

const text = (t: string): KeyAction => ({ type: 'text', text: t });
const press = (state: ConflictState, ...actions: KeyAction[]) =>
  actions.reduce((s, a) => conflictStep(s, a, CONFLICTS), state);
const start = initialConflictState(CONFLICTS);

describe('conflictStep', () => {
  it('o, t, b decide the focused conflict and move to the next undecided one', () => {
    const s = press(start, text('o'));
    expect(s.decisions).toEqual({ '1a2b3c4': { kind: 'ours' } });
    expect(s.index).toBe(1);
    const t = press(s, text('b'), text('t'));
    expect(t.decisions).toEqual({
      '1a2b3c4': { kind: 'ours' },
      '5d6e7f8': { kind: 'both' },
      '9a0b1c2': { kind: 'theirs' },
    });
    expect(t.outcome).toBeUndefined();
  });

  it('b is refused at a one leaf, with a message', () => {
    const s = press(start, text('b'));
    expect(s.decisions).toEqual({});
    expect(s.message).toMatch(/holds one value/);
  });

  it('arrows and j/k move within the list, never past its ends', () => {
    expect(press(start, { type: 'down' }, text('j'), text('j')).index).toBe(2);
    expect(press(start, { type: 'down' }, { type: 'up' }, text('k')).index).toBe(0);
  });

  it('Enter finishes only once every conflict has a decision', () => {
    const early = press(start, text('o'), { type: 'enter' });
    expect(early.outcome).toBeUndefined();
    expect(early.message).toBe('2 conflicts still need a decision');
    const done = press(start, text('o'), text('t'), text('o'), { type: 'enter' });
    expect(done.outcome).toEqual({
      done: true,
      decisions: { '1a2b3c4': { kind: 'ours' }, '5d6e7f8': { kind: 'theirs' }, '9a0b1c2': { kind: 'ours' } },
    });
  });

  it('q, Esc and Ctrl-C leave with the decisions made so far', () => {
    for (const quit of [text('q'), { type: 'escape' } as KeyAction, { type: 'interrupt' } as KeyAction]) {
      expect(press(start, text('t'), quit).outcome).toEqual({
        done: false,
        decisions: { '1a2b3c4': { kind: 'theirs' } },
      });
    }
  });

  it('e edits, starting from our text: typing, backspace, Ctrl-U; Enter records it, Esc cancels', () => {
    const editing = press(start, { type: 'down' }, text('e'));
    expect(editing.edit).toEqual({ draft: 'Likes thin-crust pizza' });
    const typed = press(editing, { type: 'clear' }, text('Any pizz'), text('x'), { type: 'backspace' }, text('a'));
    expect(typed.edit).toEqual({ draft: 'Any pizza' });
    const recorded = press(typed, { type: 'enter' });
    expect(recorded.decisions['5d6e7f8']).toEqual({ kind: 'text', text: 'Any pizza' });
    expect(recorded.edit).toBeUndefined();
    expect(press(editing, text('!'), { type: 'escape' })).toMatchObject({ edit: undefined, decisions: {} });
    expect(press(editing, { type: 'clear' }, { type: 'enter' }).message).toBe('the text is empty');
  });

  it('typed-ahead keys count one by one', () => {
    expect(press(start, text('otoq')).outcome).toEqual({
      done: false,
      decisions: { '1a2b3c4': { kind: 'ours' }, '5d6e7f8': { kind: 'theirs' }, '9a0b1c2': { kind: 'ours' } },
    });
  });

  it('a resumed merge starts at the first undecided conflict with the earlier decisions', () => {
    const resumed = initialConflictState(CONFLICTS, { '1a2b3c4': { kind: 'ours' } });
    expect(resumed.index).toBe(1);
    expect(press(resumed, text('t'), text('t'), { type: 'enter' }).outcome?.done).toBe(true);
  });
});
