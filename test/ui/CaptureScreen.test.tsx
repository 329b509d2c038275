import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { CaptureDecision, CaptureItem } from '../../src/capture/types.js';
import { CaptureScreen } from '../../src/ui/screens/CaptureScreen.js';
import { reviewCaptures } from '../../src/ui/index.js';
import { FakeStdin, FakeStdout } from './fakeTerminal.js';
import { KEY, LEAVES, settle, until, openScreen } from './fixtures.js';

afterEach(() => cleanup());

const describeLeaf = (path: string) => LEAVES.find((l) => l.path === path)?.description ?? '';
const candidate = (path: string, confidence: number, supersedes?: string) => ({
  path,
  confidence,
  description: describeLeaf(path),
  ...(supersedes ? { supersedes } : {}),
});

/** Four proposals from one conversation: a long turn with a date, a suggestion that replaces a value, one without any suggestion. */
const ITEMS: CaptureItem[] = [
  {
    text: 'Dana is allergic to peanuts',
    turn: {
      number: 3,
      speaker: 'Dana',
      at: '2023-05-08T13:56:00.000Z',
      text: `Before we book anything: I am allergic to peanuts, so no satay for me. ${'We could try the place near the river that Sam liked so much last time. '.repeat(6)}That is the end of this turn.`,
    },
    candidates: [candidate('health.diet.allergies', 0.91), candidate('health.diet.restrictions', 0.34)],
  },
  {
    text: 'Dana now prefers a light theme in every editor',
    turn: { number: 5, speaker: 'Dana', text: 'I switched everything to light themes, my eyes thank me' },
    candidates: [
      candidate('preferences.ui.theme', 0.82, 'Dana prefers dark mode'),
      candidate('preferences.tools.editor', 0.2),
    ],
  },
  {
    text: 'Dana ran the Lisbon marathon in May',
    turn: { number: 8, speaker: 'Dana', text: 'ran the Lisbon marathon in May, finally' },
    candidates: [],
  },
  {
    text: 'Sam works at Fly.io',
    turn: { number: 9, speaker: 'Sam', text: 'I work at Fly.io now' },
    candidates: [candidate('work.employment.employer', 0.77)],
  },
];

async function open(items: CaptureItem[] = ITEMS, color = false) {
  return openScreen<CaptureDecision[]>((onDone) => (
    <CaptureScreen items={items} leaves={LEAVES} onDone={onDone} color={color} />
  ));
}

/** The list's row of a proposal (by its number), and the row of the highlighted suggestion. */
const row = (frame: string, n: number) => frame.split('\n').find((l) => new RegExp(`^(❯| ) ${n}\\s`).test(l));
const suggestionRow = (frame: string) => frame.split('\n').find((l) => /^❯ \d {2}/.test(l));
const accepted = (text: string, path: string, how: 'accepted' | 'picked' | 'edited', textEdited = false) => ({
  kind: 'accept',
  text,
  path,
  how,
  textEdited,
});

describe('CaptureScreen: what it shows', () => {
  it('lists the proposals with their state; the focused one with its turn, shortened, and its suggestions', async () => {
    const s = await open();
    const frame = s.frame();
    expect(frame).toContain('Facts from the conversation  1 of 4 · 0 accepted · 0 rejected · 0 later · 4 pending');
    expect(row(frame, 1)).toMatch(/^❯ 1 pending\s+Dana is allergic to peanuts$/);
    expect(row(frame, 3)).toMatch(/^ {2}3 pending\s+Dana ran the Lisbon marathon in May$/);
    expect(frame).toContain('  “Dana is allergic to peanuts”');
    expect(frame).toContain('from turn 3 · Dana · 2023-05-08 13:56');
    expect(frame).toContain('“Before we book anything: I am allergic to peanuts');
    // a few lines of the turn, cut at a word
    expect(frame).not.toContain('That is the end of this turn');
    const quoted = frame.split('\n').filter((l) => l.startsWith('    ') && !l.includes('%'));
    expect(quoted.length).toBeLessThanOrEqual(3);
    expect(quoted.at(-1)).toMatch(/…”$/);
    expect(suggestionRow(frame)).toMatch(/❯ 1\s+health\.diet\.allergies\s+91%\s+Allergies and intolerances/);
    expect(frame).toMatch(/ {2}2\s+health\.diet\.restrictions\s+34%/);
    for (const hint of [
      '↑↓ j k move',
      'enter a accept',
      '1-2 pick',
      'tab next suggestion',
      'p type leaf',
      'e edit text',
      'x reject',
      's later',
      'A accept all',
      'u undo',
      'q esc finish (pending: later)',
    ])
      expect(frame).toContain(hint);
    expect(s.outcomes).toEqual([]);
  });

  it('shows what a suggestion would replace while it is highlighted; tab moves the highlight', async () => {
    const s = await open();
    await s.press('j');
    expect(s.frame()).toContain('from turn 5 · Dana\n');
    expect(s.frame()).toContain('replaces: “Dana prefers dark mode”');
    await s.press(KEY.tab);
    expect(suggestionRow(s.frame())).toContain('preferences.tools.editor');
    expect(s.frame()).not.toContain('replaces:');
  });

  it('a proposal without suggestions says why it cannot be accepted, and refuses enter, a and digits', async () => {
    const s = await open();
    await s.press('j', 'j');
    expect(s.frame()).toContain('no suggestion: press p to type a leaf before this fact can be accepted');
    expect(s.frame()).toContain('p type leaf (no suggestion)');
    expect(s.frame()).not.toContain('enter a accept');
    for (const key of [KEY.enter, 'a', '1']) {
      await s.press(key);
      expect(s.frame()).toContain('no suggestion for this one: press p to type its leaf');
      expect(row(s.frame(), 3)).toContain('pending');
    }
  });

  it('draws no colour codes when colour is off', async () => {
    const s = await open(ITEMS, false);
    await s.press('1', 'x', 'e');
    expect(s.raw()).not.toMatch(/\u001B\[/);
    cleanup();
    const plainPath = await open(ITEMS, false);
    await plainPath.press('p', 'h');
    expect(plainPath.raw()).not.toMatch(/\u001B\[/);
    expect(plainPath.frame()).toContain('path: h_');
  });
});

describe('CaptureScreen: keys', () => {
  it('enter accepts at the top suggestion and moves on; a digit picks; x, s; the rows follow; done once none is pending', async () => {
    const s = await open();
    await s.press(KEY.enter);
    expect(row(s.frame(), 1)).toMatch(/accepted health\.diet\.allergies\s+Dana is allergic/);
    expect(row(s.frame(), 2)).toMatch(/^❯/);
    await s.press('2');
    expect(row(s.frame(), 2)).toContain('accepted preferences.tools.editor');
    expect(row(s.frame(), 3)).toMatch(/^❯/);
    await s.press('x');
    expect(row(s.frame(), 3)).toContain('rejected');
    expect(s.frame()).toContain('2 accepted · 1 rejected · 0 later · 1 pending');
    expect(s.outcomes).toEqual([]);
    await s.press('s');
    expect(await s.finished()).toEqual([
      [
        accepted('Dana is allergic to peanuts', 'health.diet.allergies', 'accepted'),
        accepted('Dana now prefers a light theme in every editor', 'preferences.tools.editor', 'picked'),
        { kind: 'reject' },
        { kind: 'later' },
      ],
    ]);
    expect(s.frame()).toBe('');
  });

  it('a accepts at the highlighted suggestion: picked below the top', async () => {
    const s = await open([ITEMS[0]]);
    await s.press(KEY.tab, 'a');
    expect(await s.finished()).toEqual([
      [accepted('Dana is allergic to peanuts', 'health.diet.restrictions', 'picked')],
    ]);
  });

  it('moves with ↑↓ and j/k, never past the ends', async () => {
    const s = await open();
    await s.press(KEY.up, 'k');
    expect(row(s.frame(), 1)).toMatch(/^❯/);
    await s.press(KEY.down, 'j', 'j', 'j', KEY.down);
    expect(row(s.frame(), 4)).toMatch(/^❯/);
    expect(s.frame()).toContain('4 of 4');
  });

  it('A accepts every pending proposal at its top suggestion; one without a suggestion stays pending until p', async () => {
    const s = await open();
    await s.press('x', 'A');
    expect(row(s.frame(), 2)).toContain('accepted preferences.ui.theme');
    expect(row(s.frame(), 3)).toMatch(/^❯ 3 pending/);
    expect(s.frame()).toContain('1 proposal without a suggestion still pending');
    expect(s.outcomes).toEqual([]);
    await s.press('p');
    await s.type('exerc');
    await s.press(KEY.tab, KEY.enter);
    expect(await s.finished()).toEqual([
      [
        { kind: 'reject' },
        accepted('Dana now prefers a light theme in every editor', 'preferences.ui.theme', 'accepted'),
        accepted('Dana ran the Lisbon marathon in May', 'health.fitness.exercise', 'edited'),
        accepted('Sam works at Fly.io', 'work.employment.employer', 'accepted'),
      ],
    ]);
  });

  it.each([
    ['q', 'q'],
    ['Esc', KEY.escape],
    ['Ctrl-C', KEY.ctrlC],
  ])('%s finishes: what is still pending is left for later, not lost', async (_what, key) => {
    const s = await open();
    expect(s.frame()).toContain('q esc finish (pending: later)');
    await s.press('1', 'x', key);
    expect(await s.finished()).toEqual([
      [
        accepted('Dana is allergic to peanuts', 'health.diet.allergies', 'accepted'),
        { kind: 'reject' },
        { kind: 'later' },
        { kind: 'later' },
      ],
    ]);
  });

  it('u brings a decided proposal back to pending', async () => {
    const s = await open();
    await s.press('x', 'k');
    expect(row(s.frame(), 1)).toMatch(/^❯ 1 rejected/);
    await s.press('u');
    expect(row(s.frame(), 1)).toMatch(/^❯ 1 pending/);
    expect(s.frame()).toContain('0 rejected');
    await s.press('u');
    expect(s.frame()).toContain('nothing to undo');
  });
});

describe('CaptureScreen: editing', () => {
  it('e edits the text in place: enter rewords it (deciding nothing), and accepting files the new text', async () => {
    const s = await open([ITEMS[0], ITEMS[3]]);
    await s.press('e');
    expect(s.frame()).toContain('text: Dana is allergic to peanuts_');
    for (const hint of ['enter use this text', 'ctrl-u clear', 'esc cancel edit', 'ctrl-c finish'])
      expect(s.frame()).toContain(hint);
    await s.press('\u0015');
    await s.type('Dana is allergic to tree nuts');
    await s.press(KEY.enter);
    expect(s.frame()).toContain('“Dana is allergic to tree nuts”');
    expect(s.frame()).toContain('reworded from “Dana is allergic to peanuts”');
    expect(row(s.frame(), 1)).toMatch(/^❯ 1 pending\s+edited: Dana is allergic to tree nuts$/);
    await s.press(KEY.enter, 's');
    expect(await s.finished()).toEqual([
      [accepted('Dana is allergic to tree nuts', 'health.diet.allergies', 'accepted', true), { kind: 'later' }],
    ]);
  });

  it('Esc cancels the edit: the text stays as proposed', async () => {
    const s = await open([ITEMS[0]]);
    await s.press('e');
    await s.type(' and cashews');
    expect(s.frame()).toContain('text: Dana is allergic to peanuts and cashews_');
    await s.press(KEY.escape);
    expect(s.frame()).not.toContain('text:');
    expect(s.frame()).not.toContain('cashews');
    await s.press(KEY.enter);
    expect(await s.finished()).toEqual([
      [accepted('Dana is allergic to peanuts', 'health.diet.allergies', 'accepted')],
    ]);
  });

  it('p opens the path editor with its keys; a typed leaf is filed as edited; esc goes back', async () => {
    const s = await open([ITEMS[1]]);
    await s.press('p');
    for (const hint of ['↑↓ choose', 'tab complete', 'enter file here', 'esc back', 'ctrl-c finish'])
      expect(s.frame()).toContain(hint);
    await s.type('font');
    expect(s.frame()).toContain('path: font_');
    expect(s.frame()).toMatch(/❯ preferences\.ui\.font/);
    await s.press(KEY.escape);
    expect(s.frame()).not.toContain('path:');
    expect(suggestionRow(s.frame())).toContain('preferences.ui.theme');
    await s.press('p');
    await s.type('preferences.ui.fon');
    await s.press(KEY.tab, KEY.enter);
    expect(await s.finished()).toEqual([
      [accepted('Dana now prefers a light theme in every editor', 'preferences.ui.font', 'edited')],
    ]);
  });
});

const many: CaptureItem[] = Array.from({ length: 30 }, (_, i) => ({
  ...ITEMS[3],
  text: `Proposal number ${String(i + 1).padStart(2, '0')}`,
}));

describe('CaptureScreen: a long list', () => {
  it('shows a window that fits the terminal (24 rows here) and scrolls with the focus', async () => {
    const s = await open(many);
    const frame = s.frame();
    expect(frame.split('\n').length).toBeLessThan(24);
    expect(frame).toContain('Proposal number 01');
    expect(frame).not.toContain('Proposal number 30');
    expect(frame).toMatch(/… \d+ more below/);
    for (let i = 0; i < 20; i++) await s.press('j');
    const later = s.frame();
    expect(later).toContain('21 of 30');
    expect(row(later, 21)).toMatch(/^❯ 21 pending\s+Proposal number 21/);
    expect(later).toMatch(/… \d+ more above/);
    expect(later).not.toContain('Proposal number 01');
    expect(later.split('\n').length).toBeLessThan(24);
  });
  it('fits 24 rows whatever is open: a long turn, a replaced value, the path editor, the text editor, a message', async () => {
    const long = Array.from({ length: 12 }, (_, i) => ({ ...ITEMS[i % 2], text: `${ITEMS[i % 2].text} (${i + 1})` }));
    const s = await open(long);
    const height = () => s.frame().split('\n').length;
    expect(height()).toBeLessThan(24);
    expect(s.frame()).toMatch(/… \d+ more below/);
    await s.press('j');
    expect(s.frame()).toContain('replaces:');
    expect(height()).toBeLessThan(24);
    await s.press('p', 'e');
    expect(s.frame()).toContain('more: keep typing to narrow');
    expect(height()).toBeLessThan(24);
    await s.press(KEY.enter);
    expect(s.frame()).toContain('not a leaf: e');
    expect(height()).toBeLessThan(24);
    await s.press(
      KEY.escape,
      'e',
      ' and this sentence goes on for a while to take a second line on the screen',
      KEY.enter,
    );
    expect(s.frame()).toContain('reworded from');
    expect(height()).toBeLessThan(24);
    await s.press('e', '\u0015', KEY.enter);
    expect(s.frame()).toContain('the text is empty');
    expect(height()).toBeLessThan(24);
  });
});

describe('reviewCaptures', () => {
  it('fits the list to the height of the terminal, and again when it is resized', async () => {
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    /** The last frame drawn: its height, and how many proposals it lists. */
    const drawn = () => {
      const frames = stdout.writes.filter((w) => w.includes('Facts from the conversation'));
      const lines = stripVTControlCharacters(frames.at(-1) ?? '')
        .trimEnd()
        .split('\n');
      return { height: lines.length, listed: lines.filter((l) => / Proposal number \d\d$/.test(l)).length };
    };
    const pending = reviewCaptures(many, LEAVES, {
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      color: false,
    });
    await until(() => stdin.listenerCount('readable') > 0, 'the screen to listen for keys');
    const tall = drawn(); // 40 rows
    expect(tall.height).toBeLessThan(40);
    stdout.rows = 24;
    stdout.emit('resize');
    await until(() => drawn().listed < tall.listed, 'the list to shrink');
    const short = drawn();
    expect(short.listed).toBe(tall.listed - 16);
    expect(short.height).toBeLessThan(24);
    stdin.press('q');
    expect(await pending).toHaveLength(30);
  });

  it('draws on the given terminal and resolves with a decision per proposal, leaving the terminal as it was', async () => {
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    const pending = reviewCaptures(ITEMS, LEAVES, {
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      color: false,
    });
    await until(() => stdin.listenerCount('readable') > 0, 'the screen to listen for keys');
    expect(stdout.text()).toContain('❯ 1 pending');
    for (const key of ['x', 's', 'q']) {
      stdin.press(key);
      await settle();
    }
    expect(await pending).toEqual([{ kind: 'reject' }, { kind: 'later' }, { kind: 'later' }, { kind: 'later' }]);
    expect(stdin.rawMode).toEqual([true, false]);
    expect(stdin.listenerCount('readable')).toBe(0);
  });

  it('no proposals: resolves at once with none, without touching the terminal', async () => {
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    await expect(reviewCaptures([], LEAVES, { stdin: stdin as never, stdout: stdout as never })).resolves.toEqual([]);
    expect(stdin.rawMode).toEqual([]);
    expect(stdout.writes).toEqual([]);
  });

  it('refuses a stdin that is not a terminal, naming the flags that decide without one', async () => {
    const stdout = new FakeStdout();
    await expect(
      reviewCaptures(ITEMS, LEAVES, { stdin: new FakeStdin(false) as never, stdout: stdout as never }),
    ).rejects.toMatchObject({ code: 'cannot-prompt', exitCode: 2, hint: expect.stringContaining('--yes') });
    expect(stdout.writes).toEqual([]);
  });
});
