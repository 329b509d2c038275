import { describe, expect, it } from 'vitest';
import { dice, loadGold, MATCH, statesPartOf } from '../../bench/capture/evaluate.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';

describe("bench:capture's conversations", () => {
  const set = loadGold();

  it('holds at least 20 conversations of the three kinds, with gold facts at leaves of the built-in taxonomy', () => {
    expect(set.length).toBeGreaterThanOrEqual(20);
    expect(new Set(set.map((c) => c.gold.kind))).toEqual(new Set(['assistant', 'friends', 'coding']));
    const leaves = builtinTaxonomy().leaves;
    for (const { name, gold } of set)
      for (const fact of gold.facts) expect(leaves.has(fact.leaf), `${name}: ${fact.leaf}`).toBe(true);
  });
});

describe("bench:capture's matching rules", () => {
  const names = new Set(['rosa']);

  it('matches a proposal to a gold fact by the Dice overlap of their stemmed content words', () => {
    expect(dice('Rosa is an ICU nurse at St James', "Rosa is an ICU nurse at St James's")).toBeGreaterThanOrEqual(
      MATCH,
    );
    expect(dice('Rosa is going to Madeira', 'Rosa is flying from Manchester to Madeira on 12 April')).toBeLessThan(
      MATCH,
    );
  });

  it('counts for precision a proposal that states part of a gold fact, by two words besides the names', () => {
    const whole = 'Rosa has adult beginners swimming lessons on Saturday mornings at the leisure centre';
    expect(statesPartOf('Rosa has swimming lessons on Saturday mornings', whole, names)).toBe(true);
    // the speaker's name and one word are not enough, nor a proposal that adds as much as it shares
    expect(statesPartOf('Rosa: swimming', whole, names)).toBe(false);
    expect(statesPartOf('Rosa hates swimming lessons in cold pools after work', whole, names)).toBe(false);
  });
});
