import { stemmer } from 'stemmer';
import { hanCharacters, isContentLength, words } from './tokenize.js';

/*
 * Text features for the offline classifier and recall: stemmed words without stop words,
 * and character n-grams of the words, which survive typos and inflections that stems miss
 * ("allergic"/"allergy", "dockerfile"/"docker"). Words come from tokenize.ts (every script);
 * only English words are stemmed: no stemmer ships for the others, which stay as written.
 */

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself ' +
    'his how i if in into is it its itself just me more most my myself now of off on once only or other our ours ' +
    'ourselves out over own same she so some such than that the their theirs them themselves then there these they this ' +
    'those through to too under until up very was we were what when where which while who whom why will with would you your ' +
    'yours yourself yourselves im ive id its thats dont doesnt isnt arent wasnt user users one get got gets like really much many ' +
    'thing things something also lot lots bit quite rather pretty'
  ).split(' '),
);

export { foldText, words } from './tokenize.js';

const stemCache = new Map<string, string>();

function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? stemmer(word) : word;
    stemCache.set(word, s);
  }
  return s;
}

/** Content words of a text, unstemmed (no stop words, no one-letter words). */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => !STOP_WORDS.has(w) && isContentLength(w));
}

/** The stem of one word, as the word features use it. */
export function stemOf(word: string): string {
  return stem(word);
}

/** Stemmed content words, and the characters of Chinese words: the unit of the word features. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (STOP_WORDS.has(w) || !isContentLength(w)) continue;
    out.push(stem(w), ...hanCharacters(w));
  }
  return out;
}

/** Character n-grams (n = 4) of each content word padded with spaces; short words whole. */
export function charGrams(text: string, n = 4): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (STOP_WORDS.has(w) || w.length < 3) continue;
    // by code point, so a character outside the BMP is never cut in two
    const padded = /^[\x00-\x7f]*$/.test(w) ? ` ${w} ` : [' ', ...w, ' '];
    if (padded.length <= n) {
      out.push(` ${w} `);
      continue;
    }
    for (let i = 0; i + n <= padded.length; i++)
      out.push(typeof padded === 'string' ? padded.slice(i, i + n) : padded.slice(i, i + n).join(''));
  }
  return out;
}
