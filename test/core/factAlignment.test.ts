import { describe, expect, it } from 'vitest';
import { alignFacts, negated, type Token } from '../../src/core/factAlignment.js';
import { loadEmbeddings } from '../../src/classify/embeddings.js';
import { contentWords, stemOf } from '../../src/core/terms.js';

/* How two facts line up: the frame they share, the runs where they differ, and whether those are of a kind. */

const meanings = loadEmbeddings();

/** A fact's tokens as consolidate makes them: numbers and days are values, capitalised words inside the sentence names. */
function fact(text: string) {
  const names = new Set([...text.matchAll(/(?<=\s)\p{Lu}[\p{L}\p{N}'-]*/gu)].map((m) => m[0].toLowerCase()));
  const tokens: Token[] = contentWords(text).map((word) => ({
    word,
    stem: stemOf(word),
    value: /^(\d.*|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?$/.test(word),
    name: names.has(word),
  }));
  return { tokens, negated: negated(text) };
}
const align = (a: string, b: string) => alignFacts(fact(a), fact(b), meanings);
const words = (runs: Token[][]) => runs.map((run) => run.map((t) => t.word).join(' '));

describe('alignFacts', () => {
  it('finds the one run each fact has that the other lacks, around a shared frame', () => {
    const a = align('We deploy Tally to production on Tuesdays', 'Production deploys for Tally happen every Thursday');
    expect(words(a.runs[0])).toEqual(['tuesdays']);
    // "happen" and "every" say nothing of the value
    expect(words(a.runs[1])).toEqual(['thursday']);
    expect(a.shared).toEqual([0.75, 0.75]);
    expect(a.parallel).toBe(true);
    expect(a.negationDiffers).toBe(false);
  });

  it('counts a time split into digits as one value of the frame', () => {
    const a = align('Standup is at 9:30', 'Standup is at 10:15');
    expect(a.shared).toEqual([0.5, 0.5]);
    expect(a.runs.map((r) => r.length)).toEqual([1, 1]);
  });

  it('keeps two differences two, even with a noise word between them', () => {
    const a = align(
      'Sprint planning is every other Monday at 11:00',
      'Backlog refinement is every other Wednesday at 11:00',
    );
    expect(words(a.runs[0])).toEqual(['sprint planning', 'monday']);
  });

  it('tells fillers of a kind (two values, words near in meaning) from words that are not', () => {
    expect(align('My sister is a nurse', 'My sister is a teacher').parallel).toBe(true);
    expect(align('I sleep badly if the bedroom is warm', 'A warm bedroom ruins my sleep').parallel).toBe(false);
  });
});

describe('negated', () => {
  it('reads "not" and its kin, with or without the apostrophe, and not words that end in "nt"', () => {
    for (const text of ["I don't drink", 'I can’t stand olives', 'we dont', 'No sugar', 'never on Fridays'])
      expect(negated(text), text).toBe(true);
    for (const text of ['Sprint retros are on Fridays', 'I want tea', 'a student parent'])
      expect(negated(text), text).toBe(false);
  });
});
