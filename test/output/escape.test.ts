import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeJsonText, escapeStream } from '../../src/output/escape.js';
import { json, jsonLine } from '../../src/output/format.js';
import { chalkPalette, PALETTE_SGR, type Palette } from '../../src/output/palette.js';

const HOSTILE = 'a\x1b]52;c;aGk=\x07b\x00c\u009b2Jd\x7f';
const SHOWN = 'a\\x1b]52;c;aGk=\\x07b\\x00c\\x9b2Jd\\x7f';

describe('escapeData', () => {
  it('escapes every string of a result, keys included, through arrays, Maps and Sets; other values stay', () => {
    const when = new Date('2026-01-01T00:00:00Z');
    const result = {
      text: HOSTILE,
      n: 3,
      ok: true,
      none: null,
      when,
      list: [HOSTILE, 1],
      byKey: new Map([[HOSTILE, { text: HOSTILE }]]),
      tags: new Set([HOSTILE]),
      [HOSTILE]: 'key',
    };
    const shown = escapeData(result);
    expect(shown.text).toBe(SHOWN);
    expect(shown.list).toEqual([SHOWN, 1]);
    expect([...shown.byKey]).toEqual([[SHOWN, { text: SHOWN }]]);
    expect([...shown.tags]).toEqual([SHOWN]);
    expect(shown).toMatchObject({ n: 3, ok: true, none: null, [SHOWN]: 'key' });
    expect(shown.when).toBe(when);
    expect(result.text).toBe(HOSTILE); // the result itself is left as it was
  });

  it('keeps line feeds and tabs (a commit message spans lines) and shared references shared', () => {
    const fact = { text: 'x\x1b' };
    const shown = escapeData({ message: 'subject\n\n\tbody\r', facts: [fact], first: fact });
    expect(shown.message).toBe('subject\n\n\tbody\\x0d');
    expect(shown.first).toBe(shown.facts[0]);
    expect(shown.first.text).toBe('x\\x1b');
  });

  it('returns clean data as it is, without a copy (the common case costs one read)', () => {
    const result = {
      facts: [{ text: 'Likes tea 🍵', path: 'preferences.food.drinks' }],
      message: 'a\n\tb',
      byKey: new Map([['k', 'v']]),
    };
    expect(escapeData(result)).toBe(result);
  });

  it('is idempotent: a result escaped twice (a report inside a report) reads the same', () => {
    const once = escapeData({ text: HOSTILE });
    expect(escapeData(once)).toEqual(once);
  });
});

describe('JSON output', () => {
  it('escapes DEL, C1 and the Unicode line separators as \\u00XX, and parses back to the same value', () => {
    const value = { text: `${HOSTILE} \u2028 \u2029 ok` };
    for (const text of [json(value), jsonLine(value)]) {
      expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]/);
      expect(text).toContain('\\u009b2J');
      expect(text).toContain('\\u007f');
      expect(text).toContain('\\u2028');
      expect(JSON.parse(text)).toEqual(value);
    }
    expect(jsonLine(value).endsWith('}\n')).toBe(true);
    expect(escapeJsonText('{"a":"b"}')).toBe('{"a":"b"}');
  });
});

describe('escapeStream (the guard on stdout and stderr)', () => {
  it('a stream without colour: every control character but line feed and tab is escaped, SGR included', () => {
    expect(escapeStream(`x\t${HOSTILE}\x1b[31mred\x1b[39m\n`, { colour: false, json: false })).toBe(
      `x\t${SHOWN}\\x1b[31mred\\x1b[39m\n`,
    );
  });

  it("a stream with colour: the palette's own codes pass, any other sequence is escaped", () => {
    expect(
      escapeStream('\x1b[36mpath\x1b[39m \x1b[5mblink\x1b[25m \x1b[8mhidden \x1b[2J', { colour: true, json: false }),
    ).toBe('\x1b[36mpath\x1b[39m \\x1b[5mblink\\x1b[25m \\x1b[8mhidden \\x1b[2J');
  });

  it('under --json, as \\u00XX, which is valid inside a JSON string', () => {
    const text = escapeStream(`{"message":"${HOSTILE}"}\n`, { colour: false, json: true });
    expect(JSON.parse(text)).toEqual({ message: HOSTILE });
  });

  it('clean text is returned as it is', () => {
    const text = 'plain\ttext\nlines 我 🍵\n';
    expect(escapeStream(text, { colour: true, json: false })).toBe(text);
  });
});

describe('PALETTE_SGR', () => {
  it("matches every code chalkPalette writes, so memoir's own colours pass the guard", () => {
    const palette = chalkPalette(new Chalk({ level: 1 }));
    for (const style of Object.keys(palette) as Array<keyof Palette>) {
      const styled = palette[style]('x');
      expect(styled, style).not.toBe('x');
      const rest = styled
        .split(PALETTE_SGR)
        .filter((_, i) => i % 2 === 0)
        .join('');
      expect(rest, style).toBe('x');
    }
  });
});
