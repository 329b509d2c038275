import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { ReviewScreen } from '../../src/ui/screens/ReviewScreen.js';
import { ConflictScreen } from '../../src/ui/screens/ConflictScreen.js';
import type { MergeConflict } from '../../src/store/mergeState.js';
import type { Fact } from '../../src/core/fact.js';
import { LEAVES, settle, until } from '../ui/fixtures.js';

/*
 * The review and conflict screens draw facts (a hand-edited review queue, a branch written with
 * plain git), leaf descriptions (a project's taxonomy file) and author names: a control
 * character among them is drawn as a visible escape, never sent to the terminal.
 */

afterEach(() => cleanup());

// (ink-testing-library draws without colour; the conflict screen in a real terminal, in colour, is
// covered by terminal-escapes-in-stored-facts-are-rendered-inert.test.ts)
const ATTACK = 'clip \x1b]52;c;aGFja2Vk\x07 wipe \x1b[2J nul \x00 csi \u009b2J del \x7f blink \x1b[5m end';
const SHOWN = '\\x1b]52;c;aGFja2Vk\\x07';

/** What a frame holds besides the colours Ink draws with: nothing a terminal would obey. */
function obeyed(frame: string): string[] {
  // the planted blink is an SGR too: it must not be among the colour codes
  expect(frame).not.toContain('\x1b[5m');
  return [...frame.replace(/\x1b\[[0-9;]*m/g, '').matchAll(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g)].map(
    (m) => `U+${m[0].charCodeAt(0).toString(16)} at ${m.index}`,
  );
}

describe('the review screen', () => {
  it('shows a hostile fact, suggestion and description escaped', async () => {
    const item = {
      text: `Likes ${ATTACK}`,
      candidates: [
        {
          path: 'preferences.food.cuisine',
          confidence: 0.7,
          description: `Cuisines ${ATTACK}`,
          supersedes: `Old ${ATTACK}`,
        },
      ],
    };
    const ui = render(<ReviewScreen items={[item]} leaves={LEAVES} onDone={() => undefined} color />);
    await until(() => ui.stdin.listenerCount('readable') > 0, 'the screen to listen for keys');
    const frame = ui.lastFrame() ?? '';
    expect(frame).toContain(SHOWN);
    expect(obeyed(frame)).toEqual([]);
    // typing a path: the draft and "no leaf matches" are escaped too
    ui.stdin.write('e');
    await settle();
    ui.stdin.write('x\u009b');
    await settle();
    expect(obeyed(ui.lastFrame() ?? '')).toEqual([]);
  });
});

describe('the conflict screen', () => {
  const fact = (text: string, id: string): Fact => ({
    id,
    path: 'preferences.ui.theme',
    text,
    recordedAt: '2026-01-01T00:00:00Z',
    source: 'cli',
    classifier: 'manual',
  });
  const eve = { commit: 'e'.repeat(40), name: `Eve ${ATTACK}`, email: 'eve@example.com', date: '2026-01-02T10:00:00Z' };
  const conflicts: MergeConflict[] = [
    {
      id: 'c0ffee1',
      path: 'preferences.ui.theme',
      kind: 'value',
      cardinality: 'one',
      base: fact('Prefers dark mode', '1000000001'),
      ours: fact(`Prefers ${ATTACK}`, '1000000002'),
      theirs: fact('Prefers light mode', '1000000003'),
      changed: { ours: eve, theirs: eve },
    },
  ];

  it('shows the hostile fact, author and edit draft escaped', async () => {
    const ui = render(
      <ConflictScreen
        conflicts={conflicts}
        decisions={{ c0ffee1: { kind: 'text', text: `edited ${ATTACK}` } }}
        onDone={() => undefined}
        color
      />,
    );
    await until(() => ui.stdin.listenerCount('readable') > 0, 'the screen to listen for keys');
    const frame = ui.lastFrame() ?? '';
    expect(frame).toContain(SHOWN);
    expect(frame).toContain('changed by Eve clip \\x1b]52');
    expect(obeyed(frame)).toEqual([]);
    ui.stdin.write('e'); // the draft starts from ours, the hostile text
    await settle();
    const editing = ui.lastFrame() ?? '';
    expect(editing).toContain('text: Prefers clip \\x1b]52');
    expect(obeyed(editing)).toEqual([]);
  });
});
