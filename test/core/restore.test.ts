import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/fact.js';
import { planRestore } from '../../src/core/restore.js';

const FOOD = 'preferences.food.cuisine';
const fact = (text: string, id: string): Fact => ({
  id,
  path: FOOD,
  text,
  recordedAt: '2026-11-21T13:00:00Z',
  source: 'cli',
  classifier: 'manual',
});
const pizza = fact('Pizza', '0000000001');
const sushi = fact('Sushi', '0000000002');
const ramen = fact('Ramen', '0000000003');

describe('planRestore', () => {
  it('removes what the old commit did not hold and adds back what it did', () => {
    expect(planRestore(new Map([[FOOD, [pizza, ramen]]]), new Map([[FOOD, [pizza, sushi]]]))).toEqual({
      remove: [ramen],
      add: [sushi],
    });
  });

  it('a fact edited since is removed and its old wording added back, same id', () => {
    const edited = { ...pizza, text: 'Pizza!' };
    expect(planRestore(new Map([[FOOD, [edited]]]), new Map([[FOOD, [pizza]]]))).toEqual({
      remove: [edited],
      add: [pizza],
    });
  });

  it('nothing to do when the leaf is as it was; an empty old leaf empties it', () => {
    expect(planRestore(new Map([[FOOD, [pizza]]]), new Map([[FOOD, [pizza]]]))).toEqual({ remove: [], add: [] });
    expect(planRestore(new Map([[FOOD, [pizza]]]), new Map())).toEqual({ remove: [pizza], add: [] });
  });
});
