import { describe, expect, it } from 'vitest';
import { charGrams, contentWords, terms } from '../../src/core/terms.js';
import { foldText, readableShare, words } from '../../src/core/tokenize.js';

// The tokenizer of the classifier and recall: words in every script, folded so that spellings
// people treat as one match, unspaced scripts cut by Intl.Segmenter.

/** The ASCII-only tokenizer memoir had before: ASCII text must still give exactly its words. */
const asciiWords = (text: string) =>
  text
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9+#]+/)
    .filter(Boolean);

describe('words', () => {
  it.each([
    'I prefer dark-mode in every app',
    "Don't force-push to main; use C++ and C# (v2.1)",
    '  tabs\tand\nnew lines, 42 apples & 7 pears!  ',
    '',
  ])('gives what the ASCII tokenizer gave for ASCII text: %j', (text) => {
    expect(words(text)).toEqual(asciiWords(text));
  });

  it.each([
    ['Я пью чай с лимоном', ['я', 'пью', 'чай', 'с', 'лимоном']],
    ['Ёлка и МОЙ дом', ['елка', 'и', 'мой', 'дом']],
    ['Ich wohne in der Schloßstraße', ['ich', 'wohne', 'in', 'der', 'schlossstrasse']],
    ['Smørrebrød in Łódź', ['smorrebrod', 'in', 'lodz']],
    ['Café crème, NAÏVE résumé', ['cafe', 'creme', 'naive', 'resume']],
    ['Καλημέρα κόσμε', ['καλημερα', 'κοσμε']],
    ['नमस्ते दुनिया', ['नमस्ते', 'दुनिया']],
    ['커피를 좋아해요', ['커피를', '좋아해요']],
    ['ｆｕｌｌｗｉｄｔｈ ＡＢＣ', ['fullwidth', 'abc']],
  ])('keeps the letters of every script, folded: %j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('cuts unspaced scripts into words, and keeps Latin words among them whole', () => {
    expect(words('我每天早上喝绿茶')).toEqual(['我', '每天', '早上', '喝', '绿茶']);
    expect(words('カタカナのコーヒー')).toEqual(['カタカナ', 'の', 'コーヒー']);
    expect(words('ผมชอบกินข้าวผัด')).toEqual(['ผม', 'ชอบ', 'กิน', 'ข้าว', 'ผัด']);
    expect(words('我用iPhone和C++写代码')).toEqual(['我', '用', 'iphone', '和', 'c++', '写', '代码']);
  });

  it('finds no word in emoji, symbols or punctuation, and does not throw', () => {
    for (const text of ['😀🎉', '→ ★ ♥', '👩‍👩‍👧 🇫🇷', '…—–·', '\u0301\u0301', '\ud83d']) {
      expect(words(text)).toEqual([]);
      expect(terms(text)).toEqual([]);
      expect(charGrams(text)).toEqual([]);
    }
  });

  it('folds accents both ways: café and cafe are one word', () => {
    expect(foldText('CAFÉ')).toBe(foldText('cafe'));
    expect(terms('café')).toEqual(terms('cafe'));
  });
});

describe('terms and content words', () => {
  it('stem English only; other languages stay as written', () => {
    expect(terms('running dogs')).toEqual(['run', 'dog']);
    expect(terms('лимоном пьёт')).toEqual(['лимоном', 'пьет']);
  });

  it('keep one Chinese character as a word, and add the characters of longer Chinese words', () => {
    expect(contentWords('茶')).toEqual(['茶']);
    expect(terms('我喝绿茶')).toEqual(['我', '喝', '绿茶', '绿', '茶']);
    // a lone Latin or Cyrillic letter, or a kana particle, is not content
    expect(contentWords('я и x の')).toEqual([]);
  });

  it('cut character n-grams by code point, never inside a surrogate pair', () => {
    const grams = charGrams('Gothic 𐌰𐌹𐌽𐍃 and 𐌷𐌻𐌰𐌹𐍆𐍃');
    expect(grams.length).toBeGreaterThan(0);
    // a lone surrogate would make the n-gram ill-formed UTF-16
    for (const g of grams)
      expect(g).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});

describe('readableShare', () => {
  it.each([
    ['I drink tea every morning', 1],
    ['😀', 1],
    ['我每天早上喝绿茶', 0],
    ['Мы используем Docker для деплоя', 1 / 5],
    ['Café au lait', 1],
  ])('%j: %d of its words the English model can read', (text, share) => {
    expect(readableShare(text)).toBeCloseTo(share, 5);
  });
});
