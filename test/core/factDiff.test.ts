import { describe, expect, it } from 'vitest';
import {
  addedAndRemoved,
  countChanges,
  countKinds,
  describeCounts,
  diffLeaf,
  type FactChange,
} from '../../src/core/factDiff.js';
import type { Fact } from '../../src/core/fact.js';

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
const summary = (changes: FactChange[]) => changes.map((c) => [c.kind, c.old?.text ?? null, c.new?.text ?? null]);

const pizza = fact(FOOD, 'Pizza', '0000000001');
const sushi = fact(FOOD, 'Sushi', '0000000002');
const ramen = fact(FOOD, 'Ramen', '0000000003');
const light = fact(THEME, 'Light mode', '00000000a1');
const dark = fact(THEME, 'Dark mode', '00000000a2', { supersedes: light.id });

describe('diffLeaf', () => {
  it.each<[string, Fact[], Fact[], 'one' | 'many', Array<[string, string | null, string | null]>]>([
    ['nothing changed', [pizza, sushi], [pizza, sushi], 'many', []],
    ['facts that only moved are not changes', [pizza, sushi], [sushi, pizza], 'many', []],
    ['an addition', [pizza], [pizza, ramen], 'many', [['added', null, 'Ramen']]],
    ['a removal', [pizza, sushi], [sushi], 'many', [['removed', 'Pizza', null]]],
    [
      'from nothing',
      [],
      [pizza, sushi],
      'many',
      [
        ['added', null, 'Pizza'],
        ['added', null, 'Sushi'],
      ],
    ],
    ['to nothing', [pizza], [], 'many', [['removed', 'Pizza', null]]],
    [
      'an edit in place (same id)',
      [pizza],
      [{ ...pizza, text: 'Neapolitan pizza' }],
      'many',
      [['modified', 'Pizza', 'Neapolitan pizza']],
    ],
    ['a superseded value of a one leaf', [light], [dark], 'one', [['superseded', 'Light mode', 'Dark mode']]],
    [
      'a one leaf replaced without a supersedes mark',
      [light],
      [{ ...dark, supersedes: undefined }],
      'one',
      [['superseded', 'Light mode', 'Dark mode']],
    ],
    [
      'in a many leaf, one out and one in are two changes',
      [pizza],
      [ramen],
      'many',
      [
        ['added', null, 'Ramen'],
        ['removed', 'Pizza', null],
      ],
    ],
    ['a one leaf emptied', [light], [], 'one', [['removed', 'Light mode', null]]],
    ['a metadata-only change is not a change', [pizza], [{ ...pizza, confidence: 0.9 }], 'many', []],
  ])('%s', (_, before, after, cardinality, expected) => {
    expect(summary(diffLeaf(before[0]?.path ?? after[0]?.path ?? FOOD, before, after, cardinality))).toEqual(expected);
  });

  it('pairs a superseding fact with the one it names, even in a many leaf', () => {
    const better = fact(FOOD, 'Pizza al taglio', '0000000009', { supersedes: pizza.id });
    expect(summary(diffLeaf(FOOD, [pizza, sushi], [sushi, better], 'many'))).toEqual([
      ['superseded', 'Pizza', 'Pizza al taglio'],
    ]);
  });

  it('carries the path and both facts, so ids and provenance are at hand', () => {
    const [change] = diffLeaf(THEME, [light], [dark], 'one');
    expect(change).toEqual({ kind: 'superseded', path: THEME, old: light, new: dark });
  });
});

describe('addedAndRemoved and countChanges', () => {
  const changes = [
    ...diffLeaf(THEME, [light], [dark], 'one'),
    ...diffLeaf(FOOD, [pizza, sushi], [{ ...pizza, text: 'Pizza!' }, ramen], 'many'),
  ];

  it('a superseded value is one added and one removed fact; an edit in place neither', () => {
    const { added, removed } = addedAndRemoved(changes);
    expect(added.map((f) => f.id).sort()).toEqual([ramen.id, dark.id].sort());
    expect(removed.map((f) => f.id).sort()).toEqual([sushi.id, light.id].sort());
  });

  it('counts each kind per leaf, in path order', () => {
    expect(countChanges(changes)).toEqual([
      { path: FOOD, added: 1, removed: 1, modified: 1, superseded: 0 },
      { path: THEME, added: 0, removed: 0, modified: 0, superseded: 1 },
    ]);
  });

  it('one vocabulary in words: a supersession is one change, never "1 added, 1 removed"', () => {
    expect(countKinds(diffLeaf(THEME, [light], [dark], 'one'))).toEqual({
      added: 0,
      removed: 0,
      modified: 0,
      superseded: 1,
    });
    expect(describeCounts(countKinds(diffLeaf(THEME, [light], [dark], 'one')))).toBe('1 fact superseded');
    expect(describeCounts(countKinds(changes))).toBe('1 fact added, 1 removed, 1 modified, 1 superseded');
    expect(describeCounts({ added: 2, removed: 0, modified: 0, superseded: 0 })).toBe('2 facts added');
    expect(describeCounts({ added: 0, removed: 0, modified: 0, superseded: 0 })).toBe('no facts changed');
  });
});
