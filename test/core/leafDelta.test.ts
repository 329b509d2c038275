import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/fact.js';
import { diffLeaf } from '../../src/core/factDiff.js';
import { changedLineFacts, writtenOnce } from '../../src/core/leafDelta.js';
import { formatFactLine, parseLeafFile } from '../../src/core/leafFile.js';
import { seededRandom } from '../helpers/random.js';

const PATH = 'preferences.ui.theme';

describe('the facts of the changed lines', () => {
  it('make the same diff as both files parsed whole, from their text or their bytes, or are not used (3,000 generated pairs)', () => {
    const next = seededRandom(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    let id = 0;
    const line = (extra: Partial<Fact> = {}) =>
      formatFactLine({
        id: (++id).toString(16).padStart(10, '0'),
        path: PATH,
        text: pick(['dark mode', 'light mode', 'solarized', 'high contrast', 'dark mode <!-- id=1 -->']),
        recordedAt: '2026-01-01T00:00:00Z',
        source: 'cli',
        classifier: 'manual',
        ...extra,
      });
    let fast = 0;
    for (let round = 0; round < 3_000; round++) {
      const before: string[] = [];
      for (let i = 0, n = 1 + Math.floor(next() * 12); i < n; i++) {
        const r = next();
        if (r < 0.05) before.push('');
        else if (r < 0.08) before.push('- written by hand');
        else if (r < 0.1) before.push('```');
        else before.push(line());
      }
      const after = [...before];
      for (let e = 0, edits = Math.floor(next() * 4); e < edits; e++) {
        const at = Math.floor(next() * (after.length + 1));
        const r = next();
        if (r < 0.25) after.splice(at, 0, line());
        else if (r < 0.4) after.splice(at, 1);
        else if (r < 0.55 && after[at]?.includes('<!-- id=')) after[at] = after[at].replace(/^- [^<]*/, '- edited ');
        else if (r < 0.65 && after[at]?.includes('<!-- id=')) after[at] = after[at].replace('src=cli', 'src=mcp');
        else if (r < 0.75 && after[at])
          after.splice(Math.floor(next() * after.length), 0, after[at]); // a copy
        else if (r < 0.85 && after[at])
          after.splice(at, 1), after.push(after[at] ?? line()); // a move
        else if (r < 0.92)
          after.splice(at, 0, line({ supersedes: (1 + Math.floor(next() * id)).toString(16).padStart(10, '0') }));
        else after.splice(at, 0, '- another hand-written line');
      }
      const eol = next() < 0.1 ? '\r\n' : '\n';
      const [a, b] = [before.join(eol) + eol, after.join(eol) + eol];
      for (const cardinality of ['one', 'many'] as const) {
        const whole = diffLeaf(PATH, parseLeafFile(a, PATH), parseLeafFile(b, PATH), cardinality);
        const delta = changedLineFacts(a, b, PATH);
        // the same read from the blobs' bytes
        expect(changedLineFacts(Buffer.from(a), Buffer.from(b), PATH), `${a}\n---\n${b}`).toEqual(delta);
        if (!delta) continue;
        expect(diffLeaf(PATH, delta.before, delta.after, cardinality), `${a}\n---\n${b}`).toEqual(whole);
        fast++;
      }
    }
    // most pairs are memoir's own lines: they take the short way
    expect(fast).toBeGreaterThan(2_000);
  });

  it('are not used where a fact takes its id from its place: a hand-written line, a copy, a code fence', () => {
    const base = `${formatFactLine({ id: 'a1', path: PATH, text: 'dark', recordedAt: '', source: 'cli', classifier: 'manual' })}\n`;
    expect(changedLineFacts(base, `${base}- by hand\n`, PATH)).toBeUndefined();
    expect(changedLineFacts(base, `${base}${base.replace('dark', 'light')}`, PATH)).toBeUndefined();
    expect(changedLineFacts(base, `\`\`\`\n${base}\`\`\`\n`, PATH)).toBeUndefined();
    expect(changedLineFacts(base, `${base}\n`, PATH)).toEqual({ before: [], after: [] });
  });

  it('count the ids a file writes, in its text and in its bytes, as reading each comment word by word does (2,000 generated files)', () => {
    // the rule itself: the id of a comment runs to the next space, or to the end of the file
    const writtenOnceByWords = (text: string, asked: readonly string[]) => {
      const written = [...text.matchAll(/<!-- id=/g)].map((m) => text.slice(m.index + 8).split(' ')[0]);
      return new Set(asked).size === asked.length && asked.every((id) => written.filter((w) => w === id).length === 1);
    };
    const next = seededRandom(13);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const ids = ['0a1b2c3d4e', 'a1b2c3d4e', 'ffffffffffff', 'fffffffffffff', '0000000001', 'é1'];
    const pieces = [...ids.map((id) => `<!-- id=${id} `), '<!-- id=', ' -->', '- text ', '\n', 'ü', '0a1b2c3d4e', ' '];
    const answers = { true: 0, false: 0 };
    for (let round = 0; round < 2_000; round++) {
      let text = '';
      for (let n = Math.floor(next() * 10); n > 0; n--) text += pick(pieces);
      const asked = ids.filter(() => next() < 0.4);
      const answer = writtenOnceByWords(text, asked);
      expect(writtenOnce(text, asked), JSON.stringify([text, asked])).toBe(answer);
      expect(writtenOnce(Buffer.from(text), asked), JSON.stringify([text, asked])).toBe(answer);
      answers[`${answer}`]++;
    }
    // both answers occur, often
    expect(answers.true).toBeGreaterThan(100);
    expect(answers.false).toBeGreaterThan(100);
  });
});
