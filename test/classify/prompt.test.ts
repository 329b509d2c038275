import { describe, expect, it } from 'vitest';
import {
  batchResponseFormat,
  batchSystemPrompt,
  batchUserMessage,
  parseBatchReply,
  shortlistSections,
} from '../../src/classify/batchPrompt.js';
import {
  closestExamples,
  parseReply,
  pathEnumFits,
  TAXONOMY_BUDGET,
  taxonomySection,
} from '../../src/classify/prompt.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { buildTaxonomy } from '../../src/core/taxonomy.js';
import { smallTaxonomy } from './helpers.js';

const taxonomy = smallTaxonomy();

describe('parseReply', () => {
  it.each([
    [
      'strict JSON',
      '{"candidates":[{"path":"preferences.ui.font","confidence":0.2},{"path":"preferences.ui.theme","confidence":0.9}]}',
      [
        ['preferences.ui.theme', 0.9],
        ['preferences.ui.font', 0.2],
      ],
    ],
    [
      'JSON in a ``` fence with prose',
      'Here you go:\n```json\n{"candidates":[{"path":"preferences.ui.theme","confidence":0.7}]}\n```',
      [['preferences.ui.theme', 0.7]],
    ],
    ['a bare array', '[{"path":"preferences.tools.shell","confidence":0.5}]', [['preferences.tools.shell', 0.5]]],
    ['paths as plain strings', '{"candidates":["preferences.tools.shell"]}', [['preferences.tools.shell', 0]]],
    [
      'sloppy spelling of a real leaf',
      '{"candidates":[{"path":" Preferences/UI/Theme ","confidence":0.6}]}',
      [['preferences.ui.theme', 0.6]],
    ],
    [
      'confidences clamped to [0, 1]',
      '{"candidates":[{"path":"preferences.ui.theme","confidence":1.5e3},{"path":"preferences.ui.font","confidence":-2}]}',
      [
        ['preferences.ui.theme', 1],
        ['preferences.ui.font', 0],
      ],
    ],
    [
      'percentages rescaled',
      '{"candidates":[{"path":"preferences.ui.theme","confidence":80},{"path":"preferences.ui.font","confidence":15}]}',
      [
        ['preferences.ui.theme', 0.8],
        ['preferences.ui.font', 0.15],
      ],
    ],
    [
      'non-numeric confidence as 0, numeric strings read',
      '{"candidates":[{"path":"preferences.ui.theme","confidence":"high"},{"path":"preferences.ui.font","confidence":"0.4"}]}',
      [
        ['preferences.ui.font', 0.4],
        ['preferences.ui.theme', 0],
      ],
    ],
    [
      'duplicates merged at their best',
      '{"candidates":[{"path":"preferences.ui.theme","confidence":0.3},{"path":"preferences.ui.theme","confidence":0.6}]}',
      [['preferences.ui.theme', 0.6]],
    ],
    [
      'ties keep the model order',
      '{"candidates":[{"path":"preferences.ui.font","confidence":0.5},{"path":"preferences.ui.theme","confidence":0.5}]}',
      [
        ['preferences.ui.font', 0.5],
        ['preferences.ui.theme', 0.5],
      ],
    ],
  ])('reads %s', (_, content, expected) => {
    const parsed = parseReply(content, taxonomy);
    expect(parsed.ok && parsed.candidates.map((c) => [c.path, c.confidence])).toEqual(expected);
  });

  it('reports invented paths it discarded', () => {
    const parsed = parseReply(
      '{"candidates":[{"path":"a.b.c","confidence":0.9},{"path":"preferences.ui.theme","confidence":0.1}]}',
      taxonomy,
    );
    expect(parsed).toEqual({
      ok: true,
      candidates: [{ path: 'preferences.ui.theme', confidence: 0.1 }],
      discarded: ['a.b.c'],
    });
  });

  it.each([
    ['empty', '', 'empty'],
    ['null', null, 'empty'],
    ['not JSON', 'dark mode is preferences', 'not valid JSON'],
    ['truncated JSON', '{"candidates":[{"path":"preferences.ui.theme"', 'not valid JSON'],
    ['no candidates list', '{"path":"preferences.ui.theme"}', 'no "candidates"'],
    ['an empty list', '{"candidates":[]}', 'named no leaf'],
    ['only invented paths', '{"candidates":[{"path":"ui.theme","confidence":1}]}', 'outside the taxonomy (ui.theme)'],
  ])('rejects %s', (_, content, problem) => {
    const parsed = parseReply(content, taxonomy);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain(problem);
  });
});

describe('taxonomySection', () => {
  it('lists groups, every leaf and examples within the budget', () => {
    const section = taxonomySection(taxonomy);
    expect(section.split('\n').slice(0, 4)).toEqual([
      '# preferences: What the user likes.',
      '## preferences.ui: Look and feel of software.',
      'preferences.ui.theme: Preferred colour theme (dark, light).',
      '  e.g. "I like dark mode" | "Solarized light everywhere"',
    ]);
    expect(section).toContain('\n\n# health: Wellbeing.\n## health.diet: Food constraints.\nhealth.diet.allergies:');
  });

  it('keeps every description but only the examples that fit, one per leaf per round', () => {
    const many = Array.from({ length: 20 }, (_, i) => `example number ${i} ${'x'.repeat(40)}`);
    const { taxonomy: big } = buildTaxonomy({
      a: {
        b: Object.fromEntries(
          Array.from({ length: 30 }, (_, i) => [
            `leaf${i}`,
            { description: `Leaf ${i}.`, cardinality: 'many', examples: many },
          ]),
        ),
      },
    });
    const withoutExamples = taxonomySection(big, 0);
    expect(withoutExamples).not.toContain('e.g.');
    for (const budget of [withoutExamples.length + 100, 3_000, 10_000]) {
      const section = taxonomySection(big, budget);
      expect(section.length).toBeLessThanOrEqual(budget);
      expect(section.length).toBeGreaterThan(budget - 80);
      for (let i = 0; i < 30; i++) expect(section).toContain(`a.b.leaf${i}: Leaf ${i}.`);
    }
    // round-robin: at 3,000 characters every leaf has its first example before any has a third
    const lines = taxonomySection(big, 3_000)
      .split('\n')
      .filter((l) => l.startsWith('  e.g.'));
    const counts = lines.map((l) => l.split(' | ').length);
    expect(lines).toHaveLength(30);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('lists every leaf of the built-in taxonomy within the budget (or, if over, without examples)', () => {
    const builtin = builtinTaxonomy();
    const section = taxonomySection(builtin);
    const system = batchSystemPrompt({ described: section, others: '' }, 3, []);
    for (const path of builtin.leaves.keys()) expect(system).toContain(`\n${path}: `);
    expect(section.length).toBeLessThanOrEqual(Math.max(TAXONOMY_BUDGET, taxonomySection(builtin, 0).length));
    expect(system.length - section.length).toBeLessThan(1_500); // instructions and rules
  });
});

describe('batchResponseFormat', () => {
  it('is a strict json_schema with the leaves as an enum', () => {
    const format = batchResponseFormat(taxonomy, 3);
    expect(format.type).toBe('json_schema');
    expect(format.json_schema).toMatchObject({ name: 'memoir_classification', strict: true });
    expect(format.json_schema.schema.required).toEqual(['1', '2', '3']);
    expect(format.json_schema.schema.properties['2']).toEqual({ $ref: '#/$defs/answer' });
    const item = format.json_schema.schema.$defs.answer.properties.candidates.items;
    expect(item.required).toEqual(['path', 'confidence']);
    expect(item.additionalProperties).toBe(false);
    expect(item.properties.path).toEqual({ type: 'string', enum: [...taxonomy.leaves.keys()] });
  });

  it('drops the enum for a taxonomy too large for it', () => {
    const leaves = Object.fromEntries(
      Array.from({ length: 501 }, (_, i) => [`leaf${i}`, { description: 'd', cardinality: 'many' }]),
    );
    const { taxonomy: big } = buildTaxonomy({ a: { b: leaves } });
    expect(
      batchResponseFormat(big, 1).json_schema.schema.$defs.answer.properties.candidates.items.properties.path,
    ).toEqual({ type: 'string' });
  });

  it.each([
    [250, 100, true],
    [251, 50, true], // 251 x 50 = 12,550 characters
    [251, 60, false], // 15,060 characters
    [500, 20, true],
    [501, 10, false],
  ])('enum of %i paths of %i characters fits: %s', (count, length, fits) => {
    expect(pathEnumFits(Array.from({ length: count }, () => 'x'.repeat(length)))).toBe(fits);
  });

  it('keeps the enum for the built-in taxonomy', () => {
    expect(
      batchResponseFormat(builtinTaxonomy(), 8).json_schema.schema.$defs.answer.properties.candidates.items.properties
        .path,
    ).toHaveProperty('enum');
  });
});

describe('closestExamples', () => {
  const corrections = [
    { text: 'I use fish as my shell', path: 'preferences.tools.shell' },
    { text: 'my shell is zsh', path: 'preferences.tools.shell' },
    { text: 'vegan since 2019', path: 'health.diet.restrictions' },
  ];
  it('ranks by shared words, newest first among equals, and leaves out unrelated ones', () => {
    expect(closestExamples(corrections, 'Shell: zsh', 5).map((c) => c.text)).toEqual([
      'my shell is zsh',
      'I use fish as my shell',
    ]);
    expect(closestExamples(corrections, 'shell', 5).map((c) => c.text)).toEqual([
      'my shell is zsh',
      'I use fish as my shell',
    ]);
    expect(closestExamples(corrections, 'nothing alike', 5)).toEqual([]);
    expect(closestExamples(corrections, 'shell', 1)).toHaveLength(1);
  });
});

describe('the batch prompt', () => {
  const THEME = 'preferences.ui.theme';
  const SHELL = 'preferences.tools.shell';

  it('describes the shortlist with one example a leaf and names every other leaf by path, compacted per group', () => {
    const { described, others } = shortlistSections(taxonomy, new Set([THEME, SHELL]));
    expect(described).toContain(`${THEME}: Preferred colour theme (dark, light).\n  e.g. "I like dark mode"`);
    expect(described).not.toContain('Solarized');
    expect(described).toContain(`${SHELL}: The shell the user prefers.`);
    expect(described).not.toContain('preferences.ui.font');
    expect(others).toBe('preferences.ui.font preferences.tools.editor health.diet.{allergies,restrictions}');
  });

  it('describes a shortlist of 20 leaves of the built-in taxonomy, and names the rest, in a fifth of the whole taxonomy', () => {
    const builtin = builtinTaxonomy();
    const shortlist = new Set([...builtin.leaves.keys()].filter((_, i) => i % 10 === 0).slice(0, 20));
    const sections = shortlistSections(builtin, shortlist);
    for (const path of builtin.leaves.keys())
      expect(`${sections.described}\n${sections.others}`).toContain(path.slice(path.lastIndexOf('.') + 1));
    const system = batchSystemPrompt(sections, 5, []);
    expect(system.length).toBeLessThan(taxonomySection(builtin).length / 5);
  });

  it('numbers the facts, one JSON string a line, so a fact cannot break the list', () => {
    expect(batchUserMessage(['I like dark mode', 'two\nlines "quoted"'])).toBe(
      '1. "I like dark mode"\n2. "two\\nlines \\"quoted\\""',
    );
  });

  it("reads each fact's answer on its own: a missing or garbled one costs only that fact; an empty list says none fits", () => {
    const reply = JSON.stringify({
      '1': { candidates: [{ path: THEME, confidence: 0.9 }] },
      '2': 'no idea',
      '4': { candidates: [] },
      '5': {
        candidates: [
          { path: 'made.up', confidence: 1 },
          { path: SHELL, confidence: 0.2 },
        ],
      },
    });
    const parsed = parseBatchReply(reply, 5, taxonomy);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.answers.map((a) => a.ok)).toEqual([true, false, false, true, true]);
    expect(parsed.answers[0]).toMatchObject({ candidates: [{ path: THEME, confidence: 0.9 }] });
    expect(!parsed.answers[2].ok && parsed.answers[2].problem).toContain('no answer for fact 3');
    expect(parsed.answers[3]).toMatchObject({ ok: true, none: true, candidates: [] });
    expect(parsed.answers[4]).toMatchObject({ candidates: [{ path: SHELL, confidence: 0.2 }], discarded: ['made.up'] });
  });

  it.each([
    ['not JSON', 'sorry, I cannot', 'not valid JSON'],
    ['a list for several facts', '[1, 2]', 'keyed by fact number'],
    ['empty', '', 'empty'],
  ])('rejects a whole reply that is %s', (_, content, problem) => {
    const parsed = parseBatchReply(content, 2, taxonomy);
    expect(!parsed.ok && parsed.problem).toContain(problem);
  });

  it('accepts {"candidates": [...]} for a batch of one', () => {
    const parsed = parseBatchReply(JSON.stringify({ candidates: [{ path: THEME, confidence: 0.5 }] }), 1, taxonomy);
    expect(parsed.ok && parsed.answers[0]).toMatchObject({ ok: true, candidates: [{ path: THEME, confidence: 0.5 }] });
  });
});
