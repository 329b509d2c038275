import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';

// bench/classify-eval.jsonl is the yardstick for the offline classifier (bench/classify.mjs). It was
// written independently of the taxonomy's examples, which are the classifier's training data; these
// tests keep it well-formed, broad, and free of near-copies of those examples.

interface EvalFact {
  text: string;
  path: string;
}

const raw = readFileSync(new URL('../../bench/classify-eval.jsonl', import.meta.url), 'utf8');
const lines = raw.split('\n').filter((line) => line.trim() !== '');

function parse(): EvalFact[] {
  return lines.map((line, i) => {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) throw new Error(`line ${i + 1}: not an object`);
    const { text, path } = value as Record<string, unknown>;
    if (typeof text !== 'string' || text.trim() === '')
      throw new Error(`line ${i + 1}: text must be a non-empty string`);
    if (typeof path !== 'string') throw new Error(`line ${i + 1}: path must be a string`);
    return { text, path };
  });
}

/** Lower-cased, punctuation dropped, whitespace collapsed. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The set of lower-cased words of three or more letters. */
function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((word) => word.length >= 3));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

describe('bench/classify-eval.jsonl', () => {
  it('parses: one {text, path} object per line', () => {
    expect(() => parse()).not.toThrow();
  });

  it('has at least 340 facts', () => {
    expect(parse().length).toBeGreaterThanOrEqual(340);
  });

  it('files every fact at a leaf of the built-in taxonomy', () => {
    const leaves = builtinTaxonomy().leaves;
    const unknown = parse()
      .filter((fact) => !leaves.has(fact.path))
      .map((fact) => `${fact.path}: ${fact.text}`);
    expect(unknown).toEqual([]);
  });

  it('covers at least 170 distinct leaves, none more than 4 times', () => {
    const counts = new Map<string, number>();
    for (const fact of parse()) counts.set(fact.path, (counts.get(fact.path) ?? 0) + 1);
    expect(counts.size).toBeGreaterThanOrEqual(170);
    const crowded = [...counts].filter(([, n]) => n > 4).map(([path, n]) => `${path} x${n}`);
    expect(crowded).toEqual([]);
  });

  it('has no duplicate texts', () => {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const fact of parse()) {
      const key = normalise(fact.text);
      if (seen.has(key)) duplicates.push(fact.text);
      seen.add(key);
    }
    expect(duplicates).toEqual([]);
  });

  it('is independent of the taxonomy examples: no equal or near-duplicate text (Jaccard < 0.6)', () => {
    const examples = [...builtinTaxonomy().leaves.values()].flatMap((leaf) =>
      leaf.examples.map((example) => ({ leaf: leaf.path, normalised: normalise(example), words: words(example) })),
    );
    expect(examples.length).toBeGreaterThan(0);
    const offenders: string[] = [];
    for (const fact of parse()) {
      const normalised = normalise(fact.text);
      const factWords = words(fact.text);
      for (const example of examples) {
        const similarity = jaccard(factWords, example.words);
        if (normalised === example.normalised || similarity >= 0.6) {
          // Only the eval text is reported, so that fixing the set never means reading the examples.
          offenders.push(
            `"${fact.text}" is too close to an example of ${example.leaf} (Jaccard ${similarity.toFixed(2)})`,
          );
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
