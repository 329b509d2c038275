import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ReviewScreen } from '../../src/ui/screens/ReviewScreen.js';
import type { ReviewItem, ReviewOutcome } from '../../src/ui/types.js';
import { ITEMS, KEY, LEAVES, openScreen } from './fixtures.js';

afterEach(() => cleanup());

/** Renders the screen; `press` sends keys one at a time, as a person would. */
async function open(items: ReviewItem[] = ITEMS, color = false) {
  return openScreen<ReviewOutcome>((onDone) => (
    <ReviewScreen items={items} leaves={LEAVES} onDone={onDone} color={color} />
  ));
}

const accept = (path: string, how: 'accepted' | 'picked' | 'edited') => ({ kind: 'accept', path, how });
const one = (i: number) => [ITEMS[i]];
/** The row of the list that is marked as highlighted. */
const highlightedRow = (frame: string) => frame.split('\n').find((line) => line.trimStart().startsWith('❯'));

describe('ReviewScreen: the list', () => {
  it('shows progress, the fact, every suggestion numbered with its confidence and description, and the keys', async () => {
    const s = await open();
    const frame = s.frame();
    expect(frame).toContain('Fact 1 of 3');
    expect(frame).toContain('“I moved from VS Code to Neovim last spring and use it for everything now”');
    expect(highlightedRow(frame)).toMatch(/❯ 1\s+preferences\.tools\.editor\s+74%\s+The editor or IDE/);
    expect(frame).toMatch(/ {2}2\s+preferences\.tools\.shell\s+41%\s+The command-line shell/);
    expect(frame).toMatch(/ {2}4\s+work\.skills\.technical\s+12%/);
    for (const hint of ['↑↓ j k move', 'enter accept', '1-4 pick', 'e edit path', 's decide later', 'q esc abort'])
      expect(frame).toContain(hint);
    expect(s.outcomes).toEqual([]);
  });

  it('shows what the highlighted suggestion would replace, only while it is highlighted', async () => {
    const s = await open(one(0));
    expect(s.frame()).toContain('replaces: “Uses VS Code with the Vim extension”');
    await s.press('j');
    expect(highlightedRow(s.frame())).toContain('preferences.tools.shell');
    expect(s.frame()).not.toContain('replaces:');
    await s.press('k');
    expect(s.frame()).toContain('replaces: “Uses VS Code with the Vim extension”');
  });

  it('moves with j/k and the arrows, and stops at both ends', async () => {
    const s = await open(one(1));
    await s.press(KEY.up);
    expect(highlightedRow(s.frame())).toContain('relationships.family.children');
    await s.press(KEY.down, 'j');
    expect(highlightedRow(s.frame())).toContain('goals.personal.life');
    await s.press('j', KEY.down);
    expect(highlightedRow(s.frame())).toContain('goals.personal.life');
    await s.press('k');
    expect(highlightedRow(s.frame())).toContain('events.upcoming.appointments');
  });

  it('reviews the facts one after another: progress advances and the decisions come back in order', async () => {
    const s = await open();
    await s.press(KEY.enter);
    expect(s.frame()).toContain('Fact 2 of 3');
    expect(s.frame()).toContain('My daughter Ada starts school in September');
    expect(highlightedRow(s.frame())).toContain('relationships.family.children'); // the highlight starts at the top again
    await s.press(KEY.down, KEY.enter);
    expect(s.frame()).toContain('Fact 3 of 3');
    expect(s.outcomes).toEqual([]);
    await s.press('3');
    expect(await s.finished()).toEqual([
      {
        aborted: false,
        decisions: [
          accept('preferences.tools.editor', 'accepted'),
          accept('events.upcoming.appointments', 'picked'),
          accept('workflow.git.branching', 'picked'),
        ],
      },
    ]);
    expect(s.frame()).toBe(''); // the screen erases itself when done
  });

  it.each([
    ['Enter on the top suggestion', [KEY.enter], accept('project.infrastructure.deployment', 'accepted')],
    ['j then Enter', ['j', KEY.enter], accept('workflow.ci.pipelines', 'picked')],
    ['↓ ↓ ↑ then Enter', [KEY.down, KEY.down, KEY.up, KEY.enter], accept('workflow.ci.pipelines', 'picked')],
    ['digit 1', ['1'], accept('project.infrastructure.deployment', 'accepted')],
    ['digit 3', ['3'], accept('workflow.git.branching', 'picked')],
    ['digit 5, the last', ['5'], accept('knowledge.technical.gotchas', 'picked')],
    ['s', ['s'], { kind: 'skip' }],
  ])('%s decides the fact', async (_what, keys, decision) => {
    const s = await open(one(2));
    await s.press(...keys);
    expect(await s.finished()).toEqual([{ aborted: false, decisions: [decision] }]);
  });

  it('ignores a digit with no suggestion behind it, and keys it does not use', async () => {
    const s = await open(one(1));
    await s.press('7', '0', 'x', KEY.tab);
    expect(s.outcomes).toEqual([]);
    expect(s.frame()).toContain('Fact 1 of 1');
    await s.press('2');
    expect(await s.finished()).toEqual([
      { aborted: false, decisions: [accept('events.upcoming.appointments', 'picked')] },
    ]);
  });

  it('a fact with one suggestion, and one with none: the keys offered follow', async () => {
    const lone: ReviewItem = {
      text: 'Standup is at 9:30 every day',
      candidates: [
        {
          path: 'routine.daily.morning',
          confidence: 0.58,
          description: 'What the user does in the morning, every day.',
        },
      ],
    };
    const bare: ReviewItem = { text: 'Something the classifier could not place', candidates: [] };
    const s = await open([lone, bare]);
    expect(s.frame()).toContain('1 pick');
    expect(s.frame()).not.toContain('move');
    await s.press(KEY.enter);
    expect(s.frame()).toContain('no suggestions: press e to type a leaf path');
    expect(s.frame()).toContain('e type a path');
    expect(s.frame()).not.toContain('enter accept');
    await s.press(KEY.enter, '1', 'j');
    expect(s.frame()).toContain('Fact 2 of 2');
    await s.press('e');
    await s.type('beliefs.values.principles');
    await s.press(KEY.enter);
    expect(await s.finished()).toEqual([
      {
        aborted: false,
        decisions: [accept('routine.daily.morning', 'accepted'), accept('beliefs.values.principles', 'edited')],
      },
    ]);
  });

  it('skips a fact and goes on to the next', async () => {
    const s = await open();
    await s.press('s');
    expect(s.frame()).toContain('Fact 2 of 3');
    await s.press('s', '2');
    expect(await s.finished()).toEqual([
      { aborted: false, decisions: [{ kind: 'skip' }, { kind: 'skip' }, accept('workflow.ci.pipelines', 'picked')] },
    ]);
  });

  it.each([
    ['q', ['q']],
    ['Esc', [KEY.escape]],
    ['Ctrl-C', [KEY.ctrlC]],
  ])('%s aborts the whole review, even after some facts were decided', async (_what, keys) => {
    const s = await open();
    await s.press(KEY.enter);
    expect(s.frame()).toContain('Fact 2 of 3');
    await s.press(...keys);
    expect(await s.finished()).toEqual([{ aborted: true }]);
    await s.press(KEY.enter); // nothing after the end
    expect(s.outcomes).toHaveLength(1);
  });
});

describe('ReviewScreen: editing the path', () => {
  it('e opens the editor with its own keys; typing lists matching leaves with descriptions', async () => {
    const s = await open(one(0));
    await s.press('e');
    expect(s.frame()).toContain('path: ');
    expect(s.frame()).not.toContain('74%');
    for (const hint of ['↑↓ choose', 'tab complete', 'enter confirm', 'esc back to suggestions', 'ctrl-c abort'])
      expect(s.frame()).toContain(hint);
    await s.type('lang');
    const frame = s.frame();
    expect(frame).toContain('path: lang');
    expect(frame).toMatch(/❯ profile\.languages\.spoken\s+Natural languages/);
    expect(frame).toMatch(/preferences\.coding\.languages\s+Programming languages/);
  });

  it('typing + Tab completes to the longest common match, then to the highlighted leaf; Enter confirms it as edited', async () => {
    const s = await open(one(0));
    await s.press('e');
    await s.type('pref');
    await s.press(KEY.tab);
    expect(s.frame()).toContain('path: preferences.');
    await s.type('co');
    expect(s.frame()).toMatch(/❯ preferences\.coding\.languages/);
    expect(s.frame()).toContain('preferences.communication.tone');
    await s.press(KEY.tab); // nothing common left to add: Tab takes the highlighted match
    expect(s.frame()).toContain('path: preferences.coding.languages');
    await s.press(
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
    );
    expect(s.frame()).toContain('path: preferences.co');
    await s.press(KEY.down, KEY.tab);
    expect(s.frame()).toContain('path: preferences.coding.style');
    await s.press(KEY.enter);
    expect(await s.finished()).toEqual([{ aborted: false, decisions: [accept('preferences.coding.style', 'edited')] }]);
  });

  it('matches a word inside a path, not only its start', async () => {
    const s = await open(one(1));
    await s.press('e');
    await s.type('children');
    await s.press(KEY.tab);
    expect(s.frame()).toContain('path: relationships.family.children');
    await s.press(KEY.enter);
    // the typed leaf is the top suggestion: that is accepting it
    expect(await s.finished()).toEqual([
      { aborted: false, decisions: [accept('relationships.family.children', 'accepted')] },
    ]);
  });

  it('a typed path equal to a lower suggestion counts as picked', async () => {
    const s = await open(one(2));
    await s.press('e');
    await s.type('workflow.git.branching');
    await s.press(KEY.enter);
    expect(await s.finished()).toEqual([{ aborted: false, decisions: [accept('workflow.git.branching', 'picked')] }]);
  });

  it('Enter on something that is not a leaf shows an error and stays; typing clears it', async () => {
    const s = await open(one(0));
    await s.press('e');
    await s.type('preferences.ui');
    await s.press(KEY.enter);
    expect(s.outcomes).toEqual([]);
    expect(s.frame()).toContain('✗ not a leaf: preferences.ui; tab completes to the highlighted match');
    expect(s.frame()).toContain('path: preferences.ui');
    await s.type('.theme');
    expect(s.frame()).not.toContain('✗');
    await s.press(KEY.enter);
    expect(await s.finished()).toEqual([{ aborted: false, decisions: [accept('preferences.ui.theme', 'edited')] }]);
  });

  it('says so when nothing matches, and refuses an empty path', async () => {
    const s = await open(one(0));
    await s.press('e', KEY.enter);
    expect(s.frame()).toContain('✗ type a leaf path, or esc to go back');
    await s.type('zzz');
    expect(s.frame()).toContain('no leaf matches “zzz”');
    await s.press(KEY.enter);
    expect(s.frame()).toContain('✗ not a leaf: zzz');
    expect(s.outcomes).toEqual([]);
  });

  it('Backspace deletes, and q, j and k are just letters in the editor', async () => {
    const s = await open(one(0));
    await s.press('e');
    await s.type('qjkx');
    await s.press(KEY.backspace);
    expect(s.frame()).toContain('path: qjk');
    expect(s.outcomes).toEqual([]);
  });

  it('shows at most six matches and how many more there are', async () => {
    const s = await open(one(0));
    await s.press('e');
    await s.type('s');
    const rows = s
      .frame()
      .split('\n')
      .filter((line) => /^\s+(❯ )?\s*[a-z_]+\.[a-z_]+\.[a-z_]+\s/.test(line));
    expect(rows).toHaveLength(6);
    expect(s.frame()).toMatch(/… \d+ more: keep typing to narrow/);
  });

  it('Esc leaves the editor and returns to the list without aborting', async () => {
    const s = await open(one(0));
    await s.press('j', 'e');
    await s.type('pref');
    await s.press(KEY.escape);
    expect(s.outcomes).toEqual([]);
    expect(s.frame()).not.toContain('path: ');
    expect(highlightedRow(s.frame())).toContain('preferences.tools.shell'); // where it was
    expect(s.frame()).toContain('q esc abort');
    await s.press('e'); // the editor opens empty again
    expect(s.frame()).toMatch(/path: _?\n/);
    await s.press(KEY.escape, KEY.escape);
    expect(await s.finished()).toEqual([{ aborted: true }]);
  });
});

describe('ReviewScreen: keys typed ahead', () => {
  // A terminal delivers keys pressed faster than the screen reads them (or a paste) as one chunk.
  it.each([
    ['j then Enter', 'j\r', accept('workflow.ci.pipelines', 'picked')],
    ['e, a word, Tab and Enter', 'ebranch\t\r', accept('workflow.git.branching', 'picked')],
    ['e and a pasted path with its newline', 'eproject.stack.databases\n', accept('project.stack.databases', 'edited')],
    ['s after a move', 'js', { kind: 'skip' }],
  ])('%s in one chunk count one key at a time', async (_what, chunk, decision) => {
    const s = await open(one(2));
    await s.press(chunk);
    expect(await s.finished()).toEqual([{ aborted: false, decisions: [decision] }]);
  });

  it('a chunk that ends the review leaves the rest unread', async () => {
    const s = await open();
    await s.press('q\r\r');
    expect(await s.finished()).toEqual([{ aborted: true }]);
  });
});

describe('ReviewScreen: terminal width', () => {
  it('cuts a long description at the edge of the terminal (100 columns here) and shows it whole for the highlighted row', async () => {
    const spoken = LEAVES.find((l) => l.path === 'profile.languages.spoken')!;
    const coding = LEAVES.find((l) => l.path === 'preferences.coding.languages')!;
    const item: ReviewItem = {
      text: 'I speak Portuguese at home and I am learning Japanese',
      candidates: [
        { ...spoken, confidence: 0.88 },
        { ...coding, confidence: 0.31 },
        {
          path: 'goals.learning.skills',
          confidence: 0.3,
          description: 'Skills, languages or subjects the user wants to learn or is learning now.',
        },
      ],
    };
    const s = await open([item]);
    const lines = s.frame().split('\n');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(highlightedRow(s.frame())).toMatch(/Natural languages the user speaks.*…$/);
    // the details wrap within their indent
    expect(s.frame().replace(/\s+/g, ' ')).toContain(`${spoken.description}`);
    await s.press('j'); // a description that fits is not repeated
    expect(s.frame().split('Programming languages the user prefers').length).toBe(2);
  });
});
