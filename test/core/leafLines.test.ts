import { describe, expect, it } from 'vitest';
import { MAX_FACT_LENGTH, type Fact } from '../../src/core/fact.js';
import {
  countLeafFacts,
  formatFactLine,
  parseLeafFile,
  parseLeafLines,
  writeLeafFile,
} from '../../src/core/leafFile.js';

const PATH = 'preferences.food.cuisine';
const line = (text: string, id: string) => `- ${text} <!-- id=${id} at=2026-11-21T13:00:00Z src=cli by=manual -->`;
const fresh = (text: string, id: string): Fact => ({
  id,
  path: PATH,
  text,
  recordedAt: '2026-12-01T00:00:00Z',
  source: 'cli',
  classifier: 'manual',
});
const ids = (content: string) => parseLeafFile(content, PATH).map((f) => f.id);

describe('parseLeafLines: lines memoir did not write', () => {
  it.each([
    ['a list item without metadata', '- I like ramen', 'I like ramen'],
    ['a star bullet', '* I like ramen', 'I like ramen'],
    ['a plus bullet', '+   I like ramen  ', 'I like ramen'],
    ['free text', 'I like ramen', 'I like ramen'],
    ['a malformed comment, kept in the text', '- x <!-- id=zz at=banana -->', 'x <!-- id=zz at=banana -->'],
  ])('reads %s as a fact from git', (_what, written, text) => {
    const [fact] = parseLeafFile(`${written}\n`, PATH);
    expect(fact).toMatchObject({ text, path: PATH, source: 'git', recordedAt: '' });
    expect(fact.id).toMatch(/^[0-9a-f]{10}$/);
  });

  it.each([
    ['a heading', '# Food', 'heading'],
    ['a control character', 'tea \u001b[2J', 'control-character'],
    ['a tab', 'tea\tcoffee', 'control-character'],
    ['a line longer than a fact may be', 'x'.repeat(MAX_FACT_LENGTH + 1), 'too-long'],
    ['a lone comment', '<!-- a note -->', 'comment'],
    ['a thematic break', '- - -', 'rule'],
  ])('keeps %s as an unreadable line, not a fact', (_what, written, reason) => {
    const { facts, lines } = parseLeafLines(`${written}\n`, PATH);
    expect(facts).toEqual([]);
    expect(lines).toEqual([{ kind: 'unreadable', raw: written, number: 1, reason }]);
  });

  it('keeps a fenced block whole as unreadable lines, list items inside it included', () => {
    const { facts, lines } = parseLeafLines('```\n- not a fact\n```\n- a fact\n', PATH);
    expect(lines.map((l) => l.kind)).toEqual(['unreadable', 'unreadable', 'unreadable', 'fact']);
    expect(facts.map((f) => f.text)).toEqual(['a fact']);
  });

  it('gives a foreign line an id that stays when other lines come and go', () => {
    const before = ids('- ramen\n');
    expect(ids(`${line('sushi', '0000000001')}\n- pho\n- ramen\n`)[2]).toBe(before[0]);
    expect(ids('- ramen\n- ramen\n')[0]).toBe(before[0]);
    expect(new Set(ids('- ramen\n- ramen\n')).size).toBe(2);
    expect(ids('- ramen\n')).not.toEqual(parseLeafFile('- ramen\n', 'preferences.food.drinks').map((f) => f.id));
  });

  it('gives a copied id to the later line only, derived and stable', () => {
    const content = `${line('sushi', '0000000001')}\n${line('pho', '0000000001')}\n`;
    const [first, copy] = parseLeafLines(content, PATH).lines;
    expect(first).toMatchObject({ kind: 'fact', fact: { id: '0000000001', text: 'sushi' } });
    expect(copy).toMatchObject({ kind: 'fact', copiedId: '0000000001', fact: { text: 'pho' } });
    const copyId = copy.kind === 'fact' ? copy.fact.id : '';
    expect(copyId).toMatch(/^[0-9a-f]{10}$/);
    expect(copyId).not.toBe('0000000001');
    expect(ids(`- tea\n${content}`)).toContain(copyId);
  });
});

describe('countLeafFacts', () => {
  it('counts the facts parseLeafFile reads, without making them', () => {
    const files = [
      '',
      '\n\n',
      `${line('sushi', '0000000001')}\n${line('pho', '0000000001')}\n- ramen\n* udon\n`,
      '# Food\n\n- tea\r\n<!-- a note -->\n- - -\ntea\tcoffee\n```\n- not a fact\n```\n- a fact',
      `~~~\n${line('inside', '0000000002')}\n~~~\n${line('outside', '0000000003')}\r\n  \n`,
      `${'x'.repeat(MAX_FACT_LENGTH + 1)}\n- x <!-- id=zz at=banana -->\n`,
    ];
    for (const content of files) expect(countLeafFacts(content)).toBe(parseLeafFile(content, PATH).length);
    expect(countLeafFacts(files[3])).toBe(2);
  });
});

describe('writeLeafFile: lines memoir does not change are kept byte for byte', () => {
  const original = [
    '# Food',
    '',
    line('sushi', '0000000001'),
    '- ramen',
    'x <!-- id=zz -->',
    '```',
    '- code',
    '```',
    line('pho', '0000000002'),
    '',
  ].join('\n');

  it('writes the file back unchanged when the facts are the same', () => {
    expect(writeLeafFile(original, PATH, parseLeafFile(original, PATH)).text).toBe(original);
  });

  it('appends a new fact after everything else', () => {
    const { text, unreadable } = writeLeafFile(original, PATH, [
      ...parseLeafFile(original, PATH),
      fresh('curry', '0000000003'),
    ]);
    expect(text).toBe(original + formatFactLine(fresh('curry', '0000000003')) + '\n');
    expect(unreadable).toBe(4);
  });

  it('removes a foreign fact, and rewrites an edited one in place as a memoir line', () => {
    const facts = parseLeafFile(original, PATH);
    const ramen = facts.find((f) => f.text === 'ramen')!;
    const kept = facts
      .filter((f) => f !== ramen)
      .map((f) => (f.text === 'x <!-- id=zz -->' ? { ...f, text: 'udon' } : f));
    const lines = writeLeafFile(original, PATH, kept).text!.split('\n');
    expect(lines).not.toContain('- ramen');
    expect(lines[3]).toBe(formatFactLine(kept.find((f) => f.text === 'udon')!));
    expect(parseLeafFile(lines.join('\n'), PATH).find((f) => f.text === 'udon')?.id).toBe(
      kept.find((f) => f.text === 'udon')!.id,
    );
  });

  it('keeps CRLF ends, and no final line end when there was none', () => {
    const crlf = '- ramen\r\n- pho';
    expect(writeLeafFile(crlf, PATH, parseLeafFile(crlf, PATH)).text).toBe(crlf);
    expect(writeLeafFile(crlf, PATH, [...parseLeafFile(crlf, PATH), fresh('tea', '0000000009')]).text).toBe(
      `${crlf}\n${formatFactLine(fresh('tea', '0000000009'))}\r\n`,
    );
  });

  it('keeps a copied line as written until it changes, then writes its own id', () => {
    const content = `${line('sushi', '0000000001')}\n${line('pho', '0000000001')}\n`;
    const facts = parseLeafFile(content, PATH);
    expect(writeLeafFile(content, PATH, facts).text).toBe(content);
    expect(writeLeafFile(content, PATH, [facts[0]]).text).toBe(`${line('sushi', '0000000001')}\n`);
    expect(writeLeafFile(content, PATH, [facts[1]]).text).toBe(`${line('pho', '0000000001')}\n`);
    const edited = writeLeafFile(content, PATH, [facts[0], { ...facts[1], text: 'pho bo' }]).text!;
    expect(edited).toContain(`id=${facts[1].id} `);
  });

  it('puts a new fact after the kept fact it follows, as a merge that keeps both sides orders them', () => {
    const [sushi, ramen, x, pho] = parseLeafFile(original, PATH);
    const curry = fresh('curry', '0000000003');
    const lines = writeLeafFile(original, PATH, [sushi, curry, ramen, x, pho]).text!.split('\n');
    expect(lines.indexOf(formatFactLine(curry))).toBe(lines.indexOf(line('sushi', '0000000001')) + 1);
    const first = writeLeafFile(original, PATH, [curry, ...parseLeafFile(original, PATH)]).text!.split('\n');
    expect(first.slice(0, 3)).toEqual(['# Food', '', formatFactLine(curry)]);
  });

  it('reads a lone bullet as a blank line', () => {
    expect(parseLeafLines('-\n', PATH).lines).toEqual([{ kind: 'blank', raw: '-', number: 1 }]);
  });

  it('removes the file when only blank lines would be left, but never drops an unreadable line', () => {
    expect(writeLeafFile('\n- ramen\n\n', PATH, []).text).toBeUndefined();
    expect(writeLeafFile('# Food\n- ramen\n', PATH, []).text).toBe('# Food\n');
  });
});
