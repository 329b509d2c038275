import { describe, expect, it } from 'vitest';
import {
  commitMessage,
  mergeDecisionLines,
  mergeMessage,
  parseTrailers,
  summarize,
} from '../../src/core/commitMessage.js';
import type { Fact } from '../../src/core/fact.js';
import { configDefault } from '../../src/config/schema.js';
import { mergeLeaf, resolveConflict, type Conflict } from '../../src/core/merge.js';

const SIMILARITY = configDefault('merge.similarity');
let n = 0;
const fact = (path: string, text: string, extra: Partial<Fact> = {}): Fact => ({
  id: (0xc000000000 + n++).toString(16),
  path,
  text,
  recordedAt: '2026-11-21T13:00:00Z',
  source: 'cli',
  classifier: 'manual',
  ...extra,
});
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('summarize', () => {
  it.each([
    [
      'one add',
      [fact('preferences.ui.theme', 'I prefer dark mode')],
      [],
      'Remember preferences.ui.theme: I prefer dark mode',
    ],
    ['one remove', [], [fact('preferences.ui.theme', 'Dark mode')], 'Forget preferences.ui.theme: Dark mode'],
    [
      'one add superseding one fact',
      [fact('preferences.ui.theme', 'Light mode')],
      [fact('preferences.ui.theme', 'Dark mode')],
      'Remember preferences.ui.theme: Light mode',
    ],
    ['two adds at two leaves', [fact('a.b.c', 'x'), fact('a.b.d', 'y')], [], 'Remember 2 facts: a.b.c, a.b.d'],
    ['two adds at one leaf', [fact('a.b.c', 'x'), fact('a.b.c', 'y')], [], 'Remember 2 facts: a.b.c'],
    [
      'paths sorted and listed once',
      [fact('z.z.z', '1'), fact('a.a.a', '2'), fact('z.z.z', '3')],
      [],
      'Remember 3 facts: a.a.a, z.z.z',
    ],
    ['two removes', [], [fact('a.b.c', 'x'), fact('a.b.d', 'y')], 'Forget 2 facts: a.b.c, a.b.d'],
    [
      'mixed',
      [fact('a.b.c', 'x'), fact('a.b.d', 'y')],
      [fact('a.b.e', 'z')],
      'Remember 2 facts, forget 1 fact: a.b.c, a.b.d, a.b.e',
    ],
    [
      'one add and two removes',
      [fact('a.b.c', 'x')],
      [fact('a.b.c', 'y'), fact('a.b.d', 'z')],
      'Remember 1 fact, forget 2 facts: a.b.c, a.b.d',
    ],
    ['nothing', [], [], 'Update memory'],
  ] as Array<[string, Fact[], Fact[], string]>)('%s', (_what, added, removed, subject) => {
    expect(summarize(added, removed)).toBe(subject);
  });

  it('lists as many paths as fit in 72 characters, then "(+N more)"', () => {
    const added = [
      fact('preferences.food.cuisine', '1'),
      fact('preferences.food.cuisine', '2'),
      fact('preferences.ui.theme', '3'),
      fact('relationships.pets.animals', '4'),
      fact('work.employment.role', '5'),
      fact('health.diet.allergies', '6'),
    ];
    // "Remember 6 facts: health.diet.allergies, preferences.food.cuisine (+3 more)" would be 75
    expect(summarize(added, [])).toBe('Remember 6 facts: health.diet.allergies (+4 more)');
    const few = [
      fact('a.b.c', '1'),
      fact('a.b.d', '2'),
      fact('a.b.e', '3'),
      fact('d.e.f', '4'),
      fact('g.h.i', '5'),
      fact('j.k.l', '6'),
      fact('m.n.o', '7'),
      fact('p.q.r', '8'),
      fact('s.t.u', '9'),
      fact('v.w.x', '10'),
    ];
    // 5-character paths: "Remember 10 facts: " (19) + 7 paths (47) + " (+3 more)" (10) = 76 > 72; 6 paths fit
    expect(summarize(few, [])).toBe('Remember 10 facts: a.b.c, a.b.d, a.b.e, d.e.f, g.h.i, j.k.l (+4 more)');
  });

  it('says how many leaves when not even one path fits beside the counts, never cutting a path', () => {
    const added = [fact('preferences.entertainment.music', 'Likes Bach'), fact('preferences.ui.theme', 'dark')];
    // "...: preferences.entertainment.music (+1 more)" would be 74 characters
    expect(summarize(added, [fact('preferences.ui.theme', 'light')])).toBe('Remember 2 facts, forget 1 fact: 2 leaves');
    const long = [fact('x'.repeat(60), '1'), fact('y'.repeat(60), '2')];
    expect(summarize(long, [])).toBe('Remember 2 facts: 2 leaves');
  });

  it('never exceeds 72 characters', () => {
    const paths = [
      'preferences.communication.format',
      'knowledge.technical.gotchas',
      'project.infrastructure.deployment',
      'a.b.c',
      'x'.repeat(90),
    ];
    for (let count = 1; count <= paths.length; count++) {
      for (const removedCount of [0, 1, 3]) {
        const added = paths.slice(0, count).map((p) => fact(p, 'a fact that is rather long '.repeat(4)));
        const removed = paths.slice(0, removedCount).map((p) => fact(p, 'gone'));
        const subject = summarize(added, removed);
        expect(subject.length, subject).toBeLessThanOrEqual(72);
        expect(subject).not.toContain('\n');
      }
    }
  });

  it('clips one long fact with an ellipsis at 72 characters', () => {
    const subject = summarize([fact('preferences.food.cuisine', 'I like '.repeat(30))], []);
    expect(subject).toHaveLength(72);
    expect(subject.startsWith('Remember preferences.food.cuisine: I like I like')).toBe(true);
    expect(subject.endsWith('…')).toBe(true);
  });

  it.each([68, 69, 70, 71, 72])('never cuts an emoji in half (emoji at unit %i)', (at) => {
    const head = 'Remember a.b.c: ';
    const subject = summarize([fact('a.b.c', 'x'.repeat(at - head.length) + '😀😀😀 and more text after it')], []);
    expect(subject.length).toBeLessThanOrEqual(72);
    expect(subject).not.toMatch(LONE_SURROGATE);
    expect(subject.endsWith('…')).toBe(true);
  });
});

describe('commitMessage', () => {
  it('one add: the subject and the trailers, no body', () => {
    expect(
      commitMessage({ added: [fact('preferences.ui.theme', 'I prefer dark mode')], removed: [], version: '0.1.0' }),
    ).toBe(
      'Remember preferences.ui.theme: I prefer dark mode\n' +
        '\n' +
        'Memoir-Added: 1\nMemoir-Removed: 0\nMemoir-Source: cli\nMemoir-Classifier: manual\nMemoir-Version: 0.1.0\n',
    );
  });

  it('several facts: a body with one line per fact, adds first', () => {
    const message = commitMessage({
      added: [
        fact('a.b.c', 'x', { source: 'stdin', classifier: 'offline' }),
        fact('a.b.d', 'y', { source: 'file:notes.txt' }),
      ],
      removed: [fact('a.b.e', 'z', { source: 'mcp' })],
      version: '1.2.3',
    });
    expect(message).toBe(
      'Remember 2 facts, forget 1 fact: a.b.c, a.b.d, a.b.e\n' +
        '\n' +
        '+ a.b.c: x\n+ a.b.d: y\n- a.b.e: z\n' +
        '\n' +
        'Memoir-Added: 2\nMemoir-Removed: 1\nMemoir-Source: file:notes.txt, stdin\nMemoir-Classifier: manual, offline\nMemoir-Version: 1.2.3\n',
    );
  });

  it('only removals: source and classifier are none', () => {
    const trailers = parseTrailers(
      commitMessage({ added: [], removed: [fact('a.b.c', 'x'), fact('a.b.d', 'y')], version: '1' }),
    );
    expect(trailers).toEqual({
      'Memoir-Added': '0',
      'Memoir-Removed': '2',
      'Memoir-Source': 'none',
      'Memoir-Classifier': 'none',
      'Memoir-Version': '1',
    });
  });

  it('-m replaces the generated subject and body, trimmed; the trailers stay', () => {
    const message = commitMessage({
      added: [fact('a.b.c', 'x'), fact('a.b.d', 'y')],
      removed: [],
      message: '  Import my notes\n\nFrom the old wiki.\n\n',
      version: '1',
    });
    expect(message).toBe(
      'Import my notes\n\nFrom the old wiki.\n\nMemoir-Added: 2\nMemoir-Removed: 0\nMemoir-Source: cli\nMemoir-Classifier: manual\nMemoir-Version: 1\n',
    );
  });

  it.each(['', '   ', '\n\n'])('-m %j counts as no message', (m) => {
    expect(commitMessage({ added: [fact('a.b.c', 'x')], removed: [], message: m, version: '1' }).split('\n')[0]).toBe(
      'Remember a.b.c: x',
    );
  });

  it.each([
    [20, 20, undefined],
    [21, 20, '… and 1 more'],
    [25, 20, '… and 5 more'],
    [200, 20, '… and 180 more'],
  ])('%i facts: the body lists %i and then %j', (count, shown, more) => {
    const added = Array.from({ length: count }, (_, i) => fact('a.b.c', `fact ${i}`));
    const body = commitMessage({ added, removed: [], version: '1' }).split('\n\n')[1].split('\n');
    expect(body.filter((l) => l.startsWith('+ '))).toHaveLength(shown);
    expect(body[0]).toBe('+ a.b.c: fact 0');
    expect(body.at(-1)).toBe(more ?? `+ a.b.c: fact ${count - 1}`);
  });

  it('clips a long body line at 100 characters', () => {
    const body = commitMessage({
      added: [fact('a.b.c', 'y'.repeat(300)), fact('a.b.d', 'z')],
      removed: [],
      version: '1',
    })
      .split('\n\n')[1]
      .split('\n');
    expect(body[0]).toHaveLength(100);
    expect(body[0].endsWith('…')).toBe(true);
  });

  it('with no facts (an empty commit with -m): only the provenance trailers', () => {
    expect(commitMessage({ added: [], removed: [], message: 'Checkpoint', version: '1' })).toBe(
      'Checkpoint\n\nMemoir-Source: none\nMemoir-Classifier: none\nMemoir-Version: 1\n',
    );
  });

  it('with no facts and no -m: a generic subject rather than a crash', () => {
    expect(commitMessage({ added: [], removed: [], version: '1' }).split('\n')[0]).toBe('Update memory');
  });

  it('writes trailers that parseTrailers reads back', () => {
    const message = commitMessage({
      added: [fact('a.b.c', 'x', { classifier: 'openai:gpt-4o-mini' })],
      removed: [fact('a.b.c', 'y')],
      version: '0.1.0',
    });
    expect(parseTrailers(message)).toEqual({
      'Memoir-Added': '1',
      'Memoir-Removed': '1',
      'Memoir-Source': 'cli',
      'Memoir-Classifier': 'openai:gpt-4o-mini',
      'Memoir-Version': '0.1.0',
    });
  });

  it('keeps trailers readable after a user message that ends in a paragraph of its own trailers', () => {
    const message = commitMessage({
      added: [fact('a.b.c', 'x')],
      removed: [],
      message: 'Sync\n\nCo-authored-by: Ada <ada@example.com>',
      version: '1',
    });
    expect(parseTrailers(message)['Memoir-Added']).toBe('1');
  });

  it('ends with exactly one newline', () => {
    const message = commitMessage({ added: [fact('a.b.c', 'x')], removed: [], message: 'm\n\n\n', version: '1' });
    expect(message.endsWith('\n')).toBe(true);
    expect(message.endsWith('\n\n')).toBe(false);
  });
});

describe('parseTrailers', () => {
  it.each([
    ['an empty message', '', {}],
    ['a subject only', 'Remember a.b.c: x\n', {}],
    ['a subject that looks like a trailer', 'Fix: typo\n', {}],
    ['a body that is prose', 'Subject\n\nSome explanation: with a colon.\nAnd a second line.\n', {}],
    ['a last paragraph with one line that is not a trailer', 'Subject\n\nKey: value\nnot a trailer\n', {}],
    ['one trailer', 'Subject\n\nSigned-off-by: Ada <ada@example.com>\n', { 'Signed-off-by': 'Ada <ada@example.com>' }],
    ['trailers after a body', 'Subject\n\nBody.\n\nA: 1\nB-2: two words\n', { A: '1', 'B-2': 'two words' }],
    ['a value with a colon', 'S\n\nSource: file:a.txt\n', { Source: 'file:a.txt' }],
    ['CRLF line ends', 'Subject\r\n\r\nA: 1\r\nB: 2\r\n', { A: '1', B: '2' }],
    ['blank lines with spaces between paragraphs', 'Subject\n  \nA: 1\n', { A: '1' }],
  ])('%s', (_what, message, trailers) => {
    expect(parseTrailers(message)).toEqual(trailers);
  });
});

describe('control characters of facts read from the repository', () => {
  it('are escaped in the subject, the body and the trailers: a NUL or ESC never reaches a commit object', () => {
    const hostile = fact('preferences.food.cuisine', 'Likes \x00 natto \x1b]0;x\x07', {
      source: 'editor\x1b[2J',
      classifier: 'manual\u009b',
    });
    const message = commitMessage({
      added: [hostile, fact('a.b.c', 'fine')],
      removed: [fact('a.b.d', 'gone \x07')],
      version: '1.0.0',
    });
    expect(message).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(message).toContain('+ preferences.food.cuisine: Likes \\x00 natto \\x1b]0;x\\x07');
    expect(message).toContain('- a.b.d: gone \\x07');
    expect(parseTrailers(message)['Memoir-Source']).toBe('cli, editor\\x1b[2J');
    expect(summarize([], [hostile])).toBe('Forget preferences.food.cuisine: Likes \\x00 natto \\x1b]0;x\\x07');
  });
});

describe('mergeMessage', () => {
  const FOOD = 'preferences.food.cuisine';
  const THEME = 'preferences.ui.theme';
  const pizza = fact(FOOD, 'Likes pizza');
  const dark = fact(THEME, 'Dark mode');
  const conflicts: Conflict[] = [
    ...mergeLeaf(
      {
        path: FOOD,
        cardinality: 'many',
        base: [pizza],
        ours: [{ ...pizza, text: 'Likes thin pizza' }],
        theirs: [{ ...pizza, text: 'Likes deep-dish pizza' }],
      },
      SIMILARITY,
    ).conflicts,
    ...mergeLeaf(
      {
        path: THEME,
        cardinality: 'one',
        base: [dark],
        ours: [fact(THEME, 'Solarized')],
        theirs: [fact(THEME, 'Light mode')],
      },
      SIMILARITY,
    ).conflicts,
  ];
  const ramen = fact(FOOD, 'Likes ramen');
  const folded = [{ path: FOOD, kept: ramen, dropped: fact(FOOD, 'likes RAMEN.') }];
  const base = {
    added: [],
    removed: [],
    version: '1.0.0',
    conflicts,
    folded,
    theirs: 'f'.repeat(40),
    message: "Merge branch 'agent-a' into main",
  };

  it('keeps the git-like subject; the body lists each decision by conflict and fact id, then the folds; trailers last', () => {
    const [edit, value] = conflicts;
    const message = mergeMessage({
      ...base,
      decisions: { [edit.id]: { kind: 'text', text: 'Likes any pizza' }, [value.id]: { kind: 'theirs' } },
    });
    expect(message.split('\n\n').slice(0, 2)).toEqual([
      "Merge branch 'agent-a' into main",
      `Conflicts settled (2):\n  ${edit.id} ${FOOD}: edited ${pizza.id} "Likes any pizza"\n  ${value.id} ${THEME}: took theirs ${value.theirs!.id} "Light mode"\n` +
        `Folded as the same fact (1):\n  ${FOOD}: theirs ${folded[0].dropped.id} "likes RAMEN." into ours ${ramen.id} "Likes ramen"`,
    ]);
    expect(parseTrailers(message)).toMatchObject({ 'Memoir-Merge': 'f'.repeat(40), 'Memoir-Conflicts': '2' });
  });

  it('ours, both, and a removal kept or taken are named too; a merge with nothing to list has no body', () => {
    const [edit, value] = conflicts;
    expect(mergeDecisionLines(conflicts, { [edit.id]: { kind: 'both' }, [value.id]: { kind: 'ours' } }, [])).toEqual([
      'Conflicts settled (2):',
      `  ${edit.id} ${FOOD}: kept both ${pizza.id} "Likes thin pizza" and ${resolveConflict(edit, { kind: 'both' })[1].id} "Likes deep-dish pizza"`,
      `  ${value.id} ${THEME}: kept ours ${value.ours!.id} "Solarized"`,
    ]);
    const [removed] = mergeLeaf(
      {
        path: FOOD,
        cardinality: 'many',
        base: [pizza],
        ours: [],
        theirs: [{ ...pizza, text: 'Likes thin pizza' }],
      },
      SIMILARITY,
    ).conflicts;
    expect(mergeDecisionLines([removed], { [removed.id]: { kind: 'ours' } }, [])).toEqual([
      'Conflicts settled (1):',
      `  ${removed.id} ${FOOD}: kept our removal`,
    ]);
    expect(mergeMessage({ ...base, conflicts: [], folded: [], decisions: {} }).split('\n\n')).toHaveLength(2);
  });
});
