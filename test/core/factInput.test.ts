import { describe, expect, it } from 'vitest';
import { parseFactInput, screenInput } from '../../src/core/factInput.js';

describe('parseFactInput: plain text, one fact a line', () => {
  it.each([
    ['one line', 'I like tea', [{ text: 'I like tea', line: 1 }]],
    ['a trailing newline', 'I like tea\n', [{ text: 'I like tea', line: 1 }]],
    [
      'two lines',
      'I like tea\nI live in Lisbon\n',
      [
        { text: 'I like tea', line: 1 },
        { text: 'I live in Lisbon', line: 2 },
      ],
    ],
    [
      'blank lines skipped, line numbers kept',
      '\n\nI like tea\n   \n\t\nI live in Lisbon\n\n',
      [
        { text: 'I like tea', line: 3 },
        { text: 'I live in Lisbon', line: 6 },
      ],
    ],
    [
      'CRLF',
      'I like tea\r\nI live in Lisbon\r\n',
      [
        { text: 'I like tea', line: 1 },
        { text: 'I live in Lisbon', line: 2 },
      ],
    ],
    [
      'mixed LF and CRLF',
      'a\nb\r\nc',
      [
        { text: 'a', line: 1 },
        { text: 'b', line: 2 },
        { text: 'c', line: 3 },
      ],
    ],
    ['a byte-order mark', '\uFEFFI like tea\n', [{ text: 'I like tea', line: 1 }]],
    ['text kept verbatim (screening trims later)', '  spaced  \n', [{ text: '  spaced  ', line: 1 }]],
    [
      'a line that looks like JSON later on',
      'I like tea\n{"text": "x"}\n',
      [
        { text: 'I like tea', line: 1 },
        { text: '{"text": "x"}', line: 2 },
      ],
    ],
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
    expect(parseFactInput('\n\n   {"text": "x"}\n').records).toEqual([
      { text: 'x', path: undefined, source: undefined, line: 3 },
    ]);
  });

  it('reads CRLF and a byte-order mark', () => {
    const { records, problems } = parseFactInput('\uFEFF{"text": "a"}\r\n{"text": "b"}\r\n');
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.text, r.line])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('keeps a text with newlines as given (screening folds it)', () => {
    expect(parseFactInput('{"text": "two\\nlines"}').records[0].text).toBe('two\nlines');
  });

  it('ignores a source that is not a string and unknown fields', () => {
    expect(parseFactInput('{"text": "x", "source": 5, "confidence": 1}').records).toEqual([
      { text: 'x', path: undefined, source: undefined, line: 1 },
    ]);
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
    expect(records.map((r) => [r.line, r.text])).toEqual([
      [1, 'good one'],
      [6, 'good two'],
      [12, 'good three'],
    ]);
    expect(problems.map((p) => p.line)).toEqual([2, 4, 5, 7, 8, 9, 10, 11]);
    const byLine = new Map(problems.map((p) => [p.line, p.message]));
    for (const line of [2, 8]) expect(byLine.get(line)).toMatch(/not valid JSON/);
    for (const line of [4, 5, 9, 10, 11]) expect(byLine.get(line)).toMatch(/missing "text"/);
    expect(byLine.get(7)).toMatch(/"path" must be a string/);
  });

  it('treats a null path as a bad path, not as no path', () => {
    expect(parseFactInput('{"text": "x", "path": null}').problems).toEqual([
      { line: 1, message: '"path" must be a string' },
    ]);
  });
});

describe('screenInput: secrets spread over lines are refused whole', () => {
  const BODY = Array.from({ length: 4 }, (_, i) => `b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB${i}`);
  const block = (kind: string, end = true) => [
    `-----BEGIN ${kind}PRIVATE KEY-----`,
    ...BODY,
    ...(end ? [`-----END ${kind}PRIVATE KEY-----`] : []),
  ];
  const kept = (input: string) => screenInput(parseFactInput(input).records);

  it.each([
    [
      'a block between facts (BEGIN to END)',
      ['Likes tea', ...block('OPENSSH '), 'Likes jazz'],
      ['Likes tea', 'Likes jazz'],
      [{ line: 2, message: 'refused: lines 2-7 hold a private key block' }],
    ],
    [
      'a block without its END: to the end of the input',
      ['Likes tea', ...block('RSA ', false)],
      ['Likes tea'],
      [{ line: 2, message: 'refused: lines 2-6 hold a private key block' }],
    ],
    [
      'a PGP key block',
      [...block('PGP ', true).map((l) => l.replace('KEY-----', 'KEY BLOCK-----')), 'Likes jazz'],
      ['Likes jazz'],
      [{ line: 1, message: 'refused: lines 1-6 hold a private key block' }],
    ],
    [
      'a block on one line',
      [`key: ${block('').join(' ')}`, 'Likes jazz'],
      ['Likes jazz'],
      [{ line: 1, message: 'refused: line 1 holds a private key block' }],
    ],
    [
      'two blocks',
      [...block(''), 'Likes jazz', ...block('EC ')],
      ['Likes jazz'],
      [
        { line: 1, message: 'refused: lines 1-6 hold a private key block' },
        { line: 8, message: 'refused: lines 8-13 hold a private key block' },
      ],
    ],
    [
      'no block: a public key or certificate is not one',
      ['-----BEGIN PUBLIC KEY-----', 'MIIBIjANBg', '-----END PUBLIC KEY-----'],
      ['-----BEGIN PUBLIC KEY-----', 'MIIBIjANBg', '-----END PUBLIC KEY-----'],
      [],
    ],
  ])('%s', (_what, lines, texts, refused) => {
    const result = kept(lines.join('\n') + '\n');
    expect(result.records.map((r) => r.text)).toEqual(texts);
    expect(result.refused).toEqual(refused);
  });

  it('JSONL: a record holding a whole key, or a key spread over records; blank lines inside a block count', () => {
    const whole = JSON.stringify({
      text: block('').join('\n') + '\n' + 'A'.repeat(1200),
      path: 'knowledge.technical.gotchas',
    });
    const spread = block('').map((text) => JSON.stringify({ text }));
    const result = kept(
      [JSON.stringify({ text: 'Likes tea' }), whole, ...spread.slice(0, 3), '', ...spread.slice(3)].join('\n'),
    );
    expect(result.records.map((r) => r.text)).toEqual(['Likes tea']);
    expect(result.refused.map((r) => r.message)).toEqual([
      'refused: line 2 holds a private key block',
      'refused: lines 3-9 hold a private key block',
    ]);
  });

  it('a record too long to be a fact is screened for secrets first, and never repeated', () => {
    const token = 'ghp_Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoP';
    const result = screenInput([
      { text: `${'word '.repeat(250)} ${token}`, line: 4 },
      { text: 'x'.repeat(1200), line: 5 },
    ]);
    expect(result.refused).toEqual([{ line: 4, message: 'refused: line 4 holds a GitHub token' }]);
    expect(result.records.map((r) => r.line)).toEqual([5]);
    expect(screenInput([{ text: `-----BEGIN PRIVATE KEY----- ${BODY[0]}` }]).refused).toEqual([
      { line: undefined, message: 'refused: the fact holds a private key block' },
    ]);
  });
});
