import { describe, expect, it } from 'vitest';
import {
  describeControlCharacter,
  escapeControl,
  findControlCharacter,
  refuseControlCharacters,
} from '../../src/core/controlChars.js';
import { screenFact } from '../../src/core/screen.js';
import { MemoirError } from '../../src/errors/index.js';

describe('findControlCharacter', () => {
  it.each([
    ['plain text', 'I like tea', undefined],
    ['CJK and emoji', '我喜欢茶 🍵', undefined],
    ['U+2028 (a separator, not a control character)', 'a\u2028b', undefined],
    ['ESC', 'a\x1b[2J', { index: 1, codePoint: 0x1b }],
    ['NUL', '\x00', { index: 0, codePoint: 0 }],
    ['BEL after text', 'ding\x07', { index: 4, codePoint: 7 }],
    ['DEL', 'x\x7f', { index: 1, codePoint: 0x7f }],
    ['C1 CSI', 'x\u009b2J', { index: 1, codePoint: 0x9b }],
    ['the first of several', 'a\x07b\x1b', { index: 1, codePoint: 7 }],
    ['tab (a control character for names)', 'a\tb', { index: 1, codePoint: 9 }],
    ['line feed', 'a\nb', { index: 1, codePoint: 10 }],
  ])('%s', (_what, text, expected) => {
    expect(findControlCharacter(text)).toEqual(expected);
  });

  it('lineBreaks lets tab, LF, CR and NEL pass (a fact folds them into spaces), and nothing else', () => {
    expect(findControlCharacter('a\tb\nc\r\nd\u0085e', { lineBreaks: true })).toBeUndefined();
    expect(findControlCharacter('a\nb\x1bc', { lineBreaks: true })).toEqual({ index: 3, codePoint: 0x1b });
    for (const code of [0, 7, 8, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x80, 0x84, 0x86, 0x9b, 0x9f]) {
      expect(findControlCharacter(`x${String.fromCharCode(code)}`, { lineBreaks: true })).toEqual({
        index: 1,
        codePoint: code,
      });
    }
  });

  it('describes the position in characters counted from 1, an emoji counting once', () => {
    const text = '🍕🍕 \x1b';
    expect(describeControlCharacter(text, findControlCharacter(text)!)).toBe('U+001B at character 4');
    expect(describeControlCharacter('\u009b', findControlCharacter('\u009b')!)).toBe('U+009B at character 1');
  });
});

describe('escapeControl', () => {
  it.each([
    ['I like tea', 'I like tea'],
    ['\x1b]52;c;aGk=\x07', '\\x1b]52;c;aGk=\\x07'],
    ['\x1b[2J\x1b[H', '\\x1b[2J\\x1b[H'],
    ['a\x00b', 'a\\x00b'],
    ['\u009b2J', '\\x9b2J'],
    ['\x7f', '\\x7f'],
    ['a\tb\nc\rd', 'a\\x09b\\x0ac\\x0dd'],
    ['我喜欢茶 🍵 \u2028', '我喜欢茶 🍵 \u2028'],
  ])('%j → %j', (text, shown) => {
    expect(escapeControl(text)).toBe(shown);
  });

  it('multiline keeps line feeds and tabs, and escapes the rest (CR included)', () => {
    expect(escapeControl('subject\n\n\tbody\r\x1b[2J', { multiline: true })).toBe('subject\n\n\tbody\\x0d\\x1b[2J');
  });

  it('leaves nothing a terminal would obey, and is idempotent', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('');
    const shown = escapeControl(all);
    expect(shown).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
    expect(escapeControl(shown)).toBe(shown);
  });
});

describe('refuseControlCharacters', () => {
  it('throws a usage error (exit 2, control-character) that names the position and never holds the character', () => {
    let error: unknown;
    try {
      refuseControlCharacters('Prefers \x1b]0;owned\x07 tea', 'the text');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MemoirError);
    expect(error).toMatchObject({
      code: 'control-character',
      exitCode: 2,
      message: 'the text contains a control character (U+001B at character 9); remove it',
    });
    expect(JSON.stringify((error as MemoirError).toJSON())).not.toMatch(/\\u001b|\\u0007/);
  });

  it('passes undefined and clean text; line breaks only with lineBreaks', () => {
    expect(() => refuseControlCharacters(undefined, 'x')).not.toThrow();
    expect(() => refuseControlCharacters('fine', 'x')).not.toThrow();
    expect(() => refuseControlCharacters('two\nlines', 'x', { lineBreaks: true })).not.toThrow();
    expect(() => refuseControlCharacters('two\nlines', 'x')).toThrow(/U\+000A at character 4/);
  });
});

describe('screenFact refuses control characters', () => {
  it.each([
    ['ESC', 'I like \x1b[2J tea', 'U+001B at character 8'],
    ['NUL', 'I like\x00tea', 'U+0000 at character 7'],
    ['BEL', '\x07I like tea', 'U+0007 at character 1'],
    ['C1', 'I like \u009b tea', 'U+009B at character 8'],
    ['DEL', 'I like tea\x7f', 'U+007F at character 11'],
    ['form feed', 'I like\ftea', 'U+000C at character 7'],
    ['ESC after line breaks (the position is in the text as given)', 'I\n\nlike \x1b tea', 'U+001B at character 9'],
  ])('%s', (_what, text, where) => {
    expect(screenFact({ text })).toEqual({
      rejection: { kind: 'control-character', message: `the fact contains a control character (${where}); remove it` },
    });
  });

  it('tabs and line breaks (CR, LF, NEL) still fold into spaces', () => {
    expect(screenFact({ text: 'I\tlike\r\ntea\u0085a lot' })).toEqual({ text: 'I like tea a lot' });
  });
});
