/*
 * Words in every script. A word is a run of Unicode letters, combining marks and digits (plus
 * `+` and `#`, for c++ and c#), folded so that spellings people treat as one match: lower case,
 * Latin and Greek accents dropped (`café` = `cafe`), a few letters Unicode does not decompose
 * spelled out (`ß` = `ss`, `ø` = `o`, `ł` = `l`), `ё` = `е`. Scripts written without spaces
 * (Chinese, Japanese, Thai, ...) are cut into words by Intl.Segmenter, only where they occur:
 * it is far slower than a regular expression. ASCII text, nearly every fact, takes a fast path
 * that gives exactly what the ASCII-only tokenizer gave before.
 */

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_SEPARATORS = /[^a-z0-9+#]+/;
const SEPARATORS = /[^\p{L}\p{M}\p{N}+#]+/u;
/** Accents of the Latin and Greek letters they follow (decomposed); other scripts' marks are letters' parts. */
const ACCENTS = /(?<=[\p{Script=Latin}\p{Script=Greek}])[\u0300-\u036f]+/gu;
const APOSTROPHES = /['’]/g;
const SPELLED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ς: 'σ',
  ё: 'е',
};
const SPELLED_LETTERS = new RegExp(`[${Object.keys(SPELLED).join('')}]`, 'g');
/** Runs of the scripts written without spaces between words (Script_Extensions: `ー` and `々` belong to them). */
const UNSPACED_RUN =
  /([\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]+)/u;
const HAN = /\p{Script=Han}/u;
/** Combining marks with no letter to carry them (a stray accent): not a word. */
const MARKS_ONLY = /^\p{M}+$/u;

/** Lower case, accents folded, apostrophes dropped ("don't" → "dont", "Straße" → "strasse"). */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase().replace(APOSTROPHES, '');
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(ACCENTS, '')
    .normalize('NFC')
    .replace(SPELLED_LETTERS, (c) => SPELLED[c])
    .replace(APOSTROPHES, '');
}

/** Words of a text: letters and digits of any script, split on everything else (so `dark-mode` is two words). */
export function words(text: string): string[] {
  const folded = foldText(text);
  if (ASCII.test(folded)) return folded.split(ASCII_SEPARATORS).filter((w) => w.length > 0);
  const out: string[] = [];
  for (const token of folded.split(SEPARATORS)) {
    if (!token || MARKS_ONLY.test(token)) continue;
    if (!UNSPACED_RUN.test(token)) {
      out.push(token);
      continue;
    }
    // split() with a capturing group: the unspaced runs are at the odd places
    token.split(UNSPACED_RUN).forEach((piece, i) => {
      if (i % 2 === 1) segmentInto(piece, out);
      else if (piece) out.push(piece);
    });
  }
  return out;
}

let segmenter: Intl.Segmenter | null | undefined;

/** The words of an unspaced run; without Intl.Segmenter (Node built without ICU), its characters. */
function segmentInto(run: string, out: string[]): void {
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('und', { granularity: 'word' }) : null;
  if (!segmenter) {
    out.push(...run);
    return;
  }
  for (const s of segmenter.segment(run)) if (s.isWordLike) out.push(s.segment);
}

/**
 * Whether a folded word carries content on its own: two characters or more, a number, or one
 * Chinese character (茶 is "tea"; a lone Latin or Cyrillic letter or kana is a particle or an initial).
 */
export function isContentLength(word: string): boolean {
  return word.length >= 2 || /\d/.test(word) || HAN.test(word);
}

/**
 * The single Chinese characters of a word of several: the segmenter reads 喝茶 ("drink tea")
 * as one word, and a question asking for 茶 should still find it.
 */
export function hanCharacters(word: string): string[] {
  if (word.length < 2 || ASCII.test(word) || !HAN.test(word)) return [];
  return [...word].filter((c) => HAN.test(c));
}

/**
 * The share of a text's words the English model can read (folded to ASCII letters and digits),
 * in [0, 1]; 1 for a text with no word at all.
 */
export function readableShare(text: string): number {
  if (ASCII.test(text)) return 1;
  const all = words(text);
  if (all.length === 0) return 1;
  return all.filter((w) => ASCII.test(w)).length / all.length;
}
