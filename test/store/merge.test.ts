import { describe, expect, it } from 'vitest';
import { parseLeafFile } from '../../src/core/leafFile.js';
import { readMergeState, writeMergeState } from '../../src/store/mergeState.js';
import { git } from '../helpers/cli.js';
import { seededRandom } from '../helpers/random.js';
import { commitOn, fact, newMemory, who } from '../helpers/store.js';

const FOOD = 'preferences.food.cuisine';
const THEME = 'preferences.ui.theme';
const options = {
  cardinalityOf: (p: string) => (p === THEME ? ('one' as const) : ('many' as const)),
  similarity: 0.92,
};

describe('mergeBases', () => {
  it('agrees with git merge-base --all: one base, several in a criss-cross, none for unrelated histories', async () => {
    const memory = await newMemory();
    const root = await commitOn(memory, [], { [FOOD]: [fact('0000000001', FOOD, 'Pizza')] });
    const a = await commitOn(memory, [root], {
      [FOOD]: [fact('0000000001', FOOD, 'Pizza'), fact('0000000002', FOOD, 'Sushi')],
    });
    const b = await commitOn(memory, [root], { [THEME]: [fact('0000000003', THEME, 'Dark')] });
    expect(await memory.mergeBases(a, b)).toEqual([root]);
    const m1 = await commitOn(memory, [a, b], {});
    const m2 = await commitOn(memory, [b, a], {});
    const native = git(memory.gitdir, ['merge-base', '--all', m1, m2]).trim().split('\n').sort();
    expect(await memory.mergeBases(m1, m2)).toEqual(native);
    expect(native).toEqual([a, b].sort());
    expect(await memory.isAncestor(root, m1)).toBe(true);
    expect(await memory.isAncestor(m1, root)).toBe(false);
    const other = await commitOn(memory, [], { [THEME]: [fact('0000000009', THEME, 'Light')] });
    expect(await memory.mergeBases(m1, other)).toEqual([]);
  });
});

/** `git merge-base --all`, which exits 1 when the histories share nothing. */
function nativeBases(gitdir: string, a: string, b: string): string[] {
  try {
    return git(gitdir, ['merge-base', '--all', a, b]).trim().split('\n').filter(Boolean).sort();
  } catch {
    return [];
  }
}

describe('mergeBases on generated histories', () => {
  it('agrees with git merge-base --all on 80 random pairs of 40 commits, criss-crosses and skewed clocks included', async () => {
    const memory = await newMemory();
    const random = seededRandom(19);
    const commits: string[] = [];
    for (let i = 0; i < 40; i++) {
      // one, two or no parents among the earlier commits; a clock that sometimes runs backwards
      // parents among the last few commits, often two: criss-crosses with several best bases
      const recent = () => commits[Math.max(0, i - 1 - Math.floor(random() * 6))];
      const parents = i === 0 || random() < 0.05 ? [] : [recent()];
      if (i > 2 && random() < 0.5) parents.push(recent());
      const when = { ...who, timestamp: who.timestamp + i * 60 - (random() < 0.2 ? 3600 : 0) };
      commits.push(
        await memory.writeCommit({
          parents: [...new Set(parents)],
          leaves: new Map([[FOOD, [fact(String(i).padStart(10, '0'), FOOD, `Dish ${i}`)]]]),
          message: `commit ${i}`,
          author: when,
          committer: when,
        }),
      );
    }
    const counts = new Map<number, number>();
    for (let n = 0; n < 80; n++) {
      // the later commits half the time: they sit on the most merges
      const pick = () => commits[commits.length - 1 - Math.floor(random() * (n % 2 ? 12 : commits.length))];
      const [a, b] = [pick(), pick()];
      const native = nativeBases(memory.gitdir, a, b);
      expect(await memory.mergeBases(a, b), `${a} ${b}`).toEqual(native);
      counts.set(Math.min(native.length, 2), (counts.get(Math.min(native.length, 2)) ?? 0) + 1);
    }
    // the generated pairs hold unrelated histories, one base, and several
    expect([...counts.keys()].sort()).toEqual([0, 1, 2]);
  });
});

describe('mergeCommits', () => {
  it('takes leaves changed on one side whole, merges leaves changed on both fact by fact (on their lines where those decide), and reports conflicts', async () => {
    const memory = await newMemory();
    const pizza = fact('0000000001', FOOD, 'Pizza');
    const base = await commitOn(memory, [], { [FOOD]: [pizza], [THEME]: [fact('0000000002', THEME, 'Dark')] });
    const ours = await commitOn(memory, [base], {
      [FOOD]: [pizza, fact('0000000003', FOOD, 'Ramen')],
      [THEME]: [fact('0000000004', THEME, 'Solarized')],
    });
    const theirs = await commitOn(memory, [base], {
      [FOOD]: [pizza, fact('0000000005', FOOD, 'Tacos')],
      [THEME]: [fact('0000000006', THEME, 'Light')],
      'relationships.pets.animals': [fact('0000000007', 'relationships.pets.animals', 'A cat')],
    });
    const merge = await memory.mergeCommits(ours, theirs, options);
    expect(merge.bases).toEqual([base]);
    expect([...merge.files.keys()].sort()).toEqual(['preferences/food/cuisine.md', 'relationships/pets/animals.md']);
    const food = merge.files.get('preferences/food/cuisine.md')!;
    expect(parseLeafFile(food, FOOD).map((f) => f.text)).toEqual(['Pizza', 'Ramen', 'Tacos']);
    expect(merge.leaves.has(FOOD)).toBe(false);
    expect(merge.conflicts).toMatchObject([
      { path: THEME, kind: 'value', ours: { text: 'Solarized' }, theirs: { text: 'Light' } },
    ]);
    // nothing was written: no merge state, the branch untouched
    expect(readMergeState(memory.gitdir)).toBeUndefined();
  });
});

describe('the merge state on disk', () => {
  it('keeps the facts folded so far (listed by the merge commit); a state without them still reads; a garbled list is refused, not printed', async () => {
    const memory = await newMemory();
    const root = await commitOn(memory, [], { [FOOD]: [fact('0000000001', FOOD, 'Pizza')] });
    const state = {
      version: 1 as const,
      theirs: root,
      theirsName: 'x',
      origHead: root,
      origStage: { version: 1 as const, ops: [] },
      bases: [],
      conflicts: [],
      decisions: {},
      leaves: {},
      files: {},
    };
    const folded = [
      { path: FOOD, kept: fact('0000000002', FOOD, 'Ramen'), dropped: fact('0000000003', FOOD, 'ramen') },
    ];
    writeMergeState(memory.gitdir, { ...state, folded });
    expect(readMergeState(memory.gitdir)?.folded).toEqual(folded);
    writeMergeState(memory.gitdir, state);
    expect(readMergeState(memory.gitdir)?.folded).toBeUndefined();
    writeMergeState(memory.gitdir, { ...state, folded: [{ path: FOOD }] as never });
    expect(() => readMergeState(memory.gitdir)).toThrow(expect.objectContaining({ code: 'corrupt-merge-state' }));
  });
});
