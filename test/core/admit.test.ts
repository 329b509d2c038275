import { describe, expect, it } from 'vitest';
import { admitFacts } from '../../src/core/admit.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';

const base = { taxonomy: builtinTaxonomy(), defaultSource: 'stdin', recordedAt: '2026-01-02T03:04:05Z' };
const aws = 'AKIA' + 'ABCDEFGHIJKLMNOP';

describe('admitFacts', () => {
  it('admits screened facts at --path or their own path, with unique ids and the right source', () => {
    const { facts, rejected } = admitFacts(
      [
        { text: ' Likes  jazz ', line: 1 },
        { text: 'Likes jazz', line: 2 },
        { text: 'A cat', path: 'relationships.pets.animals', source: 'import', line: 3 },
      ],
      { ...base, path: 'preferences.entertainment.music' },
    );
    expect(rejected).toEqual([]);
    expect(facts.map((f) => [f.path, f.text, f.source, f.classifier])).toEqual([
      ['preferences.entertainment.music', 'Likes  jazz', 'stdin', 'manual'],
      ['preferences.entertainment.music', 'Likes jazz', 'stdin', 'manual'],
      ['relationships.pets.animals', 'A cat', 'import', 'manual'],
    ]);
    expect(new Set(facts.map((f) => f.id)).size).toBe(3);
    expect(facts.every((f) => f.recordedAt === base.recordedAt && /^[0-9a-f]{10}$/.test(f.id))).toBe(true);
  });

  it('gives the same text at the same leaf and time distinct ids', () => {
    const { facts } = admitFacts([{ text: 'same' }, { text: 'same' }], { ...base, path: 'preferences.food.cuisine' });
    expect(facts[0].id).not.toBe(facts[1].id);
  });

  it('--source overrides every record', () => {
    const { facts } = admitFacts([{ text: 'x', source: 'import' }], {
      ...base,
      path: 'preferences.food.cuisine',
      source: 'agent',
    });
    expect(facts[0].source).toBe('agent');
  });

  it.each([
    ['empty', { text: '   ' }, 'empty'],
    ['too long', { text: 'x'.repeat(1001) }, 'too-long'],
    ['a secret', { text: `my key is ${aws}` }, 'secret'],
    ['a secret in the source', { text: 'fine', source: `token ${aws}` }, 'secret'],
    ['an unknown leaf', { text: 'fine', path: 'preferences.theme' }, 'unknown-path'],
  ])('rejects %s, keeping the others', (_what, record, kind) => {
    const { facts, rejected } = admitFacts(
      [
        { ...record, line: 7 },
        { text: 'good', line: 8 },
      ],
      { ...base, path: 'preferences.food.cuisine' },
    );
    expect(facts.map((f) => f.text)).toEqual(['good']);
    expect(rejected).toEqual([expect.objectContaining({ line: 7, kind })]);
    expect(JSON.stringify(rejected)).not.toContain(aws);
  });

  it('rejects a record with no leaf when no --path is given, with a hint', () => {
    const { rejected } = admitFacts([{ text: 'x' }], base);
    expect(rejected[0]).toMatchObject({ kind: 'no-path', hint: expect.stringContaining('--path') });
  });

  it('suggests the closest leaves for an unknown one', () => {
    const { rejected } = admitFacts([{ text: 'x', path: 'preferences.food.drink' }], base);
    expect(rejected[0].hint).toContain('preferences.food.drinks');
  });
});
