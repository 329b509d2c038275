import { describe, expect, it } from 'vitest';
import { commonPrefix, complete, matchLeaves } from '../../src/ui/completion.js';
import { LEAVES } from './fixtures.js';

const paths = (draft: string) => matchLeaves(draft, LEAVES).map((leaf) => leaf.path);

describe('matchLeaves', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['preferences.ui', ['preferences.ui.theme', 'preferences.ui.font']],
    ['PREFERENCES.UI.T', ['preferences.ui.theme']],
    // a path's start first, then a segment's start, then anywhere: "lang" starts no path
    ['lang', ['profile.languages.spoken', 'preferences.coding.languages']],
    ['ui', ['preferences.ui.theme', 'preferences.ui.font', 'preferences.food.cuisine']],
    // all three groups, in that order, each in taxonomy order
    [
      'work',
      [
        'work.employment.employer',
        'work.employment.role',
        'work.schedule.hours',
        'work.history.past_jobs',
        'work.skills.technical',
        'workflow.git.branching',
        'workflow.testing.practices',
        'workflow.review.process',
        'workflow.ci.pipelines',
        'relationships.work.manager',
        'relationships.work.teammates',
        'project.stack.frameworks',
      ],
    ],
    ['zzz', []],
  ])('%j', (draft, expected) => {
    expect(paths(draft)).toEqual(expected);
  });
});

describe('commonPrefix', () => {
  it.each([
    [[], ''],
    [['a.b.c'], 'a.b.c'],
    [['preferences.ui.theme', 'preferences.ui.font'], 'preferences.ui.'],
    [['abc', 'xyz'], ''],
  ])('%j → %j', (values, expected) => expect(commonPrefix(values)).toBe(expected));
});

describe('complete (Tab)', () => {
  const tab = (draft: string, highlighted = 0, moved = false) =>
    complete(draft, matchLeaves(draft, LEAVES).slice(0, 6), highlighted, moved);
  it.each([
    ['extends to the common prefix of matches that all start with the draft', tab('pref'), 'preferences.'],
    ['then to the next common part', tab('preferences.u'), 'preferences.ui.'],
    ['nothing common left: the highlighted match', tab('preferences.ui.'), 'preferences.ui.theme'],
    ['a highlight the person moved wins over the common prefix', tab('preferences.ui', 1, true), 'preferences.ui.font'],
    ['a match inside a path: the highlighted one', tab('theme'), 'preferences.ui.theme'],
    ['no match: unchanged', tab('zzz'), 'zzz'],
  ])('%s', (_what, got, expected) => expect(got).toBe(expected));
});
