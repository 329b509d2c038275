import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/fact.js';
import { emptyStage, isStage, stageAdds, stageRemove, unstage, type Stage } from '../../src/core/stage.js';
import type { Cardinality } from '../../src/core/taxonomy.js';

const THEME = 'preferences.ui.theme'; // one
const FOOD = 'preferences.food.cuisine'; // many
const cardinalityOf = (path: string): Cardinality =>
  path === THEME || path === 'profile.identity.name' ? 'one' : 'many';

let next = 0;
const fact = (path: string, text: string, id = (0xa000000000 + next++).toString(16)): Fact => ({
  id,
  path,
  text,
  recordedAt: '2026-11-21T13:00:00Z',
  source: 'cli',
  classifier: 'manual',
});
const current = (...facts: Fact[]) => {
  const map = new Map<string, Fact[]>();
  for (const f of facts) map.set(f.path, [...(map.get(f.path) ?? []), f]);
  return map;
};
const texts = (stage: Stage) => stage.ops.map((o) => `${o.op} ${o.fact.path} ${o.fact.text}`);

describe('stageAdds', () => {
  it('stages new facts in order', () => {
    const a = fact(FOOD, 'I like ramen');
    const b = fact(FOOD, 'I like tacos');
    const { stage, outcomes } = stageAdds(emptyStage(), [a, b], cardinalityOf, new Map());
    expect(stage.ops).toEqual([
      { op: 'add', fact: a },
      { op: 'add', fact: b },
    ]);
    expect(outcomes).toEqual([
      { kind: 'staged', fact: a },
      { kind: 'staged', fact: b },
    ]);
  });

  it('does not change the stage it is given', () => {
    const before = emptyStage();
    stageAdds(before, [fact(FOOD, 'x')], cardinalityOf, new Map());
    expect(before.ops).toEqual([]);
  });

  it.each([
    ['the same text', 'I like ramen'],
    ['another case', 'i LIKE Ramen'],
    ['extra whitespace', '  I like   ramen '],
    ['a trailing full stop', 'I like ramen.'],
    ['full-width letters', 'Ｉ like ramen'],
  ])('a fact already committed with %s is a duplicate, not staged', (_what, text) => {
    const committed = fact(FOOD, 'I like ramen');
    const added = fact(FOOD, text);
    const { stage, outcomes } = stageAdds(emptyStage(), [added], cardinalityOf, current(committed));
    expect(stage.ops).toEqual([]);
    expect(outcomes).toEqual([{ kind: 'duplicate', fact: added, existing: committed, where: 'committed' }]);
  });

  it.each([
    ['the same text', 'I like ramen'],
    ['another case and a full stop', 'I LIKE RAMEN.'],
  ])('a fact already staged with %s is a duplicate, not staged', (_what, text) => {
    const first = stageAdds(emptyStage(), [fact(FOOD, 'I like ramen')], cardinalityOf, new Map());
    const added = fact(FOOD, text);
    const { stage, outcomes } = stageAdds(first.stage, [added], cardinalityOf, new Map());
    expect(stage.ops).toEqual(first.stage.ops);
    expect(outcomes).toEqual([{ kind: 'duplicate', fact: added, existing: first.stage.ops[0].fact, where: 'staged' }]);
  });

  it('finds a duplicate inside one batch', () => {
    const a = fact(FOOD, 'I like ramen');
    const b = fact(FOOD, 'i like ramen.');
    const { stage, outcomes } = stageAdds(emptyStage(), [a, b], cardinalityOf, new Map());
    expect(stage.ops).toHaveLength(1);
    expect(outcomes[1]).toEqual({ kind: 'duplicate', fact: b, existing: a, where: 'staged' });
  });

  it('does not treat the same text at another leaf as a duplicate', () => {
    const { stage } = stageAdds(
      emptyStage(),
      [fact(FOOD, 'Ramen'), fact('preferences.food.drinks', 'Ramen')],
      cardinalityOf,
      current(fact('goals.personal.life', 'Ramen')),
    );
    expect(stage.ops).toHaveLength(2);
  });

  it('does not fold different texts together', () => {
    const { stage } = stageAdds(
      emptyStage(),
      [fact(FOOD, 'I like ramen'), fact(FOOD, 'I like ramen!'), fact(FOOD, 'I liked ramen')],
      cardinalityOf,
      new Map(),
    );
    expect(stage.ops).toHaveLength(3);
  });

  it('at a one leaf, a second staged value is staged after the first, which stays (commit keeps both in history)', () => {
    const dark = fact(THEME, 'Dark mode');
    const light = fact(THEME, 'Light mode');
    const first = stageAdds(emptyStage(), [dark], cardinalityOf, new Map());
    const { stage, outcomes } = stageAdds(first.stage, [light], cardinalityOf, new Map());
    expect(stage.ops).toEqual([
      { op: 'add', fact: dark },
      { op: 'add', fact: light },
    ]);
    expect(outcomes).toEqual([{ kind: 'staged', fact: light, replaced: dark }]);
  });

  it('at a one leaf, every value of a batch is staged in order, each replacing the one before', () => {
    const ramen = fact(FOOD, 'Ramen');
    const [dark, light, solarized] = [fact(THEME, 'Dark'), fact(THEME, 'Light'), fact(THEME, 'Solarized')];
    const { stage, outcomes } = stageAdds(emptyStage(), [dark, ramen, light, solarized], cardinalityOf, new Map());
    expect(stage.ops.map((o) => o.fact)).toEqual([dark, ramen, light, solarized]);
    expect(outcomes.map((o) => (o.kind === 'staged' ? o.replaced?.text : 'dup'))).toEqual([
      undefined,
      undefined,
      'Dark',
      'Light',
    ]);
  });

  it('at a one leaf, a staged value and a committed one coexist on the stage (the commit supersedes)', () => {
    const { stage, outcomes } = stageAdds(
      emptyStage(),
      [fact(THEME, 'Light')],
      cardinalityOf,
      current(fact(THEME, 'Dark')),
    );
    expect(texts(stage)).toEqual([`add ${THEME} Light`]);
    expect(outcomes[0]).not.toHaveProperty('replaced');
  });

  it('at a many leaf, values accumulate', () => {
    const first = stageAdds(emptyStage(), [fact(FOOD, 'Ramen')], cardinalityOf, current(fact(FOOD, 'Pizza')));
    const { stage, outcomes } = stageAdds(
      first.stage,
      [fact(FOOD, 'Tacos'), fact(FOOD, 'Curry')],
      cardinalityOf,
      current(fact(FOOD, 'Pizza')),
    );
    expect(texts(stage)).toEqual([`add ${FOOD} Ramen`, `add ${FOOD} Tacos`, `add ${FOOD} Curry`]);
    expect(outcomes.every((o) => o.kind === 'staged' && o.replaced === undefined)).toBe(true);
  });

  it('a committed fact whose removal is staged is not a duplicate', () => {
    const committed = fact(FOOD, 'I like ramen');
    const removing = stageRemove(emptyStage(), [committed]).stage;
    const again = fact(FOOD, 'I like ramen');
    const { stage, outcomes } = stageAdds(removing, [again], cardinalityOf, current(committed));
    expect(outcomes).toEqual([{ kind: 'staged', fact: again }]);
    expect(stage.ops).toEqual([
      { op: 'remove', fact: committed },
      { op: 'add', fact: again },
    ]);
  });

  it('keeps staged removals when a one leaf value is replaced', () => {
    const committed = fact(THEME, 'Dark');
    let stage = stageRemove(emptyStage(), [committed]).stage;
    stage = stageAdds(stage, [fact(THEME, 'Light')], cardinalityOf, current(committed)).stage;
    stage = stageAdds(stage, [fact(THEME, 'Solarized')], cardinalityOf, current(committed)).stage;
    expect(texts(stage)).toEqual([`remove ${THEME} Dark`, `add ${THEME} Light`, `add ${THEME} Solarized`]);
  });

  it('stages a batch of 10,000 facts well under a second', () => {
    const committed = Array.from({ length: 5_000 }, (_, i) => fact(FOOD, `committed fact ${i}`));
    const batch = Array.from({ length: 10_000 }, (_, i) =>
      fact(i % 2 ? FOOD : 'knowledge.technical.gotchas', `new fact ${i % 9_000}`),
    );
    const started = performance.now();
    const { stage, outcomes } = stageAdds(emptyStage(), batch, cardinalityOf, current(...committed));
    const elapsed = performance.now() - started;
    expect(stage.ops).toHaveLength(9_000);
    expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(1_000);
    expect(elapsed).toBeLessThan(500);
  });

  it('stages into a large stage quickly too', () => {
    const big = stageAdds(
      emptyStage(),
      Array.from({ length: 10_000 }, (_, i) => fact(FOOD, `fact ${i}`)),
      cardinalityOf,
      new Map(),
    ).stage;
    const started = performance.now();
    const { stage } = stageAdds(
      big,
      Array.from({ length: 10_000 }, (_, i) => fact(FOOD, `more ${i}`)),
      cardinalityOf,
      new Map(),
    );
    expect(stage.ops).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('stageRemove', () => {
  it('stages removals and reports which', () => {
    const [a, b] = [fact(FOOD, 'a'), fact(FOOD, 'b')];
    const { stage, staged, already } = stageRemove(emptyStage(), [a, b]);
    expect(stage.ops).toEqual([
      { op: 'remove', fact: a },
      { op: 'remove', fact: b },
    ]);
    expect(staged).toEqual([a, b]);
    expect(already).toEqual([]);
  });

  it('skips facts whose removal is already staged', () => {
    const [a, b] = [fact(FOOD, 'a'), fact(FOOD, 'b')];
    const first = stageRemove(emptyStage(), [a]).stage;
    const { stage, staged, already } = stageRemove(first, [a, b]);
    expect(stage.ops).toEqual([
      { op: 'remove', fact: a },
      { op: 'remove', fact: b },
    ]);
    expect(staged).toEqual([b]);
    expect(already).toEqual([a]);
  });

  it('removes a fact named twice in one call once', () => {
    const a = fact(FOOD, 'a');
    const { stage, staged, already } = stageRemove(emptyStage(), [a, a]);
    expect(stage.ops).toEqual([{ op: 'remove', fact: a }]);
    expect(staged).toEqual([a]);
    expect(already).toEqual([a]);
  });

  it('keeps staged adds', () => {
    const added = stageAdds(emptyStage(), [fact(FOOD, 'new')], cardinalityOf, new Map()).stage;
    expect(texts(stageRemove(added, [fact(FOOD, 'old')]).stage)).toEqual([`add ${FOOD} new`, `remove ${FOOD} old`]);
  });
});

describe('unstage', () => {
  const a = fact(FOOD, 'a', 'aaaa000001');
  const b = fact(FOOD, 'b', 'aaaa000002');
  const c = fact(THEME, 'c', 'bbbb000001');
  const stage: Stage = {
    version: 1,
    ops: [
      { op: 'add', fact: a },
      { op: 'remove', fact: b },
      { op: 'add', fact: c },
    ],
  };

  it.each([
    ['aaaa000001', ['a'], ['b', 'c']],
    ['aaaa00000', ['a', 'b'], ['c']],
    ['bbbb', ['c'], ['a', 'b']],
    ['cccc', [], ['a', 'b', 'c']],
    [undefined, ['a', 'b', 'c'], []],
  ])('unstage(%j)', (prefix, removed, kept) => {
    const result = unstage(stage, prefix);
    expect(result.removed.map((o) => o.fact.text)).toEqual(removed);
    expect(result.stage.ops.map((o) => o.fact.text)).toEqual(kept);
    expect(result.stage.version).toBe(1);
  });

  it('does not change the stage it is given', () => {
    unstage(stage);
    expect(stage.ops).toHaveLength(3);
  });
});

describe('isStage', () => {
  const good = {
    id: '3fa2c91b0d',
    path: FOOD,
    text: 'I like ramen',
    recordedAt: '2026-11-21T13:00:00Z',
    source: 'cli',
    classifier: 'manual',
  };
  const withFact = (f: unknown, op = 'add') => ({ version: 1, ops: [{ op, fact: f }] });

  it.each([
    ['an empty stage', emptyStage()],
    ['an add', withFact(good)],
    ['a remove', withFact(good, 'remove')],
    [
      'a fact with confidence, supersedes and extra',
      withFact({ ...good, confidence: 0.5, supersedes: 'abcdef0123', extra: { x: 'y' } }),
    ],
    [
      'a removal of a hand-written fact with empty text and no time',
      withFact({ ...good, text: '', recordedAt: '', source: 'unknown', classifier: 'unknown' }, 'remove'),
    ],
    [
      'what JSON gives back for a real stage',
      JSON.parse(JSON.stringify(stageAdds(emptyStage(), [fact(FOOD, 'x')], cardinalityOf, new Map()).stage)),
    ],
  ])('accepts %s', (_what, value) => {
    expect(isStage(value)).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'stage'],
    ['an array', []],
    ['a newer version', { version: 2, ops: [] }],
    ['no version', { ops: [] }],
    ['ops that are not a list', { version: 1, ops: {} }],
    ['a null op', { version: 1, ops: [null] }],
    ['a string op', { version: 1, ops: ['add'] }],
    ['an unknown op', withFact(good, 'edit')],
    ['a missing fact', { version: 1, ops: [{ op: 'add' }] }],
    ['a null fact', withFact(null)],
    ['a fact without an id', withFact({ ...good, id: undefined })],
    ['an id that is not hex (it could not be read back)', withFact({ ...good, id: 'XYZ' })],
    ['an empty id', withFact({ ...good, id: '' })],
    ['a numeric id', withFact({ ...good, id: 123 })],
    ['a fact without a path', withFact({ ...good, path: undefined })],
    ['an empty path', withFact({ ...good, path: '' })],
    ['a text that is not a string', withFact({ ...good, text: 42 })],
    ['a text with a line feed (it would split the line)', withFact({ ...good, text: 'two\nlines' })],
    ['a missing recordedAt', withFact({ ...good, recordedAt: undefined })],
    ['a missing source', withFact({ ...good, source: undefined })],
    ['a classifier that is not a string', withFact({ ...good, classifier: 1 })],
    ['a confidence that is a string', withFact({ ...good, confidence: '0.5' })],
    ['supersedes that is not a string', withFact({ ...good, supersedes: 7 })],
    ['extra that is not a mapping of strings', withFact({ ...good, extra: { x: 1 } })],
    ['extra that is a string', withFact({ ...good, extra: 'x' })],
  ])('rejects %s', (_what, value) => {
    expect(isStage(value)).toBe(false);
  });
});

describe('stageAdds: the latest statement wins at a one leaf', () => {
  it('restating the committed value after a pending replacement is a new value (A, B, A is history), not a silent unstaging', () => {
    const leaf = 'preferences.ui.theme';
    const dark = {
      id: '1111111111',
      path: leaf,
      text: 'Dark',
      recordedAt: '2026-01-01T00:00:00Z',
      source: 'cli',
      classifier: 'manual',
    };
    const light = { ...dark, id: '2222222222', text: 'Light' };
    const again = { ...dark, id: '3333333333', text: 'dark' };
    const current = new Map([[leaf, [dark]]]);
    const first = stageAdds({ version: 1, ops: [] }, [light], () => 'one', current);
    expect(first.stage.ops.map((o) => o.fact.text)).toEqual(['Light']);
    const second = stageAdds(first.stage, [again], () => 'one', current);
    expect(second.stage.ops.map((o) => o.fact.text)).toEqual(['Light', 'dark']);
    expect(second.outcomes).toEqual([{ kind: 'staged', fact: again, replaced: light }]);
    // restating the latest pending value is a duplicate of it
    const third = stageAdds(second.stage, [{ ...dark, id: '4444444444', text: 'DARK' }], () => 'one', current);
    expect(third.stage.ops).toHaveLength(2);
    expect(third.outcomes[0]).toMatchObject({ kind: 'duplicate', where: 'staged', existing: again });
  });

  it('at a many leaf, a duplicate of a committed fact leaves other staged facts alone', () => {
    const leaf = 'relationships.pets.animals';
    const cat = {
      id: '1111111111',
      path: leaf,
      text: 'A cat',
      recordedAt: '2026-01-01T00:00:00Z',
      source: 'cli',
      classifier: 'manual',
    };
    const dog = { ...cat, id: '2222222222', text: 'A dog' };
    const current = new Map([[leaf, [cat]]]);
    const first = stageAdds({ version: 1, ops: [] }, [dog], () => 'many', current);
    const second = stageAdds(first.stage, [{ ...cat, id: '3333333333' }], () => 'many', current);
    expect(second.stage.ops.map((o) => o.fact.text)).toEqual(['A dog']);
    expect(second.outcomes[0]).toMatchObject({ kind: 'duplicate', where: 'committed' });
  });
});
