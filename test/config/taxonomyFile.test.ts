import { describe, expect, it } from 'vitest';
import { formatProblems, parseTaxonomyYaml } from '../../src/config/taxonomyFile.js';

/** Joins lines; `lines[i]` is line i + 1 of the file. */
const yaml = (...lines: string[]) => lines.join('\n') + '\n';
const located = (text: string) => parseTaxonomyYaml(text).problems.map((p) => [p.line, p.at, p.message]);

const GOOD = yaml(
  '# a comment', //                        1
  'profile:', //                           2
  '  description: Who.', //                3
  '  identity:', //                        4
  '    name:', //                          5
  '      description: The name.', //       6
  '      cardinality: one', //             7
  '      examples:', //                    8
  '        - My name is Ada', //           9
  '    age:', //                           10
  '      description: The age.', //        11
  '      cardinality: one', //             12
);

describe('parseTaxonomyYaml', () => {
  it('builds a valid file', () => {
    const { taxonomy, problems } = parseTaxonomyYaml(GOOD);
    expect(problems).toEqual([]);
    expect([...taxonomy.leaves.keys()]).toEqual(['profile.identity.name', 'profile.identity.age']);
    expect(taxonomy.leaves.get('profile.identity.name')?.examples).toEqual(['My name is Ada']);
  });

  it.each([
    [
      'a bad cardinality: the line of the cardinality',
      GOOD.replace('cardinality: one\n      examples', 'cardinality: single\n      examples'),
      [[7, 'profile.identity.name.cardinality', 'cardinality must be "one" or "many"']],
    ],
    [
      'a missing cardinality: the line of the leaf',
      GOOD.replace('      cardinality: one\n      examples', '      examples'),
      [[5, 'profile.identity.name', 'cardinality must be "one" or "many"']],
    ],
    [
      'a bad name: the line of the key',
      GOOD.replace('    age:', '    Age:'),
      [
        [
          10,
          'profile.identity.Age',
          '"Age" is not a valid name: use lower case letters, digits and _, starting with a letter',
        ],
      ],
    ],
    [
      'a bad category name',
      GOOD.replace('profile:', 'my-profile:'),
      [
        [
          2,
          'my-profile',
          '"my-profile" is not a valid name: use lower case letters, digits and _, starting with a letter',
        ],
      ],
    ],
    [
      'a missing description: the line of the leaf',
      GOOD.replace('      description: The age.\n', ''),
      [[10, 'profile.identity.age', 'missing description']],
    ],
    [
      'non-string examples: the line of examples',
      GOOD.replace('- My name is Ada', '- {name: Ada}'),
      [[8, 'profile.identity.name.examples', 'examples must be a list of strings']],
    ],
    [
      'a leaf too deep: the line of the extra level',
      yaml(
        'a:', //                 1
        '  b:', //               2
        '    c:', //             3
        '      description: C', // 4
        '      cardinality: one', // 5
        '      d:', //           6
        '        description: D', // 7
        '        cardinality: one', // 8
      ),
      [[6, 'a.b.c.d', 'too deep: the taxonomy has exactly three levels']],
    ],
    [
      'a leaf at depth 2: the line of the subcategory',
      yaml(
        'a:', //                 1
        '  b:', //               2
        '    c:', //             3
        '      description: C', // 4
        '      cardinality: one', // 5
        '  e:', //               6
        '    description: E', // 7
        '    cardinality: many', // 8
      ),
      [[6, 'a.e', 'a leaf must sit at depth 3 (category.subcategory.type), not 2']],
    ],
    ['an empty document', '', [[1, '(top)', 'the taxonomy must be a mapping of categories']]],
    [
      'a document that is a list',
      yaml('# header', '- a', '- b'),
      [[2, '(top)', 'the taxonomy must be a mapping of categories']],
    ],
  ])('%s', (_what, text, expected) => {
    expect(located(text)).toEqual(expected);
  });

  it('reports a duplicate key at the line of its second occurrence', () => {
    const text = yaml(
      'a:', //                  1
      '  b:', //                2
      '    c:', //              3
      '      description: x', // 4
      '      cardinality: one', // 5
      '    c:', //              6
      '      description: y', // 7
      '      cardinality: one', // 8
    );
    expect(located(text)).toEqual([[6, '(yaml)', 'duplicate key: a name appears twice at the same level']]);
  });

  it('reports a YAML syntax error with its line and builds nothing', () => {
    const text = yaml(
      'a:', //                   1
      '  b:', //                 2
      '    c:', //               3
      '      description: x', // 4
      '     cardinality: one', // 5: one column off
    );
    const { taxonomy, problems } = parseTaxonomyYaml(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ at: '(yaml)', line: 5 });
    expect(problems.every((p) => p.at === '(yaml)' && typeof p.line === 'number')).toBe(true);
    expect(problems[0].message).not.toContain('\n');
    expect(taxonomy.leaves.size).toBe(0);
  });

  it('reports every syntax problem: a tab indent and an unclosed flow mapping', () => {
    const problems = parseTaxonomyYaml(yaml('a:', '\tb: {c: 1', 'd: e')).problems;
    expect(problems.length).toBeGreaterThanOrEqual(2);
    expect(problems.map((p) => p.line)).toContain(2);
  });

  it('reports several problems of one file, each on its own line', () => {
    const text = yaml(
      'profile:', //                    1
      '  identity:', //                 2
      '    name:', //                   3
      '      description: Name', //     4
      '      cardinality: single', //   5
      '    Age:', //                    6
      '      description: Age', //      7
      '      cardinality: one', //      8
      '    birthday:', //               9
      '      cardinality: one', //      10
      '    nested:', //                 11
      '      description: N', //        12
      '      cardinality: many', //     13
      '      deeper:', //               14
      '        description: D', //      15
      '        cardinality: one', //    16
      'settings:', //                   17
      '  description: S', //            18
      '  cardinality: one', //          19
    );
    expect(located(text)).toEqual([
      [5, 'profile.identity.name.cardinality', 'cardinality must be "one" or "many"'],
      [
        6,
        'profile.identity.Age',
        '"Age" is not a valid name: use lower case letters, digits and _, starting with a letter',
      ],
      [9, 'profile.identity.birthday', 'missing description'],
      [14, 'profile.identity.nested.deeper', 'too deep: the taxonomy has exactly three levels'],
      [17, 'settings', 'a leaf must sit at depth 3 (category.subcategory.type), not 1'],
    ]);
  });

  it('counts lines the same with CRLF line ends', () => {
    const text = GOOD.replace('cardinality: one\n      examples', 'cardinality: single\n      examples').replaceAll(
      '\n',
      '\r\n',
    );
    expect(located(text)).toEqual([[7, 'profile.identity.name.cardinality', 'cardinality must be "one" or "many"']]);
  });
});

describe('formatProblems', () => {
  it('writes file:LINE: at: message, one problem a line', () => {
    expect(
      formatProblems('taxonomy.yaml', [
        { at: 'a.b.c.cardinality', line: 7, message: 'cardinality must be "one" or "many"' },
        { at: '(yaml)', line: 12, message: 'duplicate key: a name appears twice at the same level' },
      ]),
    ).toBe(
      'taxonomy.yaml:7: a.b.c.cardinality: cardinality must be "one" or "many"\n' +
        'taxonomy.yaml:12: (yaml): duplicate key: a name appears twice at the same level',
    );
  });

  it('writes ? for a problem without a line', () => {
    expect(formatProblems('t.yaml', [{ at: 'a', message: 'm' }])).toBe('t.yaml:?: a: m');
  });

  it('is empty for no problems', () => expect(formatProblems('t.yaml', [])).toBe(''));

  it('formats what parseTaxonomyYaml finds', () => {
    expect(formatProblems('my.yaml', parseTaxonomyYaml(GOOD.replace('    age:', '    Age:')).problems)).toBe(
      'my.yaml:10: profile.identity.Age: "Age" is not a valid name: use lower case letters, digits and _, starting with a letter',
    );
  });
});
