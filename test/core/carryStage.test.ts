import { describe, expect, it } from 'vitest';
import { carryStage } from '../../src/core/carryStage.js';
import type { Fact } from '../../src/core/fact.js';
import type { Stage } from '../../src/core/stage.js';

const THEME = 'preferences.ui.theme';
const FOOD = 'preferences.food.cuisine';
const fact = (path: string, text: string, id: string): Fact => ({
  id,
  path,
  text,
  recordedAt: '2026-11-21T13:00:00Z',
  source: 'cli',
  classifier: 'manual',
});
const leaves = (...facts: Fact[]) => {
  const map = new Map<string, Fact[]>();
  for (const f of facts) map.set(f.path, [...(map.get(f.path) ?? []), f]);
  return map;
};
const cardinalityOf = (p: string) => (p === THEME ? ('one' as const) : ('many' as const));
const pizza = fact(FOOD, 'Pizza', '0000000001');
const dark = fact(THEME, 'Dark', '0000000002');
const light = fact(THEME, 'Light', '0000000003');
const ramen = fact(FOOD, 'Ramen', '0000000004');
const solar = fact(THEME, 'Solarized', '0000000005');

describe('carryStage', () => {
  it('keeps additions to many leaves and removals of facts present on the target', () => {
    const stage: Stage = {
      version: 1,
      ops: [
        { op: 'add', fact: ramen },
        { op: 'remove', fact: pizza },
      ],
    };
    expect(carryStage(stage, leaves(pizza), leaves(pizza), cardinalityOf)).toEqual({ kept: stage.ops, dropped: [] });
  });

  it('drops a removal whose fact the target lacks, and a one-leaf value where the target holds another value', () => {
    const stage: Stage = {
      version: 1,
      ops: [
        { op: 'remove', fact: pizza },
        { op: 'add', fact: solar },
        { op: 'add', fact: ramen },
      ],
    };
    const result = carryStage(stage, leaves(pizza, dark), leaves(light), cardinalityOf);
    expect(result.kept).toEqual([{ op: 'add', fact: ramen }]);
    expect(result.dropped.map((d) => d.reason)).toEqual(['gone', 'value-differs']);
  });

  it('keeps a one-leaf value when the target holds the same value', () => {
    const stage: Stage = { version: 1, ops: [{ op: 'add', fact: solar }] };
    expect(carryStage(stage, leaves(dark), leaves(dark), cardinalityOf).dropped).toEqual([]);
  });
});
