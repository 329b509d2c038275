import { stemmer } from 'stemmer';

/*
 * The plain forms a word outside the vocabulary may be an inflection of: "irritates" →
 * "irritate", "relocating" → "relocate", "jogging" → "jog", "nicer" → "nice", "mayas" (Maya's,
 * its apostrophe folded away) → "maya". A candidate counts only when it has the word's Porter
 * stem, so "bus" is never read as "bu" nor "ship" as "shi". A known inflection is a far surer
 * guess than a vector composed from n-grams.
 */

const SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'er', 'r', 'est', 'st', 'ly'];

/** Candidate plain forms of a word, surest first, each with the word's stem. */
export function plainForms(word: string): string[] {
  if (!/^[a-z]{4,}$/.test(word)) return [];
  const stem = stemmer(word);
  const out = new Set<string>();
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    const base = word.slice(0, -suffix.length);
    out.add(base);
    out.add(base + 'e');
    // jogging → jogg → jog
    if (base.length > 3 && base.at(-1) === base.at(-2)) out.add(base.slice(0, -1));
  }
  // worries → worry, carried → carry
  if (/[^aeiou](ies|ied)$/.test(word)) out.add(word.slice(0, -3) + 'y');
  return [...out].filter((form) => form !== word && stemmer(form) === stem);
}
