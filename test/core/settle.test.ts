import { describe, expect, it } from 'vitest';
import { recordedAtOf, uniqueFactId } from '../../src/core/fact.js';
import { describeSecrets } from '../../src/core/secrets.js';
import { settleFact } from '../../src/core/settle.js';

const item = {
  text: 'Vegan since 2019',
  source: 'cli',
  recordedAt: '2026-01-02T03:04:05Z',
  classifier: 'offline',
  candidates: [
    { path: 'health.diet.restrictions', confidence: 0.8 },
    { path: 'preferences.food.cuisine', confidence: 0.1 },
  ],
};

describe('settleFact', () => {
  it.each([
    ['accepted', 'health.diet.restrictions', 0.8, false],
    ['auto', 'health.diet.restrictions', 0.8, false],
    ['picked', 'preferences.food.cuisine', 0.1, true],
    ['edited', 'goals.health.targets', undefined, true],
  ] as const)(
    '%s at %s: provenance, and a correction only when a person chose against the first suggestion',
    (how, leaf, confidence, corrected) => {
      const { fact, correction } = settleFact(item, leaf, how, new Set(), '2026-02-01T00:00:00Z');
      expect(fact).toMatchObject({
        path: leaf,
        text: item.text,
        source: 'cli',
        recordedAt: item.recordedAt,
        classifier: 'offline',
        how,
      });
      expect(fact.confidence).toBe(confidence);
      expect(correction).toEqual(
        corrected
          ? { text: item.text, path: leaf, suggested: 'health.diet.restrictions', at: '2026-02-01T00:00:00Z' }
          : undefined,
      );
    },
  );

  it('gives two identical facts in one batch different ids', () => {
    const ids = new Set<string>();
    const a = settleFact(item, 'health.diet.restrictions', 'yes', ids, item.recordedAt).fact.id;
    const b = settleFact(item, 'health.diet.restrictions', 'yes', ids, item.recordedAt).fact.id;
    expect(a).not.toBe(b);
    expect(ids).toEqual(new Set([a, b]));
  });
});

describe('small shared pieces', () => {
  it('uniqueFactId is deterministic for a fresh batch', () => {
    expect(uniqueFactId(new Set(), 'a.b.c', 'x', 't')).toBe(uniqueFactId(new Set(), 'a.b.c', 'x', 't'));
  });
  it('recordedAtOf: UTC, whole seconds', () => {
    expect(recordedAtOf(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05Z');
  });
  it('describeSecrets names the kinds and positions only', () => {
    expect(
      describeSecrets([
        { kind: 'jwt', label: 'a JSON Web Token', ruleId: 'jwt', index: 0 },
        { kind: 'password', label: 'a password stated in prose', ruleId: 'password', index: 9 },
      ]),
    ).toBe('a JSON Web Token (at character 1) and a password stated in prose (at character 10)');
  });
});
