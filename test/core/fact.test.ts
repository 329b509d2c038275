import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cleanFactText, FACT_ID_LENGTH, isFactIdPrefix, makeFactId, normalizeFactText } from '../../src/core/fact.js';

describe('normalizeFactText', () => {
  it.each([
    ['I like tea', 'i like tea'],
    ['  I like  Tea. ', 'i like tea'],
    ['I LIKE TEA.', 'i like tea'],
    ['I\tlike\n\ntea', 'i like tea'],
    ['I like tea..', 'i like tea.'], // only one trailing full stop is ignored
    ['I like tea.   ', 'i like tea'], // the stop is found after trimming
    ['e.g. tea', 'e.g. tea'], // inner full stops stay
    ['Ｉ ｌｉｋｅ ｔｅａ', 'i like tea'], // NFKC folds full-width letters
    ['ﬁne', 'fine'], // and ligatures
    ['Cafe\u0301', 'café'], // a combining accent composes
    ['', ''],
    ['.', ''],
    ['I like tea!', 'i like tea!'],
  ])('%j → %j', (text, folded) => {
    expect(normalizeFactText(text)).toBe(folded);
  });

  it.each([
    ['I like tea', 'i LIKE   tea.'],
    ['Dark mode', ' dark mode. '],
    ['café', 'Cafe\u0301'],
  ])('%j and %j are the same fact', (a, b) => {
    expect(normalizeFactText(a)).toBe(normalizeFactText(b));
  });

  it('folds as the whole chain of steps would, for text of every kind (the fast paths change nothing)', () => {
    const reference = (text: string) =>
      text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
    const pieces = [
      'Tea',
      ' ',
      '  ',
      '\t',
      '\n',
      '\u00a0',
      '\u2003',
      '.',
      'Ｉ',
      'ﬁ',
      'e\u0301',
      'İ',
      'ẞ',
      '!',
      '7',
      '\u3000',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: next() % 8 }, () => pieces[next() % pieces.length]).join('');
      expect(normalizeFactText(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it.each([
    ['I like tea', 'I like teas'],
    ['I like tea', 'I like tea!'],
    ['a b', 'ab'],
  ])('%j and %j are different facts', (a, b) => {
    expect(normalizeFactText(a)).not.toBe(normalizeFactText(b));
  });
});

describe('cleanFactText', () => {
  it.each([
    ['I like tea', 'I like tea'],
    ['  I like tea  ', 'I like tea'],
    ['I like\ntea', 'I like tea'],
    ['I like\r\ntea', 'I like tea'],
    ['I like\n\n\ntea', 'I like tea'],
    ['I like \n  tea', 'I like tea'], // the spaces around a line break fold with it
    ['I like\n \n tea', 'I like tea'], // a blank line in the middle is one space, not three
    ['I\tlike\ttea', 'I like tea'],
    ['I like\vtea\f', 'I like tea'],
    ['I like\u2028tea', 'I like tea'], // Unicode line separator
    ['I like\u2029tea', 'I like tea'], // Unicode paragraph separator
    ['I like\u0085tea', 'I like tea'], // NEL
    ['I  like   tea', 'I  like   tea'], // runs of plain spaces are the user's own: verbatim
    ['\n\n', ''],
    ['', ''],
    ['Café ☕ 日本', 'Café ☕ 日本'],
  ])('%j → %j', (text, clean) => {
    expect(cleanFactText(text)).toBe(clean);
  });

  it('never leaves a character that ends a line', () => {
    const text = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join(' \r\n\t\v\f\u0085\u2028\u2029 ');
    expect(cleanFactText(text)).not.toMatch(/[\r\n\t\v\f\u0085\u2028\u2029]/);
    expect(cleanFactText(text)).toBe('a b c d e f g h');
  });

  it('is linear on a long run of spaces', () => {
    const text = 'a' + ' '.repeat(200_000) + 'b\n';
    const started = performance.now();
    expect(cleanFactText(text)).toBe('a' + ' '.repeat(200_000) + 'b');
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('makeFactId', () => {
  const at = '2026-11-21T13:00:00Z';

  it('is FACT_ID_LENGTH lowercase hex digits', () => {
    expect(FACT_ID_LENGTH).toBe(10);
    expect(makeFactId('preferences.ui.theme', 'I prefer dark mode', at)).toMatch(/^[0-9a-f]{10}$/);
  });

  it('is the first 10 hex digits of the SHA-1 of path, text, time and salt', () => {
    const expected = createHash('sha1')
      .update(`preferences.ui.theme\nI prefer dark mode\n${at}\n0`)
      .digest('hex')
      .slice(0, 10);
    expect(makeFactId('preferences.ui.theme', 'I prefer dark mode', at)).toBe(expected);
  });

  it('is deterministic', () => {
    expect(makeFactId('a.b.c', 'x', at)).toBe(makeFactId('a.b.c', 'x', at));
    expect(makeFactId('a.b.c', 'x', at, 3)).toBe(makeFactId('a.b.c', 'x', at, 3));
  });

  it('defaults the salt to 0', () => {
    expect(makeFactId('a.b.c', 'x', at)).toBe(makeFactId('a.b.c', 'x', at, 0));
  });

  it.each([
    ['path', ['a.b.d', 'x', at, 0]],
    ['text', ['a.b.c', 'y', at, 0]],
    ['time', ['a.b.c', 'x', '2026-11-21T13:00:01Z', 0]],
    ['salt', ['a.b.c', 'x', at, 1]],
  ] as Array<[string, [string, string, string, number]]>)('changes with the %s', (_what, args) => {
    expect(makeFactId(...args)).not.toBe(makeFactId('a.b.c', 'x', at, 0));
  });

  it('gives distinct ids for successive salts (how a collision is broken)', () => {
    const ids = new Set(Array.from({ length: 50 }, (_, salt) => makeFactId('a.b.c', 'x', at, salt)));
    expect(ids.size).toBe(50);
  });
});

describe('isFactIdPrefix', () => {
  it.each([
    ['3fa2', true],
    ['3fa2c91b0d', true],
    ['0123456789', true],
    ['abcdef', true],
    ['3fa', false], // shorter than 4
    ['3fa2c91b0d0', false], // longer than an id
    ['3FA2C9', false], // ids are lower case
    ['3fa2g1', false],
    ['', false],
    ['HEAD', false],
    [' 3fa2', false],
  ])('%j → %s', (value, ok) => {
    expect(isFactIdPrefix(value)).toBe(ok);
  });

  it('accepts every id makeFactId makes', () => {
    for (let salt = 0; salt < 20; salt++)
      expect(isFactIdPrefix(makeFactId('a.b.c', 'x', '2026-01-01T00:00:00Z', salt))).toBe(true);
  });
});
