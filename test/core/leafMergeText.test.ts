import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/fact.js';
import { formatFactLine, parseLeafFile, sameFact, writeLeafFile } from '../../src/core/leafFile.js';
import { mergeLeaf } from '../../src/core/merge.js';
import { mergeLeafText } from '../../src/core/leafMergeText.js';
import { seededRandom } from '../helpers/random.js';

const PATH = 'preferences.ui.theme';

const same = (a: readonly Fact[], b: readonly Fact[]) => a.length === b.length && a.every((f, i) => sameFact(f, b[i]));

/** What store/treeMerge.ts writes for a leaf changed on both sides, parsing the three versions whole. */
function slowMerge(base: string, ours: string, theirs: string, threshold: number) {
  const [b, o, t] = [base, ours, theirs].map((text) => parseLeafFile(text, PATH));
  if (same(o, t) || same(b, t)) return { text: ours as string | undefined, folded: [], conflicts: 0 };
  if (same(b, o)) return { text: writeLeafFile(ours, PATH, t).text, folded: [], conflicts: 0 };
  const merged = mergeLeaf({ path: PATH, cardinality: 'many', base: b, ours: o, theirs: t }, threshold);
  return {
    text: writeLeafFile(ours, PATH, merged.facts).text,
    folded: merged.folded,
    conflicts: merged.conflicts.length,
  };
}

describe('the merge of a leaf worked out on its lines', () => {
  it('writes what parsing the three versions whole writes, or steps aside (6,000 generated merges)', () => {
    const next = seededRandom(11);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    let id = 0;
    const texts = ['dark mode', 'Dark mode.', 'light mode', 'born in 1985', 'born in 1986', 'tea', 'green tea'];
    const line = (extra: Partial<Fact> = {}) =>
      formatFactLine({
        id: (++id).toString(16).padStart(10, '0'),
        path: PATH,
        text: pick(texts),
        recordedAt: '2026-01-01T00:00:00Z',
        source: 'cli',
        classifier: 'manual',
        ...extra,
      });
    const edit = (lines: string[]) => {
      const after = [...lines];
      for (let e = 0, edits = Math.floor(next() * 5); e < edits; e++) {
        const at = Math.floor(next() * (after.length + 1));
        const r = next();
        if (r < 0.3) after.splice(at, 0, line());
        else if (r < 0.45) after.splice(at, 1);
        else if (r < 0.6 && after[at]?.includes('<!-- id='))
          after[at] = after[at].replace(/^- [^<]*/, `- ${pick(texts)} `);
        else if (r < 0.68 && after[at]?.includes('<!-- id=')) after[at] = after[at].replace('src=cli', 'src=mcp');
        else if (r < 0.72 && after[at])
          after.splice(Math.floor(next() * after.length), 0, after[at]); // a copy
        else if (r < 0.78 && after[at])
          after.push(...after.splice(at, 1)); // a move
        else if (r < 0.82) after.splice(at, 0, '');
        else if (r < 0.85) after.splice(at, 0, '- written by hand');
        else if (r < 0.87 && after[at]?.includes('conf=')) after[at] = after[at].replace(/conf=(\d\.\d)0/, 'conf=$1');
        else after.splice(at, 0, line({ confidence: 0.5 }));
      }
      return after;
    };
    const file = (lines: string[]) =>
      lines.length > 0 && next() < 0.1 ? lines.join('\n') : lines.map((l) => `${l}\n`).join('');
    let fast = 0;
    let folds = 0;
    for (let round = 0; round < 6_000; round++) {
      const base: string[] = [];
      for (let i = 0, n = Math.floor(next() * 10); i < n; i++) {
        const r = next();
        if (r < 0.05) base.push('');
        else if (r < 0.08) base.push('- written by hand');
        else if (r < 0.09) base.push('# notes');
        else if (r < 0.1) base.push('```');
        else base.push(line({ confidence: next() < 0.3 ? 0.9 : undefined }));
      }
      const ours = edit(base);
      const theirs = edit(base);
      // the same fact added on both sides, now and then
      if (next() < 0.2) {
        const both = line();
        ours.push(both);
        theirs.splice(Math.floor(next() * (theirs.length + 1)), 0, both);
      }
      const [b, o, t] = [file(base), file(ours), file(theirs)];
      if (o === b || t === b) continue; // a leaf changed on one side only is taken whole, never merged
      for (const threshold of [0.85, 1]) {
        const slow = slowMerge(b, o, t, threshold);
        const quick = mergeLeafText(b, o, t, PATH, threshold);
        if (!quick) continue;
        const context = `base:\n${b}\nours:\n${o}\ntheirs:\n${t}`;
        expect(slow.conflicts, context).toBe(0);
        expect(quick.text, context).toEqual(slow.text);
        expect(quick.folded, context).toEqual(slow.folded);
        fast++;
        folds += quick.folded.length;
      }
    }
    // a good share take the short way (the edits above are rich in lines it leaves to the slow way)
    expect(fast).toBeGreaterThan(2_000);
    // and among them, facts added on both sides that fold into one
    expect(folds).toBeGreaterThan(200);
  });

  it('steps aside for a conflict, a hand-written line, a copy, a code fence or a CR', () => {
    const fact = (id: string, text: string) =>
      formatFactLine({ id, path: PATH, text, recordedAt: '', source: 'cli', classifier: 'manual' });
    const base = `${fact('a1', 'dark')}\n`;
    const merge = (ours: string, theirs: string) => mergeLeafText(base, ours, theirs, PATH, 0.9);
    const added = `${base}${fact('b2', 'tea')}\n`;
    expect(merge(`${fact('a1', 'light')}\n`, `${fact('a1', 'solarized')}\n`)).toBeUndefined();
    expect(merge(`${base}- by hand\n`, added)).toBeUndefined();
    expect(merge(`${base}${base}`, added)).toBeUndefined();
    expect(merge(`\`\`\`\n${base}\`\`\`\n`, added)).toBeUndefined();
    expect(merge(`${base}${fact('c3', 'coffee')}\r\n`, added)).toBeUndefined();
    expect(merge(`${base}${fact('c3', 'coffee')}\n`, added)).toEqual({
      text: `${base}${fact('c3', 'coffee')}\n${fact('b2', 'tea')}\n`,
      folded: [],
    });
  });
});
