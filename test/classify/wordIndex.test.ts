import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWordIndex, indexedLookup, mapLookup } from '../../src/classify/wordIndex.js';

// The word vectors' prebuilt lookup answers exactly as a Map of the words would, and is
// refused when it was built for another words.txt.

describe('the word index', () => {
  const words = fs.readFileSync(new URL('../../data/embeddings/words.txt', import.meta.url), 'utf8');
  const index = buildWordIndex(words);

  it('finds every word at its row with its rank, and nothing else', () => {
    const lookup = indexedLookup(words, index)!;
    const reference = mapLookup(words);
    expect(lookup.count).toBe(reference.count);
    for (const line of words.split('\n').filter(Boolean)) {
      const word = line.slice(0, line.indexOf('\t'));
      const row = reference.row(word)!;
      expect(lookup.row(word), word).toBe(row);
      expect(lookup.rank(row)).toBe(reference.rank(row));
    }
    for (const missing of ['', 'zzzzqqq', 'constructor\t', 'the\n'])
      expect(lookup.row(missing)).toBe(reference.row(missing));
  });

  it('handles a tiny list, prefixes of words included, and refuses an index of another list', () => {
    const small = 'tea\t3\nteapot\t40\ncoffee\t7\n';
    const lookup = indexedLookup(small, buildWordIndex(small))!;
    expect([
      lookup.row('tea'),
      lookup.row('teapot'),
      lookup.row('coffee'),
      lookup.row('te'),
      lookup.row('teapots'),
    ]).toEqual([0, 1, 2, undefined, undefined]);
    expect(lookup.rank(1)).toBe(40);
    expect(indexedLookup('tea\t3\n', buildWordIndex(small))).toBeUndefined();
    expect(indexedLookup(small, new Uint8Array(8))).toBeUndefined();
  });
});
