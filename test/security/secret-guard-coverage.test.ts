import { describe, expect, it } from 'vitest';
import { evaluateGuard, rate } from '../../bench/secrets/evaluate.mjs';
import { generateCorpus } from '../../bench/secrets/generate.mjs';
import { findSecrets } from '../../src/core/secrets.js';

// The guard's targets on its generated corpus (bench/secrets/, npm run bench:secrets): at least
// 95% of realistic secrets refused, on the templates it was tuned on and on the held-out third
// it was not, and at most one false alarm among the look-alikes (SHAs, UUIDs, epochs, digests,
// versions, documentation placeholders, prose about passwords).

describe('the secret guard on its corpus', () => {
  const corpus = generateCorpus();
  const result = evaluateGuard(findSecrets, corpus.samples);

  it("is a broad corpus: the rule lists' families and memoir's own kinds, a held-out third, 40+ look-alikes", () => {
    expect(result.families.size).toBeGreaterThanOrEqual(240);
    for (const kind of [
      'prose-password',
      'pin',
      'card-number',
      'url-password',
      'base64-key',
      'split-key',
      'aws-secret-key',
      'jwt',
      'private-key',
    ])
      expect(result.families.has(kind), kind).toBe(true);
    expect(corpus.ungenerated.length).toBeLessThanOrEqual(3);
    expect(result.heldOut.total / result.all.total).toBeCloseTo(1 / 3, 1);
    expect(result.lookalikes).toBeGreaterThanOrEqual(40);
  });

  it('is the same corpus on every run, and another with another seed', () => {
    expect(generateCorpus().samples).toEqual(corpus.samples);
    expect(generateCorpus({ seed: 1 }).samples).not.toEqual(corpus.samples);
  });

  it('refuses at least 95% of the secrets, held-in and held-out alike', () => {
    expect(rate(result.heldIn)).toBeGreaterThanOrEqual(0.95);
    expect(rate(result.heldOut)).toBeGreaterThanOrEqual(0.95);
  });

  it('raises at most one false alarm among the look-alikes', () => {
    expect(result.falseAlarms.map((s) => s.text).length).toBeLessThanOrEqual(1);
  });

  it('holds on a corpus drawn with another seed', () => {
    const other = evaluateGuard(findSecrets, generateCorpus({ seed: 2 }).samples);
    expect(rate(other.all)).toBeGreaterThanOrEqual(0.95);
    expect(other.falseAlarms.length).toBeLessThanOrEqual(1);
  });
});
