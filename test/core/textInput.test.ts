import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/core/textInput.js';
import { parseFactInput } from '../../src/core/factInput.js';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeInput', () => {
  it('passes UTF-8 text through, a byte-order mark and CRLF included', () => {
    const input = bytes('\uFEFFcafé au lait\r\n', 'Likes 緑茶\n');
    expect(decodeInput(input, 'stdin')).toEqual({ text: '\uFEFFcafé au lait\r\nLikes 緑茶\n', problems: [] });
  });

  it('blanks a line that is not UTF-8 and names it, keeping the other lines and their numbers', () => {
    const input = bytes('Likes green tea\n', 'caf', [0xe9], ' au lait\n', 'Likes coffee\n', 'Likes water\n');
    const decoded = decodeInput(input, 'stdin');
    expect(decoded.problems).toEqual([{ line: 2, message: expect.stringContaining('not valid UTF-8') }]);
    expect(decoded.text).not.toContain('\uFFFD');
    const records = parseFactInput(decoded.text).records;
    expect(records.map((r) => [r.line, r.text])).toEqual([
      [1, 'Likes green tea'],
      [3, 'Likes coffee'],
      [4, 'Likes water'],
    ]);
  });

  it('refuses input with a NUL byte whole, as binary', () => {
    expect(() => decodeInput(bytes('Likes tea\n', [0x00], 'x\n'), '--file x.bin')).toThrow(
      expect.objectContaining({ code: 'binary-input', exitCode: 2 }),
    );
  });

  it('refuses input whose lines are mostly not UTF-8 whole (random bytes, another encoding)', () => {
    const latin1 = Buffer.from('café\nthé\ncrème brûlée\nplain\n', 'latin1');
    const error = (() => {
      try {
        decodeInput(latin1, 'stdin');
      } catch (e) {
        return e as Error & { code: string; hint: string };
      }
    })();
    expect(error).toMatchObject({
      code: 'binary-input',
      message: expect.stringContaining('3 of 4 lines are not valid UTF-8 (first: line 1)'),
    });
    expect(error!.hint).toContain('iconv');
    const noise = Buffer.from(Array.from({ length: 20_000 }, (_, i) => ((i * 7919) % 255) + 1));
    expect(() => decodeInput(noise, 'stdin')).toThrow(expect.objectContaining({ code: 'binary-input' }));
  });

  it('never repeats the bytes it could not read', () => {
    const secretish = bytes('token ', [0xff, 0xfe], 'hunter2\n', 'fine\n', 'also fine\n');
    const decoded = decodeInput(secretish, 'stdin');
    expect(JSON.stringify(decoded.problems)).not.toContain('hunter2');
  });
});
