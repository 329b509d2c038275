import { describe, expect, it } from 'vitest';
import type { KeyAction } from '../../src/ui/keys.js';
import {
  consolidateDecisions,
  consolidateStep,
  initialConsolidateState,
  pendingCount,
  type ConsolidateState,
} from '../../src/ui/screens/consolidateState.js';
import { LEAVES, PROPOSALS } from './fixtures.js';

// PROPOSALS: 0 dedupe (safe), 1 dedupe, 2 retire (safe), 3 contradiction, 4 refile, 5 stale
const context = { proposals: PROPOSALS, leaves: LEAVES };
const ids = PROPOSALS.map((p) => p.id);

const text = (t: string): KeyAction => ({ type: 'text', text: t });
const key = (type: Exclude<KeyAction['type'], 'text'>) => ({ type }) as KeyAction;
const press = (state: ConsolidateState, ...actions: KeyAction[]) =>
  actions.reduce((s, a) => consolidateStep(s, a, context), state);
const start = initialConsolidateState(PROPOSALS.length);
/** The state focused on proposal i, nothing decided. */
const at = (i: number) => press(start, ...Array.from({ length: i }, () => text('j')));
const skipped = (id: string) => ({ id, action: 'skip' });

describe('consolidateStep: deciding', () => {
  it('enter and a accept a dedupe, a retire and a refile as proposed, and move to the next pending one', () => {
    const s = press(start, key('enter'));
    expect(s.verdicts[0]).toEqual({ kind: 'accept' });
    expect(s.index).toBe(1);
    expect(press(at(2), text('a')).verdicts[2]).toEqual({ kind: 'accept' });
    expect(press(at(4), key('enter')).verdicts[4]).toEqual({ kind: 'accept' });
  });

  it('r rejects and s leaves for later; the next pending one is focused, round the end', () => {
    const s = press(at(5), text('r'));
    expect(s.verdicts[5]).toEqual({ kind: 'reject' });
    expect(s.index).toBe(0);
    const t = press(s, text('s'));
    expect(t.verdicts[0]).toEqual({ kind: 'skip' });
    expect(t.index).toBe(1);
  });

  it('a contradiction is not accepted by enter or a: 1 or 2 keeps that fact', () => {
    for (const k of [key('enter'), text('a')]) {
      const s = press(at(3), k);
      expect(s.verdicts[3]).toBeUndefined();
      expect(s.index).toBe(3);
      expect(s.message).toMatch(/press 1 or 2/);
    }
    expect(press(at(3), text('1')).verdicts[3]).toEqual({ kind: 'accept', keep: 'e000000001' });
    expect(press(at(3), text('2')).verdicts[3]).toEqual({ kind: 'accept', keep: 'e000000002' });
    expect(press(at(3), text('r')).verdicts[3]).toEqual({ kind: 'reject' });
  });

  it('a stale value is never accepted: only rejected or left for later', () => {
    for (const k of [key('enter'), text('a'), text('1')]) {
      const s = press(at(5), k);
      expect(s.verdicts[5]).toBeUndefined();
    }
    expect(press(at(5), text('a')).message).toMatch(/a flag/);
    expect(press(at(5), text('s')).verdicts[5]).toEqual({ kind: 'skip' });
  });

  it('1 and 2 do nothing where there is no fact to keep', () => {
    for (const i of [0, 1, 2, 4]) expect(press(at(i), text('2'))).toEqual(at(i));
  });

  it('moves with ↑↓ and j/k, never past the ends; a decided proposal can be decided again', () => {
    expect(press(start, key('up'), text('k')).index).toBe(0);
    expect(press(start, ...Array.from({ length: 9 }, () => key('down'))).index).toBe(5);
    const s = press(start, text('r'), text('k'));
    expect(s.index).toBe(0);
    expect(press(s, key('enter')).verdicts[0]).toEqual({ kind: 'accept' });
  });

  it('u makes the focused proposal pending again; on a pending one it brings back what was proposed', () => {
    const s = press(start, text('r'), text('k'), text('u'));
    expect(s.verdicts[0]).toBeUndefined();
    const reworded = press(start, text('e'), key('clear'), text('Neovim, always'), key('enter'));
    expect(reworded.texts[0]).toBe('Neovim, always');
    expect(press(reworded, text('u')).texts[0]).toBeUndefined();
    expect(press(start, text('u')).message).toMatch(/nothing to undo/);
  });

  it('finishes by itself once none is pending, with a decision per proposal in order', () => {
    const s = press(start, text('a'), text('r'), text('a'), text('2'), text('a'), text('s'));
    expect(s.outcome).toEqual([
      { id: ids[0], action: 'accept' },
      { id: ids[1], action: 'reject' },
      { id: ids[2], action: 'accept' },
      { id: ids[3], action: 'accept', keep: 'e000000002' },
      { id: ids[4], action: 'accept' },
      { id: ids[5], action: 'skip' },
    ]);
    // and no key changes anything after that
    expect(press(s, text('u'), text('q'))).toBe(s);
  });

  it('q, Esc and Ctrl-C finish: what is still pending is skipped', () => {
    for (const quit of [text('q'), key('escape'), key('interrupt')]) {
      expect(press(start, text('r'), quit).outcome).toEqual([
        { id: ids[0], action: 'reject' },
        ...ids.slice(1).map(skipped),
      ]);
    }
  });

  it('keys typed ahead count one by one, and e takes the rest as text', () => {
    const s = press(start, text('re'), key('clear'), text('jkq'));
    expect(s.verdicts[0]).toEqual({ kind: 'reject' });
    expect(s.edit).toEqual({ draft: 'jkq' });
  });
});

describe('consolidateStep: A accepts what a rule settles', () => {
  it('accepts every pending safe proposal; the others stay pending, the first of them focused', () => {
    const s = press(start, text('A'));
    expect(s.verdicts).toEqual([{ kind: 'accept' }, undefined, { kind: 'accept' }, undefined, undefined, undefined]);
    expect(s.index).toBe(1);
    expect(s.message).toBe('2 safe proposals accepted; 4 proposals left for you to decide');
    expect(s.outcome).toBeUndefined();
  });

  it('leaves a safe proposal already decided as it was', () => {
    expect(press(start, text('r'), text('A')).verdicts[0]).toEqual({ kind: 'reject' });
  });

  it('says so when nothing pending is safe', () => {
    const s = press(start, text('A'), text('A'));
    expect(s.message).toMatch(/no pending proposal is one a rule settles/);
  });

  it('finishes when every pending proposal was safe', () => {
    const safe = { proposals: [PROPOSALS[0], PROPOSALS[2]], leaves: LEAVES };
    const s = consolidateStep(initialConsolidateState(2), text('A'), safe);
    expect(s.outcome).toEqual([
      { id: ids[0], action: 'accept' },
      { id: ids[2], action: 'accept' },
    ]);
  });
});

describe('consolidateStep: rewording the fact a dedupe keeps', () => {
  it('e starts from the kept text; enter rewords it without deciding; accepting carries the text', () => {
    const editing = press(start, text('e'));
    expect(editing.edit).toEqual({ draft: 'Uses Neovim for everything' });
    const typed = press(editing, key('clear'), text('Uses Neovim for all editing'), text('!'), key('backspace'));
    const reworded = press(typed, key('enter'));
    expect(reworded.texts[0]).toBe('Uses Neovim for all editing');
    expect(reworded.verdicts[0]).toBeUndefined();
    expect(reworded.edit).toBeUndefined();
    expect(press(reworded, key('enter'), text('q')).outcome?.[0]).toEqual({
      id: ids[0],
      action: 'accept',
      text: 'Uses Neovim for all editing',
    });
  });

  it('a reworded text goes with an accept only: rejected or skipped, it is not sent', () => {
    const s = press(start, text('e'), text(' daily'), key('enter'), text('r'), text('q'));
    expect(s.outcome?.[0]).toEqual({ id: ids[0], action: 'reject' });
  });

  it('Esc cancels; the same text again is no rewording; an empty text or a control character is refused', () => {
    const editing = press(start, text('e'));
    expect(press(editing, text(' daily'), key('escape'))).toMatchObject({ edit: undefined, texts: start.texts });
    expect(press(editing, key('enter')).texts[0]).toBeUndefined();
    expect(press(editing, key('clear'), key('enter')).message).toMatch(/the text is empty/);
    expect(press(editing, text('\u009b'), key('enter')).message).toMatch(/control character/);
  });

  it('Ctrl-C while editing finishes, the draft dropped', () => {
    const s = press(start, text('e'), text(' daily'), key('interrupt'));
    expect(s.outcome).toEqual(ids.map(skipped));
  });

  it('e on a retire, a contradiction or a stale value says there is nothing to edit', () => {
    for (const i of [2, 3, 5]) {
      const s = press(at(i), text('e'));
      expect(s.edit).toBeUndefined();
      expect(s.path).toBeUndefined();
      expect(s.message).toMatch(/nothing to edit/);
    }
  });
});

describe('consolidateStep: choosing the leaf of a refile', () => {
  const choosing = press(at(4), text('e'));

  it('e opens the path editor; tab completes; enter accepts the move there', () => {
    expect(choosing.path).toEqual({ draft: '', highlighted: 0, moved: false });
    const s = press(choosing, text('preferences.tools.ed'), key('tab'));
    expect(s.path?.draft).toBe('preferences.tools.editor');
    const done = press(s, key('enter'));
    expect(done.path).toBeUndefined();
    expect(done.verdicts[4]).toEqual({ kind: 'accept' });
    expect(done.targets[4]).toBe('preferences.tools.editor');
    expect(consolidateDecisions(done, PROPOSALS)[4]).toEqual({
      id: ids[4],
      action: 'accept',
      to: 'preferences.tools.editor',
    });
  });

  it('the proposed leaf typed is the proposal as it was: no `to`', () => {
    const s = press(choosing, text('preferences.ui.theme'), key('enter'));
    expect(s.verdicts[4]).toEqual({ kind: 'accept' });
    expect(consolidateDecisions(s, PROPOSALS)[4]).toEqual({ id: ids[4], action: 'accept' });
  });

  it('refuses what is not a leaf, an empty path, and the leaf the fact is at; Esc goes back undecided', () => {
    expect(press(choosing, text('preferences'), key('enter')).path?.error).toMatch(/^not a leaf: preferences/);
    expect(press(choosing, key('enter')).path?.error).toBe('type a leaf path, or esc to go back');
    const here = press(choosing, text('preferences.ui.font'), key('enter'));
    expect(here.path?.error).toMatch(/already/);
    expect(here.verdicts[4]).toBeUndefined();
    expect(press(choosing, text('font'), key('escape'))).toMatchObject({ path: undefined, verdicts: start.verdicts });
  });

  it('↑↓ choose among the matches, and Ctrl-C finishes', () => {
    expect(press(choosing, text('diet'), key('down'), key('tab')).path?.draft).toBe('health.diet.allergies');
    expect(press(choosing, text('diet'), key('interrupt')).outcome).toEqual(ids.map(skipped));
  });
});

describe('consolidateDecisions', () => {
  it('reads pending proposals as skipped', () => {
    const s = press(start, text('a'));
    expect(pendingCount(s)).toBe(5);
    expect(consolidateDecisions(s, PROPOSALS)).toEqual([
      { id: ids[0], action: 'accept' },
      ...ids.slice(1).map(skipped),
    ]);
  });

  it('no proposals: over before it starts', () => {
    expect(initialConsolidateState(0).outcome).toEqual([]);
  });
});
