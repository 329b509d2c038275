import type { Fact } from '../../src/core/fact.js';
import type { MergeConflict } from '../../src/store/mergeState.js';

const fact = (path: string, text: string, id: string): Fact => ({
  id,
  path,
  text,
  recordedAt: '2026-11-21T13:00:00Z',
  source: 'cli',
  classifier: 'manual',
});
const ada = { commit: 'a'.repeat(40), name: 'Ada', email: 'ada@example.com', date: '2026-11-20T09:30:00Z' };
const bob = { commit: 'b'.repeat(40), name: 'Bob', email: 'bob@example.com', date: '2026-11-21T10:15:00Z' };

/** Three conflicts: a one-leaf value, a many-leaf edit, an edit against a removal. */
export const CONFLICTS: MergeConflict[] = [
  {
    id: '1a2b3c4',
    path: 'preferences.ui.theme',
    kind: 'value',
    cardinality: 'one',
    base: fact('preferences.ui.theme', 'I prefer dark mode', '1000000001'),
    ours: fact('preferences.ui.theme', 'I prefer solarized', '1000000002'),
    theirs: fact('preferences.ui.theme', 'I prefer light mode', '1000000003'),
    changed: { ours: ada, theirs: bob },
  },
  {
    id: '5d6e7f8',
    path: 'preferences.food.cuisine',
    kind: 'edit',
    cardinality: 'many',
    base: fact('preferences.food.cuisine', 'Likes pizza', '2000000001'),
    ours: fact('preferences.food.cuisine', 'Likes thin-crust pizza', '2000000001'),
    theirs: fact('preferences.food.cuisine', 'Likes deep-dish pizza', '2000000001'),
    changed: { ours: ada, theirs: bob },
  },
  {
    id: '9a0b1c2',
    path: 'preferences.food.cuisine',
    kind: 'edit-remove',
    cardinality: 'many',
    base: fact('preferences.food.cuisine', 'Likes sushi', '2000000002'),
    ours: fact('preferences.food.cuisine', 'Likes salmon sushi', '2000000002'),
    theirs: null,
    changed: { ours: ada },
  },
];
