import { describe, expect, it } from 'vitest';
import { parseFactInput } from '../../src/core/factInput.js';

describe('parseFactInput: plain text, one fact a line', () => {
  it.each([
    ['one line', 'I like tea', [{ text: 'I like tea', line: 1 }]],
    ['a trailing newline', 'I like tea\n', [{ text: 'I like tea', line: 1 }]],
    ['two lines', 'I like tea\nI live in Lisbon\n', [{ text: 'I like tea', line: 1 }, { text: 'I live in Lisbon', line: 2 }]],
    ['blank lines skipped, line numbers kept', '\n\nI like tea\n   \n\t\nI live in Lisbon\n\n', [{ text: 'I like tea', line: 3 }, { text: 'I live in Lisbon', line: 6 }]],
    ['CRLF', 'I like tea\r\nI live in Lisbon\r\n', [{ text: 'I like tea', line: 1 }, { text: 'I live in Lisbon', line: 2 }]],
    ['mixed LF and CRLF', 'a\nb\r\nc', [{ text: 'a', line: 1 }, { text: 'b', line: 2 }, { text: 'c', line: 3 }]],
    ['a byte-order mark', '\uFEFFI like tea\n', [{ text: 'I like tea', line: 1 }]],
    ['text kept verbatim (screening trims later)', '  spaced  \n', [{ text: '  spaced  ', line: 1 }]],
    ['a line that looks like JSON later on', 'I like tea\n{"text": "x"}\n', [{ text: 'I like tea', line: 1 }, { text: '{"text": "x"}', line: 2 }]],
    ['unicode', '我喜欢喝茶 ☕\n', [{ text: '我喜欢喝茶 ☕', line: 1 }]],
  ])('%s', (_what, input, records) => {
    expect(parseFactInput(input)).toEqual({ records, problems: [] });
  });

  it.each(['', '\n', '\n\n  \n', '\r\n'])('%j has no records', (input) => {
    expect(parseFactInput(input)).toEqual({ records: [], problems: [] });
  });
});

describe('parseFactInput: JSONL', () => {
  it('reads text, path and source', () => {
    const input = [
      '{"text": "I like tea", "path": "preferences.food.drinks", "source": "chat:42"}',
      '{"text": "I live in Lisbon"}',
      '{"text": "Dark mode", "path": "preferences.ui.theme"}',
    ].join('\n');
    expect(parseFactInput(input)).toEqual({
      records: [
        { text: 'I like tea', path: 'preferences.food.drinks', source: 'chat:42', line: 1 },
        { text: 'I live in Lisbon', path: undefined, source: undefined, line: 2 },
        { text: 'Dark mode', path: 'preferences.ui.theme', source: undefined, line: 3 },
      ],
      problems: [],
    });
  });

  it('is chosen by the first non-blank line, even after blank lines and spaces', () => {
    expect(parseFactInput('\n\n   {"text": "x"}\n').records).toEqual([{ text: 'x', path: undefined, source: undefined, line: 3 }]);
  });

  it('reads CRLF and a byte-order mark', () => {
    const { records, problems } = parseFactInput('\uFEFF{"text": "a"}\r\n{"text": "b"}\r\n');
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.text, r.line])).toEqual([['a', 1], ['b', 2]]);
  });

  it('keeps a text with newlines as given (screening folds it)', () => {
    expect(parseFactInput('{"text": "two\\nlines"}').records[0].text).toBe('two\nlines');
  });

  it('ignores a source that is not a string and unknown fields', () => {
    expect(parseFactInput('{"text": "x", "source": 5, "confidence": 1}').records).toEqual([{ text: 'x', path: undefined, source: undefined, line: 1 }]);
  });

  it('reports bad lines with their line numbers and keeps the good ones', () => {
    const input = [
      '{"text": "good one"}', //                        1
      '{"text": "unterminated', //                       2
      '', //                                             3
      '{"path": "preferences.ui.theme"}', //            4
      '{"text": 42}', //                                 5
      '{"text": "good two", "path": "a.b.c"}', //       6
      '{"text": "bad path", "path": ["a", "b"]}', //    7
      'plain text in a JSONL file', //                   8
      'null', //                                         9
      '["text"]', //                                     10
      '"just a string"', //                              11
      '{"text": "good three"}', //                      12
    ].join('\n');
    const { records, problems } = parseFactInput(input);
    expect(records.map((r) => [r.line, r.text])).toEqual([[1, 'good one'], [6, 'good two'], [12, 'good three']]);
    expect(problems.map((p) => p.line)).toEqual([2, 4, 5, 7, 8, 9, 10, 11]);
    const byLine = new Map(problems.map((p) => [p.line, p.message]));
    for (const line of [2, 8]) expect(byLine.get(line)).toMatch(/not valid JSON/);
    for (const line of [4, 5, 9, 10, 11]) expect(byLine.get(line)).toMatch(/missing "text"/);
    expect(byLine.get(7)).toMatch(/"path" must be a string/);
  });

  it('treats a null path as a bad path, not as no path', () => {
    expect(parseFactInput('{"text": "x", "path": null}').problems).toEqual([{ line: 1, message: '"path" must be a string' }]);
  });
});
