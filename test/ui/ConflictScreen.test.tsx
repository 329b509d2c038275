import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { ConflictScreen, type ConflictOutcome } from '../../src/ui/screens/ConflictScreen.js';
import type { Decision } from '../../src/core/merge.js';
import { KEY, settle, until, openScreen } from './fixtures.js';
import { CONFLICTS } from './conflictFixtures.js';

afterEach(() => cleanup());

async function open(decisions?: Record<string, Decision>) {
  return openScreen<ConflictOutcome>((onDone) => (
    <ConflictScreen conflicts={CONFLICTS} decisions={decisions} onDone={onDone} color={false} />
  ));
}

const focusedRow = (frame: string) => frame.split('\n').find((l) => l.startsWith('❯'));

describe('ConflictScreen', () => {
  it('shows the count and position, the list, and for the focused conflict base, ours and theirs with who and when', async () => {
    const s = await open();
    const frame = s.frame();
    expect(frame).toContain('Merge conflicts  Conflict 1 of 3 · 0 decided');
    expect(focusedRow(frame)).toBe('❯ 1a2b3c4 preferences.ui.theme undecided');
    expect(frame).toContain('changed differently on both sides');
    expect(frame).toMatch(/base\s+“I prefer dark mode”/);
    expect(frame).toMatch(/ours\s+“I prefer solarized”\n\s+changed by Ada, 2026-11-20 09:30/);
    expect(frame).toMatch(/theirs\s+“I prefer light mode”\n\s+changed by Bob, 2026-11-21 10:15/);
    // keys in the footer; no "keep both" at a one-value leaf
    expect(frame).toContain('o keep ours');
    expect(frame).toContain('t take theirs');
    expect(frame).not.toContain('b keep both');
    expect(frame).toContain('e edit text');
    expect(frame).toContain('enter write merge');
    expect(frame).toContain('q esc leave (saved)');
  });

  it('moves with arrows and j/k; a many leaf offers b; an absent side shows as absent', async () => {
    const s = await open();
    await s.press(KEY.down);
    expect(focusedRow(s.frame())).toContain('5d6e7f8');
    expect(s.frame()).toContain('b keep both');
    await s.press('j');
    expect(s.frame()).toContain('Conflict 3 of 3');
    expect(s.frame()).toMatch(/theirs\s+\(absent\)/);
    await s.press('k', KEY.up);
    expect(s.frame()).toContain('Conflict 1 of 3');
  });

  it('decides with o, t, b and e; Enter writes once all are decided', async () => {
    const s = await open();
    await s.press('t');
    expect(s.frame()).toContain('1a2b3c4 preferences.ui.theme take theirs');
    await s.press(KEY.enter);
    expect(s.frame()).toContain('2 conflicts still need a decision');
    await s.press('e');
    expect(s.frame()).toContain('text: Likes thin-crust pizza');
    await s.press('\u0015', 'Any pizza', KEY.enter);
    expect(s.frame()).toContain('5d6e7f8 preferences.food.cuisine edited: "Any pizza"');
    await s.press('o', KEY.enter);
    expect(await s.finished()).toEqual([
      {
        done: true,
        decisions: {
          '1a2b3c4': { kind: 'theirs' },
          '5d6e7f8': { kind: 'text', text: 'Any pizza' },
          '9a0b1c2': { kind: 'ours' },
        },
      },
    ]);
    expect(s.frame()).toBe('');
  });

  it('q leaves with the decisions so far; Esc too', async () => {
    const s = await open();
    await s.press('o', 'q');
    expect(await s.finished()).toEqual([{ done: false, decisions: { '1a2b3c4': { kind: 'ours' } } }]);
    cleanup();
    const e = await open({ '1a2b3c4': { kind: 'ours' } });
    expect(e.frame()).toContain('Conflict 2 of 3 · 1 decided');
    await e.press(KEY.escape);
    expect(await e.finished()).toEqual([{ done: false, decisions: { '1a2b3c4': { kind: 'ours' } } }]);
  });
});

describe('ConflictScreen with many conflicts', () => {
  it('shows a window of the list around the focused conflict, with how many more above and below', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ ...CONFLICTS[1], id: `c${String(i).padStart(6, '0')}` }));
    const outcomes: ConflictOutcome[] = [];
    const ui = render(<ConflictScreen conflicts={many} onDone={(o) => outcomes.push(o)} color={false} />);
    await until(() => ui.stdin.listenerCount('readable') > 0, 'the screen to listen for keys');
    const frame = () => stripVTControlCharacters(ui.lastFrame() ?? '');
    expect(frame()).toContain('c000007');
    expect(frame()).not.toContain('c000008');
    expect(frame()).toContain('… 12 more below');
    for (let i = 0; i < 12; i++) {
      ui.stdin.write('j');
      await settle(5);
    }
    await settle();
    expect(frame()).toContain('Conflict 13 of 20');
    expect(frame()).toContain('… 8 more above');
    expect(frame()).toContain('❯ c000012');
    expect(frame()).not.toContain('c000007 ');
  });
});
