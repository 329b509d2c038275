import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { ConsolidateDecision } from '../../src/app/consolidate.js';
import type { Proposal } from '../../src/core/consolidate.js';
import { MAN_SECTIONS } from '../../src/docs/screens.js';
import { CONSOLIDATE_EDIT_KEYS, CONSOLIDATE_KEYS, CONSOLIDATE_PATH_KEYS } from '../../src/ui/keyTable.js';
import { ConsolidateScreen } from '../../src/ui/screens/ConsolidateScreen.js';
import { reviewConsolidation } from '../../src/ui/index.js';
import { FakeStdin, FakeStdout } from './fakeTerminal.js';
import { fact, KEY, LEAVES, PROPOSALS, settle, until, openScreen } from './fixtures.js';

afterEach(() => cleanup());

// PROPOSALS: 1 dedupe (safe), 2 dedupe, 3 retire (safe), 4 contradiction, 5 refile, 6 stale
const ids = PROPOSALS.map((p) => p.id);
const skipped = (id: string): ConsolidateDecision => ({ id, action: 'skip' });

async function open(proposals: Proposal[] = PROPOSALS, color = false) {
  return openScreen<ConsolidateDecision[]>((onDone) => (
    <ConsolidateScreen proposals={proposals} leaves={LEAVES} onDone={onDone} color={color} />
  ));
}

/** The line of the focused proposal that names its kind, id and leaf. */
const kindLine = (frame: string) =>
  frame.split('\n').find((l) => /^(dedupe|refile|retire|contradiction|stale) /.test(l));

describe('ConsolidateScreen: what it shows', () => {
  it('one proposal at a time: where it stands, its kind, leaf and reason, the fact kept and those dropped', async () => {
    const s = await open();
    const frame = s.frame();
    expect(frame).toContain('Consolidating memory  1 of 6 · 0 accepted · 0 rejected · 0 later · 6 pending');
    expect(kindLine(frame)).toBe('dedupe  d00000001  preferences.tools.editor  100% alike  safe  · pending');
    expect(frame).toContain('  the same text twice');
    expect(frame).toMatch(/^ {2}keep +“Uses Neovim for everything”$/m);
    expect(frame).toMatch(/^ {2}drop +“Uses Neovim for everything\.”$/m);
    expect(frame).toContain('a000000002 · mcp · recorded 2024-01-02');
    for (const hint of [
      '↑↓ j k move',
      'enter a accept',
      'e edit text',
      'r reject',
      's decide later',
      'A accept safe',
      'u undo',
      'q esc finish (pending: later)',
    ])
      expect(frame).toContain(hint);
    expect(frame).not.toContain('1 2 keep this one');
    expect(s.outcomes).toEqual([]);
  });

  it('each kind with what it needs: a fact at another leaf, an ended fact, two facts numbered, a move, an age', async () => {
    const s = await open();
    await s.press('j');
    expect(kindLine(s.frame())).toBe('dedupe  d00000002  preferences.food.drinks  84% alike  · pending');
    expect(s.frame()).toContain('b000000003 · cli · recorded 2024-01-02 · at preferences.food.cuisine');
    await s.press('j');
    expect(kindLine(s.frame())).toBe('retire  r00000001  work.employment.employer  safe  · pending');
    expect(s.frame()).toContain('valid until 2024-03-31');
    expect(s.frame()).toContain('“Works at Acme”');
    await s.press('j');
    expect(kindLine(s.frame())).toBe('contradiction  c00000001  project.infrastructure.deployment  · pending');
    expect(s.frame()).toMatch(/^ {2}1 +“We deploy on Tuesdays”$/m);
    expect(s.frame()).toMatch(/^ {2}2 +“We deploy every Friday”$/m);
    expect(s.frame()).toContain('1 2 keep this one');
    expect(s.frame()).not.toContain('enter a accept');
    await s.press('j');
    expect(kindLine(s.frame())).toBe('refile  f00000001  preferences.ui.font  91% sure  · pending');
    expect(s.frame()).toContain('“Dana prefers a light theme”');
    expect(s.frame()).toContain('  move to preferences.ui.theme');
    expect(s.frame()).toContain('e choose leaf');
    await s.press('j');
    expect(kindLine(s.frame())).toBe('stale  s00000001  profile.location.home  400 days old  · pending');
    expect(s.frame()).toContain('recorded 400 days ago');
    expect(s.frame()).not.toContain('enter a accept');
    expect(s.frame()).not.toMatch(/\be (edit text|choose leaf)/);
    expect(s.frame()).toContain('6 of 6');
  });

  it('draws no colour codes when colour is off', async () => {
    const s = await open(PROPOSALS, false);
    await s.press('e');
    expect(s.raw()).not.toMatch(/\u001B\[/);
    cleanup();
    const path = await open(PROPOSALS.slice(4), false);
    await path.press('e', 't');
    expect(path.raw()).not.toMatch(/\u001B\[/);
    expect(path.frame()).toContain('path: t_');
  });

  it('escapes control characters in the facts rather than sending them to the terminal', async () => {
    const dirty: Proposal = {
      ...PROPOSALS[2],
      kind: 'retire',
      fact: fact('h000000001', 'work.employment.employer', 'Works at \u001b[31mAcme', { source: 'file:\u001b]0;x' }),
    } as Proposal;
    const s = await open([dirty], true);
    expect(s.raw()).not.toContain('\u001b[31mAcme');
    expect(s.frame()).toContain('Works at \\x1b[31mAcme');
  });
});

describe('ConsolidateScreen: keys', () => {
  it('enter, a, r, 1/2, s decide and move on; the screen is done once none is pending, each decision by id', async () => {
    const s = await open();
    await s.press(KEY.enter);
    expect(s.frame()).toContain('2 of 6 · 1 accepted · 0 rejected · 0 later · 5 pending');
    await s.press('r', 'a');
    expect(s.frame()).toContain('4 of 6 · 2 accepted · 1 rejected');
    await s.press(KEY.enter);
    expect(s.frame()).toContain('press 1 or 2 to keep one');
    expect(s.frame()).toContain('4 of 6');
    await s.press('2');
    expect(s.frame()).toContain('5 of 6 · 3 accepted');
    await s.press('a');
    expect(s.outcomes).toEqual([]);
    await s.press('s');
    expect(await s.finished()).toEqual([
      [
        { id: ids[0], action: 'accept' },
        { id: ids[1], action: 'reject' },
        { id: ids[2], action: 'accept' },
        { id: ids[3], action: 'accept', keep: 'e000000002' },
        { id: ids[4], action: 'accept' },
        { id: ids[5], action: 'skip' },
      ],
    ]);
    expect(s.frame()).toBe('');
  });

  it('a stale value refuses enter: it is a flag', async () => {
    const s = await open([PROPOSALS[5]]);
    await s.press(KEY.enter);
    expect(s.frame()).toContain('a stale value is a flag, nothing to apply');
    await s.press('r');
    expect(await s.finished()).toEqual([[{ id: ids[5], action: 'reject' }]]);
  });

  it('↑ and k go back to a decided proposal, which shows its decision and can be decided again', async () => {
    const s = await open();
    await s.press('r', 'a');
    expect(s.frame()).toContain('3 of 6');
    await s.press(KEY.up, 'k');
    expect(kindLine(s.frame())).toMatch(/d00000001 .*· rejected$/);
    await s.press('a');
    expect(s.frame()).toContain('2 accepted · 0 rejected');
    await s.press('k', 'k', 'j', 'j', 'j');
    expect(kindLine(s.frame())).toMatch(/c00000001 .*· pending$/);
    await s.press('1', 'k');
    expect(kindLine(s.frame())).toMatch(/c00000001 .*· accepted: keep 1$/);
    expect(s.frame()).toMatch(/^ {2}1 keep +“We deploy on Tuesdays”$/m);
    expect(s.frame()).toMatch(/^ {2}2 drop +“We deploy every Friday”$/m);
    await s.press('u');
    expect(kindLine(s.frame())).toMatch(/c00000001 .*· pending$/);
  });

  it('A accepts the safe ones and says how many are left for a person', async () => {
    const s = await open();
    await s.press('A');
    expect(s.frame()).toContain('2 of 6 · 2 accepted · 0 rejected · 0 later · 4 pending');
    expect(s.frame()).toContain('2 safe proposals accepted; 4 proposals left for you to decide');
    expect(s.frame()).not.toContain('A accept safe');
    await s.press('q');
    expect(await s.finished()).toEqual([
      [
        { id: ids[0], action: 'accept' },
        skipped(ids[1]),
        { id: ids[2], action: 'accept' },
        ...ids.slice(3).map(skipped),
      ],
    ]);
  });

  it.each([
    ['q', 'q'],
    ['Esc', KEY.escape],
    ['Ctrl-C', KEY.ctrlC],
  ])('%s finishes: what is still pending is skipped, not lost', async (_what, key) => {
    const s = await open();
    await s.press('a', 'r', key);
    expect(await s.finished()).toEqual([
      [{ id: ids[0], action: 'accept' }, { id: ids[1], action: 'reject' }, ...ids.slice(2).map(skipped)],
    ]);
  });
});

describe('ConsolidateScreen: editing', () => {
  it('e rewords the fact a dedupe keeps (deciding nothing); accepting sends the text', async () => {
    const s = await open(PROPOSALS.slice(0, 2));
    await s.press('e');
    expect(s.frame()).toContain('text: Uses Neovim for everything_');
    for (const hint of ['enter use this text', 'ctrl-u clear', 'esc cancel edit', 'ctrl-c finish'])
      expect(s.frame()).toContain(hint);
    await s.press('\u0015');
    await s.type('Uses Neovim for all editing');
    await s.press(KEY.enter);
    expect(s.frame()).toMatch(/^ {2}keep +“Uses Neovim for all editing”$/m);
    expect(s.frame()).toContain('reworded from “Uses Neovim for everything”');
    expect(kindLine(s.frame())).toMatch(/· pending$/);
    await s.press(KEY.enter, 's');
    expect(await s.finished()).toEqual([
      [{ id: ids[0], action: 'accept', text: 'Uses Neovim for all editing' }, skipped(ids[1])],
    ]);
  });

  it('Esc cancels the edit, and an empty text is refused', async () => {
    const s = await open([PROPOSALS[0]]);
    await s.press('e', '\u0015', KEY.enter);
    expect(s.frame()).toContain('the text is empty');
    await s.press(KEY.escape);
    expect(s.frame()).not.toContain('text:');
    await s.press(KEY.enter);
    expect(await s.finished()).toEqual([[{ id: ids[0], action: 'accept' }]]);
  });

  it('e on a refile opens the path editor over the leaves; the leaf confirmed is the move accepted', async () => {
    const s = await open([PROPOSALS[4], PROPOSALS[5]]);
    await s.press('e');
    for (const hint of ['↑↓ choose', 'tab complete', 'enter move here', 'esc back', 'ctrl-c finish'])
      expect(s.frame()).toContain(hint);
    await s.type('preferences.ui.fon');
    await s.press(KEY.tab);
    expect(s.frame()).toContain('path: preferences.ui.font_');
    await s.press(KEY.enter);
    expect(s.frame()).toContain('the fact is at preferences.ui.font already');
    await s.press('\u0015');
    await s.type('editor');
    expect(s.frame()).toMatch(/❯ preferences\.tools\.editor/);
    await s.press(KEY.tab, KEY.enter);
    expect(s.frame()).toContain('2 of 2 · 1 accepted');
    await s.press('k');
    expect(s.frame()).toContain('move to preferences.tools.editor  (your choice; proposed preferences.ui.theme)');
    await s.press('q');
    expect(await s.finished()).toEqual([
      [{ id: ids[4], action: 'accept', to: 'preferences.tools.editor' }, skipped(ids[5])],
    ]);
  });

  it('Esc leaves the path editor with the proposal undecided', async () => {
    const s = await open([PROPOSALS[4]]);
    await s.press('e');
    await s.type('font');
    await s.press(KEY.escape);
    expect(s.frame()).not.toContain('path:');
    expect(kindLine(s.frame())).toMatch(/· pending$/);
  });
});

const many: Proposal[] = [
  {
    ...(PROPOSALS[1] as Proposal & { kind: 'dedupe' }),
    drop: Array.from({ length: 20 }, (_, i) =>
      fact(
        `z0000000${String(i).padStart(2, '0')}`,
        'preferences.food.drinks',
        `Dana likes black coffee, take ${i + 1}`,
      ),
    ),
  },
];

describe('ConsolidateScreen: a tall proposal', () => {
  it('shows as many facts as fit in the terminal (24 rows here), and how many more there are', async () => {
    const s = await open(many);
    const height = () => s.frame().split('\n').length;
    expect(height()).toBeLessThan(24);
    expect(s.frame()).toMatch(/… \d+ more like these/);
    await s.press('e');
    expect(height()).toBeLessThan(24);
  });
});

describe('the manual of consolidate', () => {
  it('describes every key the screen answers to, from the same tables as its footer', () => {
    const [section] = MAN_SECTIONS.consolidate ?? [];
    expect(section?.title).toBe('CONSOLIDATION SCREEN');
    const described = section.items.map(([, text]) => text).join('\n');
    for (const table of [CONSOLIDATE_KEYS, CONSOLIDATE_EDIT_KEYS, CONSOLIDATE_PATH_KEYS])
      for (const key of Object.values(table)) expect(described).toContain(key.detail);
  });
});

describe('reviewConsolidation', () => {
  it('draws on the given terminal and resolves with a decision per proposal, leaving the terminal as it was', async () => {
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    const pending = reviewConsolidation(PROPOSALS, LEAVES, {
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      color: false,
    });
    await until(() => stdin.listenerCount('readable') > 0, 'the screen to listen for keys');
    expect(stdout.text()).toContain('Consolidating memory  1 of 6');
    for (const key of ['r', 's', 'q']) {
      stdin.press(key);
      await settle();
    }
    expect(await pending).toEqual([
      { id: ids[0], action: 'reject' },
      { id: ids[1], action: 'skip' },
      ...ids.slice(2).map(skipped),
    ]);
    expect(stdin.rawMode).toEqual([true, false]);
    expect(stdin.listenerCount('readable')).toBe(0);
  });

  it('no proposals: resolves at once with none, without touching the terminal', async () => {
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    await expect(reviewConsolidation([], LEAVES, { stdin: stdin as never, stdout: stdout as never })).resolves.toEqual(
      [],
    );
    expect(stdin.rawMode).toEqual([]);
    expect(stdout.writes).toEqual([]);
  });

  it('refuses a stdin that is not a terminal, naming the flags that decide without one', async () => {
    const stdout = new FakeStdout();
    await expect(
      reviewConsolidation(PROPOSALS, LEAVES, { stdin: new FakeStdin(false) as never, stdout: stdout as never }),
    ).rejects.toMatchObject({
      code: 'cannot-prompt',
      exitCode: 2,
      hint: 'use --yes to apply what a rule settles, or --dry-run --json to see the proposals',
    });
    expect(stdout.writes).toEqual([]);
  });
});
