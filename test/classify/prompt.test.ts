import { describe, expect, it } from 'vitest';
import { closestExamples, parseReply, pathEnumFits, responseFormat, systemPrompt, TAXONOMY_BUDGET, taxonomySection } from '../../src/classify/prompt.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { buildTaxonomy } from '../../src/core/taxonomy.js';
import { smallTaxonomy } from './helpers.js';

const taxonomy = smallTaxonomy();

describe('parseReply', () => {
  it.each([
    ['strict JSON', '{"candidates":[{"path":"preferences.ui.font","confidence":0.2},{"path":"preferences.ui.theme","confidence":0.9}]}', [['preferences.ui.theme', 0.9], ['preferences.ui.font', 0.2]]],
    ['JSON in a ``` fence with prose', 'Here you go:\n```json\n{"candidates":[{"path":"preferences.ui.theme","confidence":0.7}]}\n```', [['preferences.ui.theme', 0.7]]],
    ['a bare array', '[{"path":"preferences.tools.shell","confidence":0.5}]', [['preferences.tools.shell', 0.5]]],
    ['paths as plain strings', '{"candidates":["preferences.tools.shell"]}', [['preferences.tools.shell', 0]]],
    ['sloppy spelling of a real leaf', '{"candidates":[{"path":" Preferences/UI/Theme ","confidence":0.6}]}', [['preferences.ui.theme', 0.6]]],
    ['confidences clamped to [0, 1]', '{"candidates":[{"path":"preferences.ui.theme","confidence":1.5e3},{"path":"preferences.ui.font","confidence":-2}]}', [['preferences.ui.theme', 1], ['preferences.ui.font', 0]]],
    ['percentages rescaled', '{"candidates":[{"path":"preferences.ui.theme","confidence":80},{"path":"preferences.ui.font","confidence":15}]}', [['preferences.ui.theme', 0.8], ['preferences.ui.font', 0.15]]],
    ['non-numeric confidence as 0, numeric strings read', '{"candidates":[{"path":"preferences.ui.theme","confidence":"high"},{"path":"preferences.ui.font","confidence":"0.4"}]}', [['preferences.ui.font', 0.4], ['preferences.ui.theme', 0]]],
    ['duplicates merged at their best', '{"candidates":[{"path":"preferences.ui.theme","confidence":0.3},{"path":"preferences.ui.theme","confidence":0.6}]}', [['preferences.ui.theme', 0.6]]],
    ['ties keep the model order', '{"candidates":[{"path":"preferences.ui.font","confidence":0.5},{"path":"preferences.ui.theme","confidence":0.5}]}', [['preferences.ui.font', 0.5], ['preferences.ui.theme', 0.5]]],
  ])('reads %s', (_, content, expected) => {
    const parsed = parseReply(content, taxonomy);
    expect(parsed.ok && parsed.candidates.map((c) => [c.path, c.confidence])).toEqual(expected);
  });

  it('reports invented paths it discarded', () => {
    const parsed = parseReply('{"candidates":[{"path":"a.b.c","confidence":0.9},{"path":"preferences.ui.theme","confidence":0.1}]}', taxonomy);
    expect(parsed).toEqual({ ok: true, candidates: [{ path: 'preferences.ui.theme', confidence: 0.1 }], discarded: ['a.b.c'] });
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
    const { taxonomy: big } = buildTaxonomy({ a: { b: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`leaf${i}`, { description: `Leaf ${i}.`, cardinality: 'many', examples: many }])) } });
    const withoutExamples = taxonomySection(big, 0);
    expect(withoutExamples).not.toContain('e.g.');
    for (const budget of [withoutExamples.length + 100, 3_000, 10_000]) {
      const section = taxonomySection(big, budget);
      expect(section.length).toBeLessThanOrEqual(budget);
      expect(section.length).toBeGreaterThan(budget - 80);
      for (let i = 0; i < 30; i++) expect(section).toContain(`a.b.leaf${i}: Leaf ${i}.`);
    }
    // round-robin: at 3,000 characters every leaf has its first example before any has a third
    const lines = taxonomySection(big, 3_000).split('\n').filter((l) => l.startsWith('  e.g.'));
    const counts = lines.map((l) => l.split(' | ').length);
    expect(lines).toHaveLength(30);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('lists every leaf of the built-in taxonomy within the budget (or, if over, without examples)', () => {
    const builtin = builtinTaxonomy();
    const section = taxonomySection(builtin);
    const system = systemPrompt(section, 3, []);
    for (const path of builtin.leaves.keys()) expect(system).toContain(`\n${path}: `);
    expect(section.length).toBeLessThanOrEqual(Math.max(TAXONOMY_BUDGET, taxonomySection(builtin, 0).length));
    expect(system.length - section.length).toBeLessThan(1_500); // instructions and rules
  });
});

describe('responseFormat', () => {
  it('is a strict json_schema with the leaves as an enum', () => {
    const format = responseFormat(taxonomy);
    expect(format.type).toBe('json_schema');
    expect(format.json_schema).toMatchObject({ name: 'memoir_classification', strict: true });
    const item = format.json_schema.schema.properties.candidates.items;
    expect(item.required).toEqual(['path', 'confidence']);
    expect(item.additionalProperties).toBe(false);
    expect(item.properties.path).toEqual({ type: 'string', enum: [...taxonomy.leaves.keys()] });
  });

  it('drops the enum for a taxonomy too large for it', () => {
    const leaves = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`leaf${i}`, { description: 'd', cardinality: 'many' }]));
    const { taxonomy: big } = buildTaxonomy({ a: { b: leaves } });
    expect(responseFormat(big).json_schema.schema.properties.candidates.items.properties.path).toEqual({ type: 'string' });
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
    expect(responseFormat(builtinTaxonomy()).json_schema.schema.properties.candidates.items.properties.path).toHaveProperty('enum');
  });
});

describe('closestExamples', () => {
  const corrections = [
    { text: 'I use fish as my shell', path: 'preferences.tools.shell' },
    { text: 'my shell is zsh', path: 'preferences.tools.shell' },
    { text: 'vegan since 2019', path: 'health.diet.restrictions' },
  ];
  it('ranks by shared words, newest first among equals, and leaves out unrelated ones', () => {
    expect(closestExamples(corrections, 'Shell: zsh', 5).map((c) => c.text)).toEqual(['my shell is zsh', 'I use fish as my shell']);
    expect(closestExamples(corrections, 'shell', 5).map((c) => c.text)).toEqual(['my shell is zsh', 'I use fish as my shell']);
    expect(closestExamples(corrections, 'nothing alike', 5)).toEqual([]);
    expect(closestExamples(corrections, 'shell', 1)).toHaveLength(1);
  });
});
