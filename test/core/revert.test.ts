import { describe, expect, it } from 'vitest';
import { diffLeaf } from '../../src/core/factDiff.js';
import type { Fact } from '../../src/core/fact.js';
import { planRevert } from '../../src/core/revert.js';
import type { Cardinality } from '../../src/core/taxonomy.js';

const THEME = 'preferences.ui.theme'; // one
const FOOD = 'preferences.food.cuisine'; // many
const cardinalityOf = (path: string): Cardinality => (path === THEME ? 'one' : 'many');
const fact = (path: string, text: string, id: string, extra: Partial<Fact> = {}): Fact => ({
  id,
  path,
  text,
  recordedAt: '2026-11-21T13:00:00Z',
  source: 'cli',
  classifier: 'manual',
  ...extra,
});
const leaves = (...facts: Fact[]) => {
  const map = new Map<string, Fact[]>();
  for (const f of facts) map.set(f.path, [...(map.get(f.path) ?? []), f]);
  return map;
};
const texts = (facts: readonly Fact[] | undefined) => (facts ?? []).map((f) => f.text);

const pizza = fact(FOOD, 'Pizza', '0000000001');
const sushi = fact(FOOD, 'Sushi', '0000000002');
const light = fact(THEME, 'Light mode', '00000000a1');
const dark = fact(THEME, 'Dark mode', '00000000a2', { supersedes: light.id });
const blue = fact(THEME, 'Blue mode', '00000000a3', { supersedes: dark.id });

// the commit being reverted: added sushi, and set the theme from light to dark
const commitChanges = [...diffLeaf(FOOD, [pizza], [pizza, sushi], 'many'), ...diffLeaf(THEME, [light], [dark], 'one')];

describe('planRevert', () => {
  it('undoes a commit nothing changed since: the addition goes, the old value comes back', () => {
    const plan = planRevert(commitChanges, leaves(pizza, sushi, dark), cardinalityOf);
    expect(plan.conflicts).toEqual([]);
    expect(texts(plan.leaves.get(FOOD))).toEqual(['Pizza']);
    expect(plan.leaves.get(THEME)).toEqual([light]);
  });

  it('a superseding value whose text was edited since (same id, e.g. a merge settled with --text) is a conflict', () => {
    const edited = { ...dark, text: 'Dark mode, high contrast' };
    const plan = planRevert(commitChanges, leaves(pizza, sushi, edited), cardinalityOf);
    expect(plan.conflicts).toEqual([{ change: commitChanges[1], current: edited, reason: 'edited-since' }]);
    expect(
      planRevert(commitChanges, leaves(pizza, sushi, edited), cardinalityOf, 'ours').leaves.get(THEME),
    ).toBeUndefined();
    expect(planRevert(commitChanges, leaves(pizza, sushi, edited), cardinalityOf, 'theirs').leaves.get(THEME)).toEqual([
      light,
    ]);
  });

  it('brings a removed fact back with its id and provenance', () => {
    const removal = diffLeaf(FOOD, [pizza, sushi], [pizza], 'many');
    expect(planRevert(removal, leaves(pizza), cardinalityOf).leaves.get(FOOD)).toEqual([pizza, sushi]);
  });

  it('restores the text of a fact edited in place', () => {
    const edited = { ...pizza, text: 'Pizza al taglio' };
    const plan = planRevert(diffLeaf(FOOD, [pizza], [edited], 'many'), leaves(edited), cardinalityOf);
    expect(plan.leaves.get(FOOD)).toEqual([pizza]);
  });

  it('skips what later commits already undid, and changes no leaf for it', () => {
    const plan = planRevert(commitChanges, leaves(pizza, light), cardinalityOf);
    expect(plan.conflicts).toEqual([]);
    expect(plan.leaves.size).toBe(0);
  });

  it('a one leaf that took another value since is a conflict; unsettled it changes nothing there', () => {
    const plan = planRevert(commitChanges, leaves(pizza, sushi, blue), cardinalityOf);
    expect(plan.conflicts).toEqual([{ change: commitChanges[1], current: blue, reason: 'value-changed-since' }]);
    expect(plan.leaves.has(THEME)).toBe(false);
    expect(texts(plan.leaves.get(FOOD))).toEqual(['Pizza']); // the rest is still undone
  });

  it('--strategy ours keeps the later value; theirs undoes anyway', () => {
    expect(planRevert(commitChanges, leaves(pizza, sushi, blue), cardinalityOf, 'ours').leaves.has(THEME)).toBe(false);
    expect(planRevert(commitChanges, leaves(pizza, sushi, blue), cardinalityOf, 'theirs').leaves.get(THEME)).toEqual([
      light,
    ]);
  });

  it('an added fact edited since is a conflict: ours keeps the edit, theirs removes it', () => {
    const edited = { ...sushi, text: 'Sushi, especially nigiri' };
    const plan = planRevert(commitChanges, leaves(pizza, edited, dark), cardinalityOf);
    expect(plan.conflicts.map((c) => [c.reason, c.current?.text])).toEqual([
      ['edited-since', 'Sushi, especially nigiri'],
    ]);
    expect(
      planRevert(commitChanges, leaves(pizza, edited, dark), cardinalityOf, 'ours').leaves.get(FOOD),
    ).toBeUndefined();
    expect(
      texts(planRevert(commitChanges, leaves(pizza, edited, dark), cardinalityOf, 'theirs').leaves.get(FOOD)),
    ).toEqual(['Pizza']);
  });

  it('an edit whose fact was removed since is a conflict: theirs brings the old text back', () => {
    const edited = { ...pizza, text: 'Pizza!' };
    const change = diffLeaf(FOOD, [pizza], [edited], 'many');
    const plan = planRevert(change, leaves(sushi), cardinalityOf);
    expect(plan.conflicts.map((c) => c.reason)).toEqual(['removed-since']);
    expect(texts(planRevert(change, leaves(sushi), cardinalityOf, 'theirs').leaves.get(FOOD))).toEqual([
      'Sushi',
      'Pizza',
    ]);
  });

  it('re-adding a removed fact is skipped when the same text is there again', () => {
    const removal = diffLeaf(FOOD, [pizza, sushi], [pizza], 'many');
    const again = fact(FOOD, 'sushi', '0000000077');
    expect(planRevert(removal, leaves(pizza, again), cardinalityOf).leaves.size).toBe(0);
  });
});
