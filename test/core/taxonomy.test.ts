import { describe, expect, it } from 'vitest';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { UsageError } from '../../src/errors/index.js';
import {
  buildTaxonomy,
  isUnder,
  leavesUnder,
  requireLeaf,
  requirePrefix,
  suggestLeaves,
  type Taxonomy,
} from '../../src/core/taxonomy.js';

const leaf = (cardinality: unknown = 'one', description: unknown = 'A leaf.', more: Record<string, unknown> = {}) => ({
  description,
  cardinality,
  ...more,
});

/** A small valid document to break one piece at a time. */
const valid = () => ({
  profile: {
    description: 'Who the user is.',
    identity: {
      description: 'Identity.',
      name: leaf('one', "The user's name.", { examples: ['My name is Ada'] }),
      age: leaf('one'),
    },
  },
  preferences: {
    ui: { theme: leaf('one'), font: leaf('one') },
    food: { cuisine: leaf('many') },
  },
});

const problemsOf = (raw: unknown) => buildTaxonomy(raw).problems.map((p) => [p.at, p.message]);

describe('buildTaxonomy: a valid document', () => {
  const { taxonomy, problems } = buildTaxonomy(valid());

  it('has no problems', () => expect(problems).toEqual([]));

  it('has every leaf with its description, cardinality and examples', () => {
    expect([...taxonomy.leaves.keys()].sort()).toEqual([
      'preferences.food.cuisine',
      'preferences.ui.font',
      'preferences.ui.theme',
      'profile.identity.age',
      'profile.identity.name',
    ]);
    expect(taxonomy.leaves.get('profile.identity.name')).toEqual({
      path: 'profile.identity.name',
      description: "The user's name.",
      cardinality: 'one',
      examples: ['My name is Ada'],
    });
    expect(taxonomy.leaves.get('preferences.food.cuisine')?.cardinality).toBe('many');
    expect(taxonomy.leaves.get('profile.identity.age')?.examples).toEqual([]);
  });

  it('keeps group descriptions by dotted path, and only those given', () => {
    expect(Object.fromEntries(taxonomy.groups)).toEqual({
      profile: 'Who the user is.',
      'profile.identity': 'Identity.',
    });
  });

  it('trims a leaf description', () => {
    expect(
      buildTaxonomy({ a: { b: { c: leaf('one', '  spaced  ') } } }).taxonomy.leaves.get('a.b.c')?.description,
    ).toBe('spaced');
  });
});

describe('buildTaxonomy: every problem is reported with its key path', () => {
  it.each([
    ['not a mapping', ['a', 'list'], [['(top)', 'the taxonomy must be a mapping of categories']]],
    ['null', null, [['(top)', 'the taxonomy must be a mapping of categories']]],
    ['empty', {}, [['(top)', 'the taxonomy has no categories']]],
    ['a leaf at depth 1', { a: leaf() }, [['a', 'a leaf must sit at depth 3 (category.subcategory.type), not 1']]],
    [
      'a leaf at depth 2',
      { a: { b: leaf() } },
      [['a.b', 'a leaf must sit at depth 3 (category.subcategory.type), not 2']],
    ],
    [
      'a leaf at depth 4',
      { a: { b: { c: { d: leaf() } } } },
      [
        ['a.b.c.d', 'too deep: the taxonomy has exactly three levels'],
        ['a.b.c', 'missing description'],
        ['a.b.c', 'cardinality must be "one" or "many"'],
      ],
    ],
    [
      'a leaf with a level under it',
      { a: { b: { c: leaf('one', 'x', { d: leaf() }) } } },
      [['a.b.c.d', 'too deep: the taxonomy has exactly three levels']],
    ],
    [
      'a bad category name',
      { Profile: { b: { c: leaf() } } },
      [['Profile', '"Profile" is not a valid name: use lower case letters, digits and _, starting with a letter']],
    ],
    [
      'a bad subcategory name',
      { a: { 'my-sub': { c: leaf() } } },
      [['a.my-sub', '"my-sub" is not a valid name: use lower case letters, digits and _, starting with a letter']],
    ],
    [
      'a bad type name',
      { a: { b: { '2fa': leaf() } } },
      [['a.b.2fa', '"2fa" is not a valid name: use lower case letters, digits and _, starting with a letter']],
    ],
    [
      'a name with a dot',
      { a: { b: { 'c.d': leaf() } } },
      [['a.b.c.d', '"c.d" is not a valid name: use lower case letters, digits and _, starting with a letter']],
    ],
    ['a missing description', { a: { b: { c: { cardinality: 'one' } } } }, [['a.b.c', 'missing description']]],
    ['an empty description', { a: { b: { c: leaf('one', '   ') } } }, [['a.b.c', 'missing description']]],
    ['a description that is not a string', { a: { b: { c: leaf('one', 42) } } }, [['a.b.c', 'missing description']]],
    [
      'a missing cardinality',
      { a: { b: { c: { description: 'x', examples: [] } } } },
      [['a.b.c', 'cardinality must be "one" or "many"']],
    ],
    [
      'a bad cardinality',
      { a: { b: { c: leaf('some') } } },
      [['a.b.c.cardinality', 'cardinality must be "one" or "many"']],
    ],
    [
      'an upper-case cardinality',
      { a: { b: { c: leaf('ONE') } } },
      [['a.b.c.cardinality', 'cardinality must be "one" or "many"']],
    ],
    [
      'non-string examples',
      { a: { b: { c: leaf('one', 'x', { examples: ['ok', 3] }) } } },
      [['a.b.c.examples', 'examples must be a list of strings']],
    ],
    [
      'examples that are not a list',
      { a: { b: { c: leaf('one', 'x', { examples: 'one' }) } } },
      [['a.b.c.examples', 'examples must be a list of strings']],
    ],
    [
      'an unknown leaf key',
      { a: { b: { c: leaf('one', 'x', { notes: 'hi' }) } } },
      [['a.b.c.notes', 'unknown key "notes" (allowed: description, cardinality, examples)']],
    ],
    ['a category that is not a mapping', { a: 'text' }, [['a', 'a category must be a mapping of subcategories']]],
    ['a category that is a list', { a: [1] }, [['a', 'a category must be a mapping of subcategories']]],
    ['a subcategory that is not a mapping', { a: { b: null } }, [['a.b', 'a subcategory must be a mapping of types']]],
    [
      'a leaf that is not a mapping',
      { a: { b: { c: 'one' } } },
      [['a.b.c', 'a leaf must be a mapping with description and cardinality']],
    ],
    [
      'a group description that is not a string',
      { a: { description: ['x'], b: { c: leaf() } } },
      [['a.description', 'description must be a string']],
    ],
    [
      'a category with nothing under it',
      { a: { description: 'x' } },
      [['a', 'a category must contain at least one subcategory']],
    ],
    [
      'a subcategory with nothing under it',
      { a: { b: { description: 'x' } } },
      [['a.b', 'a subcategory must contain at least one type (a leaf needs a cardinality)']],
    ],
  ])('%s', (_what, raw, expected) => {
    expect(problemsOf(raw)).toEqual(expected);
  });

  it('reports every problem of a document, not just the first', () => {
    const raw = valid() as Record<string, any>;
    raw.profile.identity.name.cardinality = 'single';
    raw.profile.identity.Age = raw.profile.identity.age;
    delete raw.profile.identity.age;
    raw.preferences.ui.theme = { cardinality: 'one' };
    raw.preferences.food.cuisine.examples = [null];
    raw.preferences.extra = leaf();
    expect(problemsOf(raw)).toEqual([
      ['profile.identity.name.cardinality', 'cardinality must be "one" or "many"'],
      [
        'profile.identity.Age',
        '"Age" is not a valid name: use lower case letters, digits and _, starting with a letter',
      ],
      ['preferences.ui.theme', 'missing description'],
      ['preferences.food.cuisine.examples', 'examples must be a list of strings'],
      ['preferences.extra', 'a leaf must sit at depth 3 (category.subcategory.type), not 2'],
    ]);
  });

  it('leaves out of the taxonomy the leaves that have problems', () => {
    const raw = valid() as Record<string, any>;
    raw.preferences.ui.theme.cardinality = 'sometimes';
    expect(buildTaxonomy(raw).taxonomy.leaves.has('preferences.ui.theme')).toBe(false);
    expect(buildTaxonomy(raw).taxonomy.leaves.has('preferences.ui.font')).toBe(true);
  });

  it('asks locate for the line of each problem', () => {
    const asked: string[] = [];
    const { problems } = buildTaxonomy(
      { a: { b: { c: leaf('x') } } },
      (keys) => (asked.push(keys.join('.')), keys.length * 10),
    );
    expect(problems).toEqual([{ at: 'a.b.c.cardinality', line: 40, message: 'cardinality must be "one" or "many"' }]);
    expect(asked).toEqual(['a.b.c.cardinality']);
  });
});

describe('suggestLeaves on the built-in taxonomy', () => {
  const taxonomy = builtinTaxonomy();

  it.each([
    ['preferences.theme', 'preferences.ui.theme'],
    ['preferences.ui.them', 'preferences.ui.theme'],
    ['prefrences.ui.theme', 'preferences.ui.theme'],
    ['Preferences.UI.Theme', 'preferences.ui.theme'],
    ['preferences/ui/theme', 'preferences.ui.theme'],
    ['preferences ui theme', 'preferences.ui.theme'],
    ['theme', 'preferences.ui.theme'],
    ['pets', 'relationships.pets.animals'],
    ['relationships.pets', 'relationships.pets.animals'],
    ['pet.animals', 'relationships.pets.animals'],
    ['profile.name', 'profile.identity.name'],
    ['work.employer', 'work.employment.employer'],
    ['health.allergies', 'health.diet.allergies'],
    ['allergies', 'health.diet.allergies'],
    ['allergys', 'health.diet.allergies'],
    ['editor', 'preferences.tools.editor'],
    ['preferences.tools.editr', 'preferences.tools.editor'],
    ['salary', 'finance.income.salary'],
    ['timezone', 'profile.location.timezone'],
    ['music', 'preferences.entertainment.music'],
    ['gotchas', 'knowledge.technical.gotchas'],
  ])('%j → %s first', (wanted, best) => {
    expect(suggestLeaves(taxonomy, wanted)[0]).toBe(best);
  });

  it('returns valid leaves, distinct, at most `limit`', () => {
    for (const limit of [1, 3, 5]) {
      const found = suggestLeaves(taxonomy, 'preferences.theme', limit);
      expect(found).toHaveLength(limit);
      expect(new Set(found).size).toBe(limit);
      for (const path of found) expect(taxonomy.leaves.has(path)).toBe(true);
    }
  });

  it('defaults to three suggestions', () => expect(suggestLeaves(taxonomy, 'anything')).toHaveLength(3));

  it('is deterministic', () => expect(suggestLeaves(taxonomy, 'xyz')).toEqual(suggestLeaves(taxonomy, 'xyz')));
});

describe('requireLeaf and requirePrefix', () => {
  const taxonomy = builtinTaxonomy();

  const thrown = (fn: () => unknown): UsageError => {
    try {
      fn();
    } catch (error) {
      return error as UsageError;
    }
    throw new Error('expected an error');
  };

  it('requireLeaf returns the leaf', () => {
    expect(requireLeaf(taxonomy, 'preferences.ui.theme').cardinality).toBe('one');
  });

  it.each(['preferences.theme', 'preferences', 'preferences.ui', 'preferences.ui.theme.dark', '', 'pets'])(
    'requireLeaf(%j) is a usage error with suggestions',
    (path) => {
      const error = thrown(() => requireLeaf(taxonomy, path));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.code).toBe('unknown-path');
      expect(error.exitCode).toBe(2);
      const data = error.data as { path: string; suggestions: string[] };
      expect(data.path).toBe(path);
      expect(data.suggestions).toHaveLength(3);
      for (const s of data.suggestions) expect(taxonomy.leaves.has(s)).toBe(true);
      expect(error.hint).toContain(data.suggestions[0]);
    },
  );

  it('requireLeaf suggests the right leaf for a near miss', () => {
    expect(
      (thrown(() => requireLeaf(taxonomy, 'preferences.theme')).data as { suggestions: string[] }).suggestions[0],
    ).toBe('preferences.ui.theme');
  });

  it.each([
    ['preferences', 'preferences'],
    ['preferences.ui', 'preferences.ui'],
    ['preferences.ui.theme', 'preferences.ui.theme'],
    ['preferences/ui', 'preferences.ui'],
    ['preferences/', 'preferences'],
    ['preferences.', 'preferences'],
    ['preferences//ui', 'preferences.ui'],
    ['preferences/ui/theme.md', 'preferences.ui.theme'],
  ])('requirePrefix(%j) → %j', (prefix, normal) => {
    expect(requirePrefix(taxonomy, prefix)).toBe(normal);
  });

  it.each(['pref', 'preferences.u', 'Preferences', 'preferences.ui.theme.dark', 'nothing'])(
    'requirePrefix(%j) is unknown-path, exit 2',
    (prefix) => {
      const error = thrown(() => requirePrefix(taxonomy, prefix));
      expect(error.code).toBe('unknown-path');
      expect(error.exitCode).toBe(2);
      expect((error.data as { path: string }).path).toBe(prefix);
      expect((error.data as { suggestions: string[] }).suggestions.length).toBeGreaterThan(0);
    },
  );

  it('serialises the suggestions for --json', () => {
    const json = thrown(() => requirePrefix(taxonomy, 'pets')).toJSON();
    expect(json).toMatchObject({
      code: 'unknown-path',
      data: { path: 'pets', suggestions: expect.arrayContaining(['relationships.pets.animals']) },
    });
  });
});

describe('leavesUnder and isUnder', () => {
  const taxonomy: Taxonomy = buildTaxonomy(valid()).taxonomy;
  const under = (prefix?: string) =>
    leavesUnder(taxonomy, prefix)
      .map((l) => l.path)
      .sort();

  it.each([
    [
      undefined,
      [
        'preferences.food.cuisine',
        'preferences.ui.font',
        'preferences.ui.theme',
        'profile.identity.age',
        'profile.identity.name',
      ],
    ],
    [
      '',
      [
        'preferences.food.cuisine',
        'preferences.ui.font',
        'preferences.ui.theme',
        'profile.identity.age',
        'profile.identity.name',
      ],
    ],
    ['preferences', ['preferences.food.cuisine', 'preferences.ui.font', 'preferences.ui.theme']],
    ['preferences.ui', ['preferences.ui.font', 'preferences.ui.theme']],
    ['preferences.ui.theme', ['preferences.ui.theme']],
    ['pref', []], // segment-wise, not string-wise
    ['preferences.u', []],
    ['preferences.ui.the', []],
    ['preferences.ui.theme.x', []],
    ['profile.identity.', []],
  ])('leavesUnder(%j)', (prefix, paths) => {
    expect(under(prefix)).toEqual(paths);
  });

  it.each([
    ['preferences.ui.theme', undefined, true],
    ['preferences.ui.theme', '', true],
    ['preferences.ui.theme', 'preferences', true],
    ['preferences.ui.theme', 'preferences.ui', true],
    ['preferences.ui.theme', 'preferences.ui.theme', true],
    ['preferences.ui.theme', 'pref', false],
    ['preferences.ui.theme', 'preferences.u', false],
    ['preferences.ui.theme', 'preferences.ui.theme.dark', false],
    ['preferences.ui.theme', 'profile', false],
    ['preferencesx.ui.theme', 'preferences', false],
  ])('isUnder(%j, %j) → %s', (path, prefix, expected) => {
    expect(isUnder(path, prefix)).toBe(expected);
  });
});
