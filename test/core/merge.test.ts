import { describe, expect, it } from 'vitest';
import { normalizeFactText, type Fact } from '../../src/core/fact.js';
import { configDefault } from '../../src/config/schema.js';
import {
  decisionProblem,
  mergeLeaf,
  resolveConflict,
  sameAddedFact,
  settleLeaf,
  settleLeaves,
  similarity,
  type Decision,
} from '../../src/core/merge.js';

const THEME = 'preferences.ui.theme'; // one
const FOOD = 'preferences.food.cuisine'; // many
const fact = (path: string, text: string, id: string, extra: Partial<Fact> = {}): Fact => ({
  id,
  path,
  text,
  recordedAt: '2026-11-21T13:00:00Z',
  source: 'cli',
  classifier: 'manual',
  ...extra,
});
const food = (text: string, id: string) => fact(FOOD, text, id);
const edited = (f: Fact, text: string): Fact => ({ ...f, text });
const texts = (facts: readonly Fact[]) => facts.map((f) => f.text);
const DEFAULT_SIMILARITY = configDefault('merge.similarity');
const many = (base: Fact[], ours: Fact[], theirs: Fact[], threshold = DEFAULT_SIMILARITY) =>
  mergeLeaf({ path: FOOD, cardinality: 'many', base, ours, theirs }, threshold);
const one = (base: Fact[], ours: Fact[], theirs: Fact[]) =>
  mergeLeaf({ path: THEME, cardinality: 'one', base, ours, theirs }, DEFAULT_SIMILARITY);

const pizza = food('Pizza', '0000000001');
const sushi = food('Sushi', '0000000002');
const ramen = food('Ramen', '0000000003');

describe('mergeLeaf at a many leaf', () => {
  it.each([
    ['a fact added on one side is kept', [pizza], [pizza, sushi], [pizza, ramen], ['Pizza', 'Sushi', 'Ramen']],
    [
      'a fact removed on one side and untouched on the other is removed',
      [pizza, sushi],
      [sushi, ramen],
      [pizza, sushi],
      ['Sushi', 'Ramen'],
    ],
    ['a fact removed on both sides stays removed', [pizza, sushi], [sushi], [sushi, ramen], ['Sushi', 'Ramen']],
    [
      'an edit on one side wins over no change',
      [pizza, sushi],
      [edited(pizza, 'Neapolitan pizza'), sushi, ramen],
      [pizza],
      ['Neapolitan pizza', 'Ramen'],
    ],
    [
      'the same edit on both sides is no conflict',
      [pizza],
      [edited(pizza, 'Thin pizza'), sushi],
      [edited(pizza, 'Thin pizza'), ramen],
      ['Thin pizza', 'Sushi', 'Ramen'],
    ],
  ])('%s', (_name, base, ours, theirs, expected) => {
    const merged = many(base, ours, theirs);
    expect(merged.conflicts).toEqual([]);
    expect(texts(merged.facts)).toEqual(expected);
  });

  it('the same fact added on both sides (same text after normalisation) is kept once, ours', () => {
    const merged = many(
      [pizza],
      [pizza, food('Likes sushi', 'aaaaaaaaaa')],
      [pizza, food('  likes  SUSHI. ', 'bbbbbbbbbb')],
    );
    expect(merged.facts.map((f) => f.id)).toEqual([pizza.id, 'aaaaaaaaaa']);
  });

  it('near-identical facts added on both sides are kept once at the default similarity, twice below it', () => {
    const ours = food('The user likes spicy Sichuan food', 'aaaaaaaaaa');
    const theirs = food('The user likes spicy Szechuan food', 'bbbbbbbbbb');
    expect(similarity(ours.text, theirs.text)).toBeGreaterThan(DEFAULT_SIMILARITY);
    const folded = many([pizza], [pizza, ours], [pizza, theirs]);
    expect(folded.facts).toHaveLength(2);
    // the fold is reported (the merge commit lists it), never silent
    expect(folded.folded).toEqual([{ path: FOOD, kept: ours, dropped: theirs }]);
    expect(many([pizza], [pizza, ours], [pizza, theirs], 1)).toMatchObject({ facts: { length: 3 }, folded: [] });
  });

  // The table that chose DEFAULT_SIMILARITY: every "same" pair must score at or above it,
  // every "different" pair below it (or differ in its numbers).
  const SAME: Array<[string, string]> = [
    ['The user likes spicy Sichuan food', 'The user likes spicy Szechuan food'],
    ['Prefers dark-mode in every editor', 'Prefers dark mode in every editor'],
    ['Uses Neovim as the main editor at work', 'Uses NeoVim as the main editor at work.'],
    ['Favourite colour is a deep teal green', 'Favorite colour is a deep teal green'],
    ['Works remotely from Lisbon on most days', 'Works remotely from Lisbon on most days!'],
    ['Has a golden retriever called Biscuit', 'Has a golden retreiver called Biscuit'],
  ];
  const DIFFERENT: Array<[string, string]> = [
    ['Allergic to peanuts', 'Allergic to walnuts'],
    ['Has two children', 'Has three children'],
    ['Likes cats', 'Likes bats'],
    ['Born in 1985', 'Born in 1986'],
    ['The user likes spicy food', 'The user dislikes spicy food'],
    ['I like coffee in the morning every day', "I don't like coffee in the morning every day"],
    ['Prefers tabs over spaces', 'Prefers spaces over tabs'],
    ['Lives in Austria', 'Lives in Australia'],
  ];
  it.each(SAME)('"%s" and "%s" are the same fact at the default similarity', (a, b) => {
    expect(sameAddedFact(a, b, DEFAULT_SIMILARITY)).toBe(true);
    expect(sameAddedFact(a, b, 1)).toBe(normalizeFactText(a) === normalizeFactText(b));
  });
  it.each(DIFFERENT)('"%s" and "%s" are two facts at the default similarity', (a, b) => {
    expect(sameAddedFact(a, b, DEFAULT_SIMILARITY)).toBe(false);
  });

  it('different facts added on both sides are both kept', () => {
    expect(
      many([], [food('Allergic to peanuts', 'aaaaaaaaaa')], [food('Allergic to walnuts', 'bbbbbbbbbb')]).facts,
    ).toHaveLength(2);
  });

  it('a fact edited differently on both sides is a conflict, with base, ours and theirs', () => {
    const merged = many(
      [pizza, sushi],
      [edited(pizza, 'Thin pizza'), sushi],
      [edited(pizza, 'Deep-dish pizza'), sushi],
    );
    // our version holds the place until the conflict is resolved
    expect(texts(merged.facts)).toEqual(['Thin pizza', 'Sushi']);
    expect(merged.conflicts).toHaveLength(1);
    const [c] = merged.conflicts;
    expect(c).toMatchObject({
      path: FOOD,
      kind: 'edit',
      cardinality: 'many',
      base: pizza,
      ours: { text: 'Thin pizza' },
      theirs: { text: 'Deep-dish pizza' },
    });
    expect(c.id).toMatch(/^[0-9a-f]{7}$/);
  });

  it('a fact edited on one side and removed on the other is a conflict, either way round', () => {
    const oursEdits = many([pizza, sushi], [edited(pizza, 'Thin pizza'), sushi], [sushi]);
    expect(oursEdits.conflicts).toMatchObject([
      { kind: 'edit-remove', ours: { text: 'Thin pizza' }, theirs: null, base: pizza },
    ]);
    const theirsEdits = many([pizza, sushi], [sushi], [edited(pizza, 'Thin pizza'), sushi]);
    expect(theirsEdits.conflicts).toMatchObject([{ kind: 'edit-remove', ours: null, theirs: { text: 'Thin pizza' } }]);
    expect(texts(theirsEdits.facts)).toEqual(['Sushi']);
  });

  it('conflict ids are stable: the same merge gives the same ids', () => {
    const a = many([pizza], [edited(pizza, 'A')], [edited(pizza, 'B')]);
    const b = many([pizza], [edited(pizza, 'A')], [edited(pizza, 'B')]);
    expect(a.conflicts[0].id).toBe(b.conflicts[0].id);
    expect(many([pizza], [edited(pizza, 'A')], [edited(pizza, 'C')]).conflicts[0].id).not.toBe(a.conflicts[0].id);
  });
});

describe('mergeLeaf at a one leaf', () => {
  const dark = fact(THEME, 'Dark mode', '1000000001');
  const light = fact(THEME, 'Light mode', '1000000002', { supersedes: dark.id });
  const solar = fact(THEME, 'Solarized', '1000000003', { supersedes: dark.id });

  it('a value changed on one side only is taken', () => {
    expect(one([dark], [dark], [light]).facts).toEqual([light]);
    expect(one([dark], [solar], [dark]).facts).toEqual([solar]);
  });

  it('the same value set on both sides is kept once', () => {
    const same = { ...light, id: '2000000002' };
    expect(one([dark], [light], [same])).toEqual({
      path: THEME,
      facts: [light],
      conflicts: [],
      folded: [{ path: THEME, kept: light, dropped: same }],
    });
  });

  it('near-identical values set on both sides are two values: a conflict, whatever merge.similarity says', () => {
    const tomasz = fact(THEME, 'My name is Tomasz', '1000000004');
    const thomas = fact(THEME, 'My name is Thomas', '1000000005');
    expect(sameAddedFact(tomasz.text, thomas.text, 0.85)).toBe(true); // near-identical at 0.85: at a many leaf they would be one fact
    for (const threshold of [0, 0.85, DEFAULT_SIMILARITY]) {
      const merged = mergeLeaf(
        { path: THEME, cardinality: 'one', base: [], ours: [tomasz], theirs: [thomas] },
        threshold,
      );
      expect(merged.facts).toEqual([]);
      expect(merged.conflicts).toMatchObject([{ kind: 'value', ours: tomasz, theirs: thomas }]);
    }
    // the same text after normalisation is still one value
    expect(one([], [tomasz], [{ ...tomasz, id: '1000000006', text: ' my name is  tomasz. ' }])).toMatchObject({
      facts: [tomasz],
      conflicts: [],
    });
  });

  it('a value changed differently on both sides is a conflict', () => {
    const merged = one([dark], [solar], [light]);
    expect(merged.facts).toEqual([]);
    expect(merged.conflicts).toMatchObject([
      { kind: 'value', cardinality: 'one', base: dark, ours: solar, theirs: light },
    ]);
  });

  it('a value removed on one side and changed on the other is a conflict', () => {
    expect(one([dark], [], [light]).conflicts).toMatchObject([{ kind: 'edit-remove', ours: null, theirs: light }]);
  });

  it('a value set on both sides of an empty base is a conflict', () => {
    expect(one([], [solar], [light]).conflicts).toMatchObject([{ kind: 'value', base: null }]);
  });
});

describe('resolving conflicts', () => {
  const [c] = many([pizza], [edited(pizza, 'Thin pizza')], [edited(pizza, 'Deep-dish pizza')]).conflicts;

  it.each<[string, Decision, string[]]>([
    ['ours', { kind: 'ours' }, ['Thin pizza']],
    ['theirs', { kind: 'theirs' }, ['Deep-dish pizza']],
    ['both', { kind: 'both' }, ['Thin pizza', 'Deep-dish pizza']],
    ['text', { kind: 'text', text: 'Any pizza' }, ['Any pizza']],
  ])('%s', (_name, decision, expected) => {
    expect(texts(resolveConflict(c, decision))).toEqual(expected);
  });

  it('--text keeps our fact id (an in-place edit); both gives theirs a new id when they share one', () => {
    expect(resolveConflict(c, { kind: 'text', text: 'Any pizza' })[0].id).toBe(pizza.id);
    const both = resolveConflict(c, { kind: 'both' });
    expect(both[0].id).toBe(pizza.id);
    expect(both[1].id).toMatch(/^[0-9a-f]{10}$/);
    expect(both[1].id).not.toBe(pizza.id);
  });

  it('keeping ours of an edit-remove where ours removed it leaves nothing', () => {
    const [gone] = many([pizza], [], [edited(pizza, 'Thin pizza')]).conflicts;
    expect(resolveConflict(gone, { kind: 'ours' })).toEqual([]);
  });

  it("--text records a person's fact written in the merge: our id, at the merge's time, src=merge, by=manual, no classifier trace", () => {
    const classified = { ...pizza, source: 'mcp', classifier: 'offline', confidence: 0.91, how: 'auto' as const };
    const [conflicting] = many(
      [classified],
      [edited(classified, 'Thin pizza')],
      [edited(classified, 'Deep-dish pizza')],
    ).conflicts;
    expect(resolveConflict(conflicting, { kind: 'text', text: 'Any pizza' }, '2026-12-01T10:00:00Z')).toEqual([
      {
        id: pizza.id,
        path: FOOD,
        text: 'Any pizza',
        recordedAt: '2026-12-01T10:00:00Z',
        source: 'merge',
        classifier: 'manual',
      },
    ]);
    // ours and theirs keep the provenance they had
    expect(resolveConflict(conflicting, { kind: 'ours' }, '2026-12-01T10:00:00Z')[0]).toMatchObject({
      source: 'mcp',
      classifier: 'offline',
      confidence: 0.91,
      how: 'auto',
    });
  });

  it('"both" does not apply to a one leaf; empty text does not apply anywhere', () => {
    const [value] = one(
      [fact(THEME, 'Dark', '1000000001')],
      [fact(THEME, 'A', '1000000002')],
      [fact(THEME, 'B', '1000000003')],
    ).conflicts;
    expect(decisionProblem(value, { kind: 'both' })).toMatch(/one value/);
    expect(decisionProblem(value, { kind: 'theirs' })).toBeUndefined();
    expect(decisionProblem(c, { kind: 'text', text: ' ' })).toMatch(/empty/);
  });

  it('settleLeaf puts each resolution where our fact was (appended when we had none); settleLeaves does every leaf', () => {
    const merged = many(
      [pizza, sushi],
      [edited(pizza, 'Thin pizza'), sushi, ramen],
      [edited(pizza, 'Deep-dish pizza'), sushi],
    );
    const decisions = new Map<string, Decision>([[merged.conflicts[0].id, { kind: 'theirs' }]]);
    expect(texts(settleLeaf(merged.facts, merged.conflicts, decisions))).toEqual(['Deep-dish pizza', 'Sushi', 'Ramen']);
    expect(
      texts(settleLeaf(merged.facts, merged.conflicts, new Map([[merged.conflicts[0].id, { kind: 'both' }]]))),
    ).toEqual(['Thin pizza', 'Deep-dish pizza', 'Sushi', 'Ramen']);
    expect(texts(settleLeaves(new Map([[FOOD, merged.facts]]), merged.conflicts, decisions).get(FOOD)!)).toEqual([
      'Deep-dish pizza',
      'Sushi',
      'Ramen',
    ]);
    const removedByUs = many([pizza, sushi], [sushi], [edited(pizza, 'Thin pizza'), sushi]);
    expect(
      texts(
        settleLeaf(
          removedByUs.facts,
          removedByUs.conflicts,
          new Map([[removedByUs.conflicts[0].id, { kind: 'theirs' }]]),
        ),
      ),
    ).toEqual(['Sushi', 'Thin pizza']);
    expect(() => settleLeaf(merged.facts, merged.conflicts, new Map())).toThrow(/no decision/);
  });
});
