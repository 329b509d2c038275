import { describe, expect, it } from 'vitest';
import { buildCorpus, Corpus, type IndexedFact, queryTerms } from '../../src/core/recall.js';
import { bytesIn, decodeIndex, encodeIndex } from '../../src/store/recallIndexFile.js';
import { seededRandom } from '../helpers/random.js';

const fact = (id: string, path: string, text: string, extra: Partial<IndexedFact> = {}): IndexedFact => ({
  id,
  path,
  text,
  recordedAt: '2026-01-01T00:00:00Z',
  commit: 'c'.repeat(40),
  ...extra,
});

const FACTS = [
  fact('a1', 'preferences.ui.theme', 'Solarized dark everywhere'),
  fact('a2', 'preferences.tools.editor', 'Neovim is my editor', { recordedAt: '1965-05-01T00:00:00Z' }),
  fact('a3', 'relationships.pets.animals', 'We have a cat called Pixel', { confidence: 0.42 }),
  fact('a4', 'relationships.pets.animals', 'Pixel eats a kidney diet', { when: '1969-07-20' }),
  fact('a5', 'preferences.food.drinks', 'Я пью чай с лимоном каждое утро 🍋', { recordedAt: '' }),
  fact('a6', 'events.past.trips', 'Went to Lisbon', {
    validFrom: '2025-05-01',
    validUntil: '2025-05-09',
    supersededBy: 'a1',
  }),
];
const TREE = 'f'.repeat(40);

/** What a reader sees of a corpus: every fact, each leaf's facts, each term's postings. */
function seen(corpus: Corpus) {
  const terms = [...new Set(FACTS.flatMap((f) => [...queryTerms(f.text)]))];
  return {
    facts: Array.from({ length: corpus.count }, (_, doc) => corpus.fact(doc)),
    leaves: FACTS.map((f) => [...corpus.factsAt(f.path)]),
    postings: terms.map((t) => corpus.postings(t)),
    numbers: Array.from({ length: corpus.count }, (_, doc) => [
      corpus.lengths[doc],
      corpus.recorded[doc],
      corpus.sure[doc],
    ]),
    dated: [...Array.from(corpus.dated)],
    averageLength: corpus.averageLength,
  };
}

describe('the recall index file', () => {
  it('finds every term by halving its sorted postings, and no term it does not hold (2,000 generated facts)', () => {
    const next = seededRandom(17);
    // letters whose UTF-8 and UTF-16 orders differ (a supplementary character sorts before U+FF21 in UTF-16 only)
    const letters = ['a', 'b', 'z', 'é', 'ж', '日', '\uFF21', '😀', '𝔸', '1'];
    const word = () =>
      Array.from({ length: 1 + Math.floor(next() * 5) }, () => letters[Math.floor(next() * letters.length)]).join('');
    const facts = Array.from({ length: 2_000 }, (_, i) =>
      fact(`f${i}`, 'preferences.ui.theme', Array.from({ length: 4 }, word).join(' ')),
    );
    const data = buildCorpus(facts);
    const decoded = new Corpus(decodeIndex(10, bytesIn(encodeIndex(10, TREE, data)))!.parts);
    const memory = new Corpus(data);
    const held = [...new Set(facts.flatMap((f) => [...queryTerms(f.text)]))];
    expect(held.length).toBeGreaterThan(1_000);
    for (const term of held) expect(decoded.postings(term), term).toEqual(memory.postings(term));
    for (const absent of ['', '0', 'zzzzzzzzzz', '\uFFFF\uFFFF', 'aé日😀zz9'])
      expect(decoded.postings(absent)).toBeUndefined();
  });

  it('reads back in place what the corpus it was written from holds', () => {
    const data = buildCorpus(FACTS);
    const decoded = decodeIndex(10, bytesIn(encodeIndex(10, TREE, data)));
    expect(decoded?.tree).toBe(TREE);
    expect(seen(new Corpus(decoded!.parts))).toEqual(seen(new Corpus(data)));
    expect(new Corpus(decoded!.parts).postings('nosuchterm')).toBeUndefined();
    // an empty memory too
    const empty = decodeIndex(10, bytesIn(encodeIndex(10, TREE, buildCorpus([]))));
    expect(empty?.parts.count).toBe(0);
  });

  it('is read from a buffer at any offset, as a file read into a shared slab would be', () => {
    const file = encodeIndex(10, TREE, buildCorpus(FACTS));
    const slab = Buffer.alloc(file.length + 3);
    file.copy(slab, 3);
    expect(seen(new Corpus(decodeIndex(10, bytesIn(slab.subarray(3)))!.parts))).toEqual(
      seen(new Corpus(buildCorpus(FACTS))),
    );
  });

  it('is refused, not misread, when it is of another format, cut short or damaged', () => {
    const file = encodeIndex(10, TREE, buildCorpus(FACTS));
    expect(decodeIndex(11, bytesIn(file))).toBeUndefined();
    expect(decodeIndex(10, bytesIn(file.subarray(0, file.length - 40)))).toBeUndefined();
    expect(decodeIndex(10, bytesIn(Buffer.from('MRI1')))).toBeUndefined();
    expect(decodeIndex(10, bytesIn(Buffer.from('{"format":10}')))).toBeUndefined();
    const first = Math.ceil((8 + file.readUInt32LE(4)) / 8) * 8;
    const damaged = Buffer.from(file);
    damaged.fill(0xff, first, first + 4); // the first fact's leaf: no such leaf
    expect(decodeIndex(10, bytesIn(damaged))).toBeUndefined();
  });
});
