import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/fact.js';
import { applyInRounds, splitRounds } from '../../src/core/rounds.js';
import { emptyStage, stageAdds, type StagedOp } from '../../src/core/stage.js';
import type { Cardinality } from '../../src/core/taxonomy.js';

const THEME = 'preferences.ui.theme'; // one
const NAME = 'profile.identity.name'; // one
const FOOD = 'preferences.food.cuisine'; // many
const cardinalityOf = (path: string): Cardinality => (path === THEME || path === NAME ? 'one' : 'many');

let next = 0;
const fact = (path: string, text: string): Fact => ({
  id: (0xb000000000 + next++).toString(16),
  path,
  text,
  recordedAt: '2026-11-21T13:00:00Z',
  source: 'cli',
  classifier: 'manual',
});
const add = (f: Fact): StagedOp => ({ op: 'add', fact: f });
const textsOf = (facts: readonly Fact[] | undefined) => (facts ?? []).map((f) => f.text);

describe('splitRounds: one commit per value of a one leaf', () => {
  it('puts every other change and the first value of each one leaf in the first round, the n-th value in round n', () => {
    const [dark, ramen, light, ada, ida, solar, remove] = [
      fact(THEME, 'Dark'),
      fact(FOOD, 'Ramen'),
      fact(THEME, 'Light'),
      fact(NAME, 'Ada'),
      fact(NAME, 'Ida'),
      fact(THEME, 'Solarized'),
      fact(FOOD, 'Pizza'),
    ];
    const rounds = splitRounds(
      [add(dark), add(ramen), add(light), add(ada), add(ida), add(solar), { op: 'remove', fact: remove }],
      cardinalityOf,
    );
    expect(rounds.map((r) => r.map((o) => o.fact.text))).toEqual([
      ['Dark', 'Ramen', 'Ada', 'Pizza'],
      ['Light', 'Ida'],
      ['Solarized'],
    ]);
  });

  it('a batch without two values for a one leaf is one round, in order', () => {
    const ops = [add(fact(FOOD, 'a')), add(fact(FOOD, 'b')), add(fact(THEME, 'c'))];
    expect(splitRounds(ops, cardinalityOf)).toEqual([ops]);
  });
});

describe('applyInRounds', () => {
  it('A, B, A at a one leaf is history: each value added in turn, each later one superseding the one before', () => {
    const committed = fact(THEME, 'Dark');
    const batch = [fact(THEME, 'Light'), fact(THEME, 'Dark again'), fact(THEME, 'light')];
    const { stage } = stageAdds(emptyStage(), batch, cardinalityOf, new Map([[THEME, [committed]]]));
    expect(stage.ops).toHaveLength(3);
    const effect = applyInRounds(stage.ops, new Map([[THEME, [committed]]]), cardinalityOf);
    expect(effect.rounds.map((r) => textsOf(r.leaves.get(THEME)))).toEqual([['Light'], ['Dark again'], ['light']]);
    expect(
      effect.rounds.map((r) => r.added.map((a) => [a.fact.text, a.fact.supersedes, textsOf(a.supersedes)])),
    ).toEqual([
      [['Light', committed.id, ['Dark']]],
      [['Dark again', batch[0].id, ['Light']]],
      [['light', batch[1].id, ['Dark again']]],
    ]);
    expect(effect.supersededInBatch.map((s) => [s.fact.text, s.by.text])).toEqual([
      ['Light', 'Dark again'],
      ['Dark again', 'light'],
    ]);
    expect(textsOf(effect.leaves.get(THEME))).toEqual(['light']);
    expect(effect.added).toHaveLength(3);
  });

  it('a many leaf keeps every value in the first round; nothing is superseded', () => {
    const effect = applyInRounds([add(fact(FOOD, 'a')), add(fact(FOOD, 'b'))], new Map(), cardinalityOf);
    expect(effect.rounds).toHaveLength(1);
    expect(effect.supersededInBatch).toEqual([]);
    expect(textsOf(effect.leaves.get(FOOD))).toEqual(['a', 'b']);
  });

  it('leaves out rounds that change nothing (their values are already on the branch)', () => {
    const light = fact(THEME, 'Light');
    const effect = applyInRounds(
      [add(fact(THEME, 'Dark')), add(light)],
      new Map([[THEME, [fact(THEME, 'dark')]]]),
      cardinalityOf,
    );
    expect(effect.rounds).toHaveLength(1);
    expect(effect.skipped.map((s) => s.reason)).toEqual(['duplicate']);
    expect(textsOf(effect.leaves.get(THEME))).toEqual(['Light']);
  });
});

describe('stageAdds: every staged value has its own id', () => {
  it('A, B, A staged by separate calls in the same second: the second A gets an id of its own', () => {
    const a = fact(THEME, 'Dark');
    const first = stageAdds(emptyStage(), [a], cardinalityOf, new Map());
    const second = stageAdds(first.stage, [fact(THEME, 'Light')], cardinalityOf, new Map());
    const third = stageAdds(second.stage, [{ ...a }], cardinalityOf, new Map());
    const ids = third.stage.ops.map((o) => o.fact.id);
    expect(new Set(ids).size).toBe(3);
    expect(third.outcomes[0]).toMatchObject({ kind: 'staged', fact: { id: ids[2], text: 'Dark' } });
    const effect = applyInRounds(third.stage.ops, new Map(), cardinalityOf);
    expect(effect.supersededInBatch.map((s) => [s.fact.id, s.by.id])).toEqual([
      [ids[0], ids[1]],
      [ids[1], ids[2]],
    ]);
  });
});
