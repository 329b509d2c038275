import { describe, expect, it } from 'vitest';
import type { CaptureItem } from '../../src/capture/types.js';
import type { KeyAction } from '../../src/ui/keys.js';
import {
  captureDecisions,
  captureStep,
  initialCaptureState,
  pendingCount,
  type CaptureState,
} from '../../src/ui/screens/captureState.js';
import { LEAVES } from './fixtures.js';

const turn = (number: number, text: string) => ({ number, speaker: 'Dana', text });
const candidate = (path: string, confidence: number) => ({ path, confidence, description: '' });

/** Three proposals: two suggestions, one suggestion, none. */
const ITEMS: CaptureItem[] = [
  {
    text: 'Dana is allergic to peanuts',
    turn: turn(2, 'I am allergic to peanuts'),
    candidates: [candidate('health.diet.allergies', 0.9), candidate('health.diet.restrictions', 0.4)],
  },
  {
    text: 'Dana prefers dark mode',
    turn: turn(4, 'dark mode everywhere please'),
    candidates: [candidate('preferences.ui.theme', 0.8)],
  },
  { text: 'Dana ran a marathon in May', turn: turn(7, 'I ran the marathon in May'), candidates: [] },
];
const context = { items: ITEMS, leaves: LEAVES };

const text = (t: string): KeyAction => ({ type: 'text', text: t });
const key = (type: Exclude<KeyAction['type'], 'text'>) => ({ type }) as KeyAction;
const press = (state: CaptureState, ...actions: KeyAction[]) =>
  actions.reduce((s, a) => captureStep(s, a, context), state);
const start = initialCaptureState(ITEMS.length);

describe('captureStep: deciding', () => {
  it('enter and a accept at the highlighted suggestion (accepted at the top, picked below) and move to the next pending', () => {
    const s = press(start, key('enter'));
    expect(s.verdicts[0]).toEqual({ kind: 'accept', path: 'health.diet.allergies', how: 'accepted' });
    expect(s.index).toBe(1);
    const t = press(start, key('tab'), text('a'));
    expect(t.verdicts[0]).toEqual({ kind: 'accept', path: 'health.diet.restrictions', how: 'picked' });
  });

  it('tab goes round the suggestions; moving the focus brings the highlight back to the top', () => {
    expect(press(start, key('tab')).highlighted).toBe(1);
    expect(press(start, key('tab'), key('tab')).highlighted).toBe(0);
    expect(press(start, key('tab'), text('j'), text('k')).highlighted).toBe(0);
  });

  it('digits pick; a digit with no suggestion behind it does nothing', () => {
    expect(press(start, text('2')).verdicts[0]).toEqual({
      kind: 'accept',
      path: 'health.diet.restrictions',
      how: 'picked',
    });
    expect(press(start, text('3'))).toEqual(start);
  });

  it('x rejects, s leaves for later; the next pending one is focused, round the end of the list', () => {
    const s = press(start, text('j'), text('j'), text('x'));
    expect(s.verdicts).toEqual([undefined, undefined, { kind: 'reject' }]);
    expect(s.index).toBe(0);
    expect(press(s, text('s')).verdicts[0]).toEqual({ kind: 'later' });
  });

  it('a proposal without a suggestion is not accepted by enter, a, a digit or tab: it says to type a leaf', () => {
    const at = press(start, text('j'), text('j'));
    for (const k of [key('enter'), text('a'), text('1'), key('tab')]) {
      const s = press(at, k);
      expect(s.verdicts[2]).toBeUndefined();
      expect(s.message).toMatch(/press p/);
    }
  });

  it('finishes by itself once none is pending, with a decision per proposal in order', () => {
    const s = press(start, text('1'), text('x'), text('s'));
    expect(s.outcome).toEqual([
      {
        kind: 'accept',
        text: 'Dana is allergic to peanuts',
        path: 'health.diet.allergies',
        how: 'accepted',
        textEdited: false,
      },
      { kind: 'reject' },
      { kind: 'later' },
    ]);
    // and no key changes anything after that
    expect(press(s, text('u'), text('q'))).toBe(s);
  });

  it('q, Esc and Ctrl-C finish with what is still pending left for later', () => {
    for (const quit of [text('q'), key('escape'), key('interrupt')]) {
      expect(press(start, text('x'), quit).outcome).toEqual([{ kind: 'reject' }, { kind: 'later' }, { kind: 'later' }]);
    }
  });

  it('A accepts every pending proposal at its top suggestion; one without a suggestion stays pending, focused', () => {
    const s = press(start, text('j'), text('x'), text('A'));
    expect(s.verdicts).toEqual([
      { kind: 'accept', path: 'health.diet.allergies', how: 'accepted' },
      { kind: 'reject' },
      undefined,
    ]);
    expect(s.index).toBe(2);
    expect(s.message).toBe('1 proposal without a suggestion still pending: press p to type a leaf, or x, s');
    expect(s.outcome).toBeUndefined();
    expect(press(s, text('s')).outcome).toHaveLength(3);
  });

  it('A with every pending proposal suggested finishes', () => {
    const two = { items: ITEMS.slice(0, 2), leaves: LEAVES };
    const s = captureStep(initialCaptureState(2), text('A'), two);
    expect(s.outcome?.map((d) => d.kind === 'accept' && d.path)).toEqual([
      'health.diet.allergies',
      'preferences.ui.theme',
    ]);
  });

  it('u makes the focused proposal pending again; a decided one can be decided again', () => {
    const s = press(start, text('x'), text('k'));
    expect(s.index).toBe(0);
    expect(press(s, text('u')).verdicts[0]).toBeUndefined();
    expect(press(s, text('1')).verdicts[0]).toMatchObject({ kind: 'accept' });
    expect(press(start, text('u')).message).toMatch(/nothing to undo/);
  });
});

describe('captureStep: rewording', () => {
  it('e starts from the text; enter rewords it without deciding; the accepted text is the new one, textEdited', () => {
    const editing = press(start, text('e'));
    expect(editing.edit).toEqual({ draft: 'Dana is allergic to peanuts' });
    const typed = press(editing, key('clear'), text('Dana is allergic to tree nuts'), text('!'), key('backspace'));
    const reworded = press(typed, key('enter'));
    expect(reworded.texts[0]).toBe('Dana is allergic to tree nuts');
    expect(reworded.verdicts[0]).toBeUndefined();
    expect(reworded.edit).toBeUndefined();
    const done = press(reworded, key('enter'), text('q'));
    expect(done.outcome?.[0]).toEqual({
      kind: 'accept',
      text: 'Dana is allergic to tree nuts',
      path: 'health.diet.allergies',
      how: 'accepted',
      textEdited: true,
    });
  });

  it('rewording an accepted proposal keeps its leaf and changes what is filed', () => {
    const s = press(
      start,
      text('1'),
      text('k'),
      text('e'),
      key('clear'),
      text('Peanut allergy'),
      key('enter'),
      text('q'),
    );
    expect(s.outcome?.[0]).toMatchObject({ text: 'Peanut allergy', path: 'health.diet.allergies', textEdited: true });
  });

  it('Esc cancels; the same text again is no rewording; an empty text or a control character is refused', () => {
    const editing = press(start, text('e'));
    expect(press(editing, text(' more'), key('escape'))).toMatchObject({
      edit: undefined,
      texts: [undefined, undefined, undefined],
    });
    expect(press(editing, key('enter')).texts[0]).toBeUndefined();
    expect(press(editing, key('clear'), key('enter')).message).toMatch(/the text is empty/);
    expect(press(editing, text('\u009b')).edit?.draft).toBe('Dana is allergic to peanuts\u009b');
    expect(press(editing, text('\u009b'), key('enter')).message).toMatch(/control character/);
  });

  it('u on a pending reworded proposal brings back the proposed text', () => {
    const s = press(start, text('e'), key('clear'), text('Nuts'), key('enter'), text('u'));
    expect(s.texts[0]).toBeUndefined();
  });

  it('keys typed ahead count one by one, and e takes the rest as text', () => {
    const s = press(start, text('xe'), key('clear'), text('jkq'));
    expect(s.edit).toEqual({ draft: 'jkq' });
    expect(s.verdicts[0]).toEqual({ kind: 'reject' });
  });

  it('Ctrl-C while editing finishes, the draft dropped', () => {
    const s = press(start, text('e'), text(' and cashews'), key('interrupt'));
    expect(s.outcome).toEqual([{ kind: 'later' }, { kind: 'later' }, { kind: 'later' }]);
  });
});

describe('captureStep: typing a leaf', () => {
  const atThird = press(start, text('j'), text('j'), text('p'));

  it('p opens the path editor; tab completes; enter files the proposal there as edited', () => {
    expect(atThird.path).toEqual({ draft: '', highlighted: 0, moved: false });
    const s = press(atThird, text('exerc'), key('tab'));
    expect(s.path?.draft).toBe('health.fitness.exercise');
    const done = press(s, key('enter'));
    expect(done.verdicts[2]).toEqual({ kind: 'accept', path: 'health.fitness.exercise', how: 'edited' });
    expect(done.path).toBeUndefined();
  });

  it('a typed leaf that is one of the suggestions counts as that suggestion', () => {
    expect(press(start, text('p'), text('health.diet.restrictions'), key('enter')).verdicts[0]).toEqual({
      kind: 'accept',
      path: 'health.diet.restrictions',
      how: 'picked',
    });
  });

  it('refuses what is not a leaf, and an empty path; Esc goes back undecided', () => {
    expect(press(atThird, text('health'), key('enter')).path?.error).toBe(
      'not a leaf: health; tab completes to the highlighted match',
    );
    expect(press(atThird, key('enter')).path?.error).toBe('type a leaf path, or esc to go back');
    expect(press(atThird, text('health'), key('escape'))).toMatchObject({
      path: undefined,
      verdicts: [undefined, undefined, undefined],
    });
  });

  it('↑↓ choose among the matches, and tab then takes the one chosen', () => {
    const s = press(atThird, text('diet'), key('down'), key('tab'));
    expect(s.path?.draft).toBe('health.diet.allergies');
  });
});

describe('captureDecisions', () => {
  it('reads pending proposals as later', () => {
    const s = press(start, text('2'));
    expect(pendingCount(s)).toBe(2);
    expect(captureDecisions(s, ITEMS)).toEqual([
      {
        kind: 'accept',
        text: 'Dana is allergic to peanuts',
        path: 'health.diet.restrictions',
        how: 'picked',
        textEdited: false,
      },
      { kind: 'later' },
      { kind: 'later' },
    ]);
  });

  it('no proposals: over before it starts', () => {
    expect(initialCaptureState(0).outcome).toEqual([]);
  });
});
