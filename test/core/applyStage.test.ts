import { describe, expect, it } from 'vitest';
import { applyStage } from '../../src/core/applyStage.js';
import type { Fact } from '../../src/core/fact.js';
import type { StagedOp } from '../../src/core/stage.js';
import type { Cardinality } from '../../src/core/taxonomy.js';

const THEME = 'preferences.ui.theme'; // one
const FOOD = 'preferences.food.cuisine'; // many
const cardinalityOf = (path: string): Cardinality => (path === THEME ? 'one' : 'many');

const fact = (path: string, text: string, id: string): Fact => ({
  id,
  path,
  text,
  recordedAt: '2026-11-21T13:00:00Z',
  source: 'cli',
  classifier: 'manual',
});
const add = (f: Fact): StagedOp => ({ op: 'add', fact: f });
const remove = (f: Fact): StagedOp => ({ op: 'remove', fact: f });
const current = (...facts: Fact[]) => {
  const map = new Map<string, Fact[]>();
  for (const f of facts) map.set(f.path, [...(map.get(f.path) ?? []), f]);
  return map;
};
const ids = (facts: readonly Fact[] | undefined) => (facts ?? []).map((f) => f.id);

const pizza = fact(FOOD, 'Pizza', '0000000001');
const sushi = fact(FOOD, 'Sushi', '0000000002');
const dark = fact(THEME, 'Dark mode', '0000000003');

describe('applyStage', () => {
  it('adds to a many leaf after the facts already there', () => {
    const ramen = fact(FOOD, 'Ramen', 'aaaaaaaaa1');
    const effect = applyStage([add(ramen)], current(pizza, sushi), cardinalityOf);
    expect(ids(effect.leaves.get(FOOD))).toEqual([pizza.id, sushi.id, ramen.id]);
    expect(effect.added).toEqual([{ fact: ramen, supersedes: [] }]);
    expect(effect.removed).toEqual([]);
    expect(effect.skipped).toEqual([]);
  });

  it('adds to an empty leaf', () => {
    const effect = applyStage([add(pizza)], new Map(), cardinalityOf);
    expect(effect.leaves.get(FOOD)).toEqual([pizza]);
  });

  it('adds to a one leaf by superseding the value there, recording its id on the new fact', () => {
    const light = fact(THEME, 'Light mode', 'aaaaaaaaa2');
    const effect = applyStage([add(light)], current(dark), cardinalityOf);
    const written = effect.leaves.get(THEME)!;
    expect(written).toEqual([{ ...light, supersedes: dark.id }]);
    expect(effect.added).toEqual([{ fact: { ...light, supersedes: dark.id }, supersedes: [dark] }]);
    expect(light.supersedes).toBeUndefined(); // the staged fact itself is not changed
  });

  it('supersedes every value of a one leaf that holds several (hand-edited), naming the last', () => {
    const older = fact(THEME, 'Solarized', '0000000004');
    const light = fact(THEME, 'Light mode', 'aaaaaaaaa3');
    const effect = applyStage([add(light)], current(older, dark), cardinalityOf);
    expect(effect.leaves.get(THEME)).toEqual([{ ...light, supersedes: dark.id }]);
    expect(effect.added[0].supersedes).toEqual([older, dark]);
  });

  it('adds to an empty one leaf without supersedes', () => {
    const light = fact(THEME, 'Light mode', 'aaaaaaaaa4');
    const effect = applyStage([add(light)], new Map(), cardinalityOf);
    expect(effect.leaves.get(THEME)).toEqual([light]);
    expect(effect.leaves.get(THEME)![0]).not.toHaveProperty('supersedes');
  });

  it('removes a fact, keeping the others in place', () => {
    const ramen = fact(FOOD, 'Ramen', '0000000005');
    const effect = applyStage([remove(sushi)], current(pizza, sushi, ramen), cardinalityOf);
    expect(ids(effect.leaves.get(FOOD))).toEqual([pizza.id, ramen.id]);
    expect(effect.removed).toEqual([sushi]);
  });

  it('removes the fact as it is now, matched by id', () => {
    const edited = { ...sushi, text: 'Sushi, edited by hand' };
    const effect = applyStage([remove(sushi)], current(pizza, edited), cardinalityOf);
    expect(effect.removed).toEqual([edited]);
  });

  it('leaves a leaf empty when its last fact is removed', () => {
    expect(applyStage([remove(dark)], current(dark), cardinalityOf).leaves.get(THEME)).toEqual([]);
  });

  it('skips the removal of a fact that is gone', () => {
    const op = remove(sushi);
    const effect = applyStage([op], current(pizza), cardinalityOf);
    expect(effect.skipped).toEqual([{ op, reason: 'gone' }]);
    expect(effect.removed).toEqual([]);
    expect(effect.leaves.get(FOOD)).toEqual([pizza]);
  });

  it.each([
    ['the same text', 'Pizza'],
    ['another case and a full stop', 'pizza.'],
    ['extra spaces', '  Pizza '],
  ])('skips an add of %s as a duplicate', (_what, text) => {
    const op = add(fact(FOOD, text, 'aaaaaaaaa5'));
    const effect = applyStage([op], current(pizza), cardinalityOf);
    expect(effect.skipped).toEqual([{ op, reason: 'duplicate' }]);
    expect(effect.added).toEqual([]);
    expect(effect.leaves.get(FOOD)).toEqual([pizza]);
  });

  it('a duplicate at a one leaf does not supersede anything', () => {
    const effect = applyStage([add(fact(THEME, 'DARK MODE', 'aaaaaaaaa6'))], current(dark), cardinalityOf);
    expect(effect.leaves.get(THEME)).toEqual([dark]);
    expect(effect.skipped[0].reason).toBe('duplicate');
  });

  it('applies several operations on one leaf in sequence', () => {
    const ramen = fact(FOOD, 'Ramen', 'aaaaaaaaa7');
    const tacos = fact(FOOD, 'Tacos', 'aaaaaaaaa8');
    const ramenAgain = fact(FOOD, 'ramen', 'aaaaaaaaa9');
    const ops = [add(ramen), remove(pizza), add(tacos), add(ramenAgain), remove(pizza), remove(ramen)];
    const effect = applyStage(ops, current(pizza, sushi), cardinalityOf);
    expect(ids(effect.leaves.get(FOOD))).toEqual([sushi.id, tacos.id]);
    expect(effect.added.map((a) => a.fact.id)).toEqual([ramen.id, tacos.id]);
    expect(effect.removed.map((f) => f.id)).toEqual([pizza.id, ramen.id]);
    expect(effect.skipped).toEqual([
      { op: ops[3], reason: 'duplicate' },
      { op: ops[4], reason: 'gone' },
    ]);
  });

  it('a fact removed and then added again is not a duplicate', () => {
    const again = fact(FOOD, 'Pizza', 'aaaaaaaab1');
    const effect = applyStage([remove(pizza), add(again)], current(pizza, sushi), cardinalityOf);
    expect(ids(effect.leaves.get(FOOD))).toEqual([sushi.id, again.id]);
    expect(effect.skipped).toEqual([]);
  });

  it('chains supersedes through successive values of a one leaf', () => {
    const light = fact(THEME, 'Light', 'aaaaaaaab2');
    const solarized = fact(THEME, 'Solarized', 'aaaaaaaab3');
    const effect = applyStage([add(light), add(solarized)], current(dark), cardinalityOf);
    expect(effect.leaves.get(THEME)).toEqual([{ ...solarized, supersedes: light.id }]);
    expect(effect.added.map((a) => [a.fact.id, a.fact.supersedes, ids(a.supersedes)])).toEqual([
      [light.id, dark.id, [dark.id]],
      [solarized.id, light.id, [light.id]],
    ]);
  });

  it('a removal then an add at a one leaf supersedes nothing', () => {
    const light = fact(THEME, 'Light', 'aaaaaaaab4');
    const effect = applyStage([remove(dark), add(light)], current(dark), cardinalityOf);
    expect(effect.leaves.get(THEME)).toEqual([light]);
    expect(effect.added).toEqual([{ fact: light, supersedes: [] }]);
    expect(effect.removed).toEqual([dark]);
  });

  it('touches only the leaves the operations name, and never changes `current`', () => {
    const now = current(pizza, sushi, dark);
    const snapshot = structuredClone([...now]);
    const effect = applyStage([add(fact(THEME, 'Light', 'aaaaaaaab5')), remove(pizza)], now, cardinalityOf);
    expect([...effect.leaves.keys()].sort()).toEqual([FOOD, THEME]);
    expect([...now]).toEqual(snapshot);
  });

  it('is empty for no operations', () => {
    expect(applyStage([], current(pizza), cardinalityOf)).toEqual({
      leaves: new Map(),
      added: [],
      removed: [],
      skipped: [],
    });
  });
});
