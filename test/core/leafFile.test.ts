import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/fact.js';
import {
  formatFactLine,
  formatLeafFile,
  leafFilePath,
  leafPathFromFile,
  parseFactLine,
  parseLeafFile,
} from '../../src/core/leafFile.js';
import { seededRandom } from '../helpers/random.js';

const PATH = 'preferences.ui.theme';
const AT = '2026-11-21T13:00:00Z';

const fact = (text: string, extra: Partial<Fact> = {}): Fact => ({
  id: '3fa2c91b0d',
  path: PATH,
  text,
  recordedAt: AT,
  source: 'cli',
  classifier: 'manual',
  ...extra,
});

describe('formatFactLine', () => {
  it('writes the text verbatim and the metadata in a trailing comment, in a fixed order', () => {
    expect(formatFactLine(fact('I prefer dark mode in every app'))).toBe(
      '- I prefer dark mode in every app <!-- id=3fa2c91b0d at=2026-11-21T13:00:00Z src=cli by=manual -->',
    );
    expect(
      formatFactLine(
        fact('Light now', {
          classifier: 'openai:gpt-4o-mini',
          confidence: 0.9,
          supersedes: '0123456789',
          extra: { note: 'x' },
        }),
      ),
    ).toBe(
      '- Light now <!-- id=3fa2c91b0d at=2026-11-21T13:00:00Z src=cli by=openai:gpt-4o-mini conf=0.90 sup=0123456789 note=x -->',
    );
  });

  it.each([
    [0, '0.00'],
    [1, '1.00'],
    [0.5, '0.50'],
    [0.875, '0.88'],
    [0.123456, '0.12'],
    [0.999, '1.00'],
  ])('writes confidence %s as conf=%s', (confidence, written) => {
    expect(formatFactLine(fact('x', { confidence }))).toContain(` conf=${written} `);
  });

  it('writes no conf and no sup when they are absent', () => {
    const line = formatFactLine(fact('x'));
    expect(line).not.toContain('conf=');
    expect(line).not.toContain('sup=');
  });

  it.each([
    ['a space', 'file:my notes.txt', 'src=file:my%20notes.txt'],
    ['trailing spaces', 'cli  ', 'src=cli%20%20'],
    ['a tab', 'a\tb', 'src=a%09b'],
    ['a percent sign', '100%', 'src=100%25'],
    ['an equals sign', 'a=b', 'src=a=b'],
    ['a comment end', 'a-->b', 'src=a%2D%2D%3Eb'],
    ['a comment start', '<!--x', 'src=<!--x'],
    ['unicode', 'fichier:café', 'src=fichier:café'],
  ])('keeps a source value with %s on one token', (_what, source, token) => {
    const line = formatFactLine(fact('x', { source }));
    expect(line).toContain(` ${token} `);
    expect(parseFactLine(line, PATH)?.source).toBe(source);
  });
});

describe('parseFactLine / formatFactLine round trip', () => {
  const texts = [
    'I prefer dark mode',
    'Ich mag Käse und Brötchen',
    '我喜欢喝茶',
    'emoji ☕🐈‍⬛ and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    'right-to-left: שלום',
    'HTML comment start <!-- inside the text',
    'HTML comment end --> inside the text',
    'a whole comment <!-- id=0123456789 at=x --> inside the text',
    'ends like metadata <!-- id=0123456789 -->',
    '100% sure, a=b, x==y, %20 stays %20',
    'trailing spaces   ',
    '  leading spaces',
    'markdown **bold** _it_ `code` [link](http://x) - dash',
    '- starts with a dash',
    'a line separator\u2028inside', // cleanFactText removes these, but a file may hold one
    'a lone \r carriage return',
    'x',
  ];

  it.each(texts)('keeps %j verbatim', (text) => {
    const f = fact(text, {
      source: 'file:notes 2026.txt ',
      classifier: 'offline',
      confidence: 0.42,
      supersedes: 'abcdef0123',
    });
    expect(parseFactLine(formatFactLine(f), PATH)).toEqual(f);
  });

  it('keeps every fact of a file, in order, through formatLeafFile and parseLeafFile', () => {
    const facts = texts.map((text, i) =>
      fact(text, { id: (0x1000000000 + i).toString(16), confidence: i % 2 ? i / 20 : undefined }),
    );
    for (const f of facts) if (f.confidence === undefined) delete f.confidence;
    const content = formatLeafFile(facts)!;
    expect(content.split('\n')).toHaveLength(facts.length + 1);
    expect(content.endsWith('\n')).toBe(true);
    const back = parseLeafFile(content, PATH);
    expect(back.map((f) => f.id)).toEqual(facts.map((f) => f.id));
    expect(back.map((f) => f.text)).toEqual(texts);
    expect(back.map((f) => f.confidence)).toEqual(
      facts.map((f) => (f.confidence === undefined ? undefined : Number(f.confidence.toFixed(2)))),
    );
    // and a second rewrite is byte-identical, so an unchanged fact never changes its line
    expect(formatLeafFile(back)).toBe(content);
  });

  it('rounds confidence to two decimals', () => {
    expect(parseFactLine(formatFactLine(fact('x', { confidence: 0.875 })), PATH)?.confidence).toBe(0.88);
    expect(parseFactLine(formatFactLine(fact('x', { confidence: 0 })), PATH)?.confidence).toBe(0);
  });

  it('takes the path from its argument, not the line', () => {
    expect(parseFactLine(formatFactLine(fact('x')), 'work.employment.role')?.path).toBe('work.employment.role');
  });
});

describe('unknown metadata keys', () => {
  const line =
    '- I like tea <!-- id=3fa2c91b0d at=2026-11-21T13:00:00Z src=cli by=manual x-origin=mcp%20v2 reviewed=yes empty= -->';

  it('are kept in extra, decoded', () => {
    expect(parseFactLine(line, PATH)?.extra).toEqual({ 'x-origin': 'mcp v2', reviewed: 'yes', empty: '' });
  });

  it('are written back exactly, an empty value included', () => {
    expect(formatFactLine(parseFactLine(line, PATH)!)).toBe(line);
  });

  it('survive a rewrite even when they sat between known keys', () => {
    const mixed = '- I like tea <!-- id=3fa2c91b0d rev=2 at=2026-11-21T13:00:00Z src=cli by=manual -->';
    const parsed = parseFactLine(mixed, PATH)!;
    expect(parsed.extra).toEqual({ rev: '2' });
    expect(parseFactLine(formatFactLine(parsed), PATH)).toEqual(parsed);
  });

  it('leave extra undefined when there are none', () => {
    expect(parseFactLine(formatFactLine(fact('x')), PATH)).not.toHaveProperty('extra');
  });
});

describe('parseFactLine: lenient reading of hand-edited lines', () => {
  it('fills defaults for missing metadata', () => {
    expect(parseFactLine('- I like tea <!-- id=abc123 -->', PATH)).toEqual({
      id: 'abc123',
      path: PATH,
      text: 'I like tea',
      recordedAt: '',
      source: 'unknown',
      classifier: 'unknown',
    });
  });

  it('keeps a value that is not valid percent-encoding as written', () => {
    expect(parseFactLine('- x <!-- id=abc123 src=100%zz -->', PATH)?.source).toBe('100%zz');
  });

  it('ignores a confidence that is not a number', () => {
    expect(parseFactLine('- x <!-- id=abc123 conf=high -->', PATH)).not.toHaveProperty('confidence');
  });

  it.each([
    '',
    '# Theme',
    'Some notes written by hand.',
    '- a plain list item',
    '- a list item <!-- a comment -->',
    '- uppercase id <!-- id=ABC123 -->',
    '- id not first <!-- at=2026 id=abc123 -->',
    '-no space <!-- id=abc123 -->',
    '  - indented <!-- id=abc123 -->',
    '* star bullet <!-- id=abc123 -->',
    '- no space before the end <!-- id=abc123-->',
    '- bad key <!-- id=abc123 Src=cli -->',
    '- text after the comment <!-- id=abc123 --> more',
    '- <!-- id=abc123 -->', // no text and no separating space
  ])('%j is not a fact line', (line) => {
    expect(parseFactLine(line, PATH)).toBeUndefined();
  });

  it('splits text from metadata as one greedy expression would, on 20,000 generated lines', () => {
    // the format's definition: the text runs to the last comment that reads as metadata
    const line = /^- (.*) <!-- (id=[0-9a-f]+(?: [a-z][a-z0-9-]*=\S*)*) -->$/s;
    const pieces = [' <!-- ', 'id=', 'ab12', ' -->', '-->', ' ', 'x', 'at=1', ' src=cli', '<', '\u2028', '\r', '%'];
    const tokens = [' at=1', ' src=cli', ' Src=x', ' x', ' <!--', ' id=f0', ' by=', ' -->'];
    const next = seededRandom(5);
    let facts = 0;
    for (let i = 0; i < 20_000; i++) {
      const some = (list: string[], most: number) => {
        let out = '';
        for (let n = Math.floor(next() * most); n > 0; n--) out += list[Math.floor(next() * list.length)];
        return out;
      };
      let text = `${next() < 0.9 ? '- ' : ''}${some(pieces, 6)}`;
      for (let c = Math.floor(next() * 3); c > 0; c--)
        text += ` <!-- id=${next() < 0.9 ? 'ab12' : 'AB'}${some(tokens, 3)} -->`;
      if (next() < 0.2) text += some(pieces, 3);
      const expected = line.exec(text);
      const parsed = parseFactLine(text, PATH);
      expect(parsed?.text, JSON.stringify(text)).toBe(expected?.[1]);
      // and the metadata is the rest: its last id is the fact's
      const ids = expected ? [...expected[2].matchAll(/(?:^| )id=(\S*)/g)].map((m) => m[1]) : [];
      expect(parsed?.id, JSON.stringify(text)).toBe(ids.at(-1));
      if (parsed) facts++;
    }
    expect(facts).toBeGreaterThan(500);
  });

  it('reads the lines memoir did not write as facts too, and keeps headings out', () => {
    const content = [
      '# Theme notes',
      '',
      '- I prefer dark mode <!-- id=0000000001 at=2026-11-21T13:00:00Z src=cli by=manual -->',
      'A paragraph about themes.',
      '- a plain list item',
      '- Solarized at night <!-- id=0000000002 at=2026-11-21T13:00:00Z src=cli by=manual -->',
      '',
    ].join('\n');
    expect(parseLeafFile(content, PATH).map((f) => [f.text, f.source])).toEqual([
      ['I prefer dark mode', 'cli'],
      ['A paragraph about themes.', 'git'],
      ['a plain list item', 'git'],
      ['Solarized at night', 'cli'],
    ]);
  });

  it('reads a file with CRLF line ends (edited on Windows)', () => {
    const content = formatLeafFile([fact('one', { id: '0000000001' }), fact('two', { id: '0000000002' })])!.replaceAll(
      '\n',
      '\r\n',
    );
    expect(parseLeafFile(content, PATH).map((f) => f.text)).toEqual(['one', 'two']);
  });

  it('reads an empty file as no facts', () => {
    expect(parseLeafFile('', PATH)).toEqual([]);
  });
});

describe('formatLeafFile', () => {
  it('is undefined for no facts: the file is removed', () => {
    expect(formatLeafFile([])).toBeUndefined();
  });

  it('writes one line per fact, each ending in a newline, in the given order', () => {
    const facts = [fact('b', { id: '0000000002' }), fact('a', { id: '0000000001' })];
    expect(formatLeafFile(facts)).toBe(`${formatFactLine(facts[0])}\n${formatFactLine(facts[1])}\n`);
  });
});

describe('leafFilePath and leafPathFromFile', () => {
  it.each([
    ['preferences.ui.theme', 'preferences/ui/theme.md'],
    ['work.history.past_jobs', 'work/history/past_jobs.md'],
    ['a1.b2.c3', 'a1/b2/c3.md'],
  ])('%s ⇄ %s', (path, file) => {
    expect(leafFilePath(path)).toBe(file);
    expect(leafPathFromFile(file)).toBe(path);
  });

  it.each([
    'README.md',
    'preferences/theme.md', // two levels
    'preferences/ui/theme/dark.md', // four levels
    'preferences/ui/theme.txt',
    'preferences/ui/theme',
    'preferences/ui/theme.md.bak',
    'notes/v1.2/todo.md', // a dot inside a segment would make a four-part path
    'Preferences/ui/theme.md', // not a taxonomy name
    'preferences//theme.md',
    'preferences/ui/.md',
    '/preferences/ui/theme.md',
    '.md',
  ])('%j is not a leaf file', (file) => {
    expect(leafPathFromFile(file)).toBeUndefined();
  });
});
