import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEmbeddings, type Embeddings } from '../../src/classify/embeddings.js';
import { plainForms } from '../../src/classify/inflections.js';
import { buildCorpus, Corpus, rankFacts, type IndexedFact } from '../../src/core/recall.js';
import { softMatcher, type Meanings } from '../../src/core/recallMeaning.js';

const vocabulary = new Set(
  readFileSync(new URL('../../data/embeddings/words.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.split('\t')[0]),
);
const embeddings = loadEmbeddings()!;
const similarity = (e: Embeddings, a: string, b: string) => {
  const x = e.embed(a)!;
  const y = e.embed(b)!;
  return x.reduce((s, v, i) => s + v * y[i], 0);
};

describe('words outside the vocabulary', () => {
  it('take the vector of the known word they inflect', () => {
    for (const [word, plain] of [
      ['relocating', 'relocate'],
      ['evaluations', 'evaluation'],
      ['annoys', 'annoy'],
    ]) {
      expect(vocabulary.has(word), word).toBe(false);
      expect(plainForms(word), word).toContain(plain);
      expect(similarity(embeddings, word, plain), word).toBeCloseTo(1, 5);
    }
  });

  it('are cut only to a form with the same stem, and only when they are plain Latin words', () => {
    expect(plainForms('bus')).toEqual([]);
    expect(plainForms('ship')).toEqual([]);
    expect(plainForms('worries')).toContain('worry');
    expect(plainForms('чаи')).toEqual([]);
    for (const word of ['udaipur', 'zzqxj', 'чай']) expect(embeddings.embed(word), word).toBeUndefined();
  });
});

describe('recall with words outside the vocabulary', () => {
  const fact = (id: string, text: string, recordedAt: string): IndexedFact => ({
    id,
    path: 'events.upcoming.plans',
    text,
    recordedAt,
  });
  const corpus = new Corpus(
    buildCorpus([
      fact('move', 'We are moving to Lisbon in the spring', '2026-01-01T00:00:00Z'),
      fact('paint', 'We repainted the kitchen last weekend', '2026-02-01T00:00:00Z'),
    ]),
  );
  const navigation = new Map([['events.upcoming.plans', 0.5]]);
  const question = 'Where are we relocating?';
  const rank = (meanings: Meanings) =>
    rankFacts(question, corpus, navigation, { k: 2, minScore: 0, similarity: softMatcher(question, meanings) }).map(
      (h) => h.fact.id,
    );
  /** The word vectors as they were: a word outside the vocabulary had none. */
  const vocabularyOnly: Meanings = {
    embed: (text) =>
      text.split(/\s+/).every((w) => vocabulary.has(w.toLowerCase())) ? embeddings.embed(text) : undefined,
  };

  it('finds the paraphrase that vectors of known words alone missed', () => {
    expect(rank(vocabularyOnly)).toEqual(['paint', 'move']);
    expect(rank(embeddings)).toEqual(['move', 'paint']);
  });
});
