import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/fact.js';
import { prefixFilePath } from '../../src/core/leafFile.js';
import { CommitGraph } from '../../src/store/commitGraph.js';
import { Memory } from '../../src/store/memory.js';
import { fact, newMemory, who } from '../helpers/store.js';

let tick = 0;
async function commit(
  memory: Memory,
  parents: string[],
  leaves: Record<string, Fact[]>,
  files: Record<string, string | null> = {},
): Promise<string> {
  const when = { ...who, timestamp: who.timestamp + ++tick };
  return memory.writeCommit({
    parents,
    leaves: new Map(Object.entries(leaves)),
    files: new Map(Object.entries(files)),
    message: `step ${tick}`,
    author: when,
    committer: when,
  });
}

/** What log judged before the graph: the object at the prefix differs from every parent's (a root: it exists). */
async function changedByTrees(memory: Memory, oid: string, prefix: string): Promise<boolean> {
  const { parents } = await memory.readCommit(oid);
  const mine = await memory.prefixOid(oid, prefix);
  const theirs = await Promise.all(parents.map((p) => memory.prefixOid(p, prefix)));
  return parents.length === 0 ? mine !== undefined : theirs.every((t) => t !== mine);
}

const PREFIXES = [
  'preferences',
  'preferences.ui',
  'preferences.ui.theme',
  'preferences.food.drinks',
  'project',
  'project.stack.databases',
  'policy.yaml',
];

describe('the commit graph', () => {
  it('says which commits changed what under a prefix as comparing the trees does, from the cache too', async () => {
    const memory = await newMemory();
    const root = await commit(memory, [], { 'preferences.ui.theme': [fact('a1', 'preferences.ui.theme', 'dark')] });
    const left = await commit(memory, [root], {
      'preferences.food.drinks': [fact('b1', 'preferences.food.drinks', 'tea')],
    });
    // a file memoir did not write, under a prefix, and the policy at the root
    const foreign = await commit(
      memory,
      [left],
      {},
      { 'preferences/ui/notes.txt': 'hand-written', 'policy.yaml': 'rules: []\n' },
    );
    const right = await commit(memory, [root], {
      'project.stack.databases': [fact('c1', 'project.stack.databases', 'postgres')],
    });
    // a merge that takes both sides: against each parent, something else changed
    const merge = await commit(memory, [foreign, right], {
      'project.stack.databases': [fact('c1', 'project.stack.databases', 'postgres')],
    });
    const after = await commit(memory, [merge], { 'preferences.ui.theme': [] }, { 'preferences/ui/notes.txt': null });
    const commits = [root, left, foreign, right, merge, after];
    const answers = async (graph: CommitGraph) =>
      Promise.all(commits.flatMap((oid) => PREFIXES.map((p) => graph.changes(oid, [prefixFilePath(p)]))));
    const expected = await Promise.all(commits.flatMap((oid) => PREFIXES.map((p) => changedByTrees(memory, oid, p))));
    const first = new CommitGraph(memory);
    expect(await answers(first)).toEqual(expected);
    // the merge changed project.* against its first parent only, so it is not listed there
    expect(await first.changes(merge, ['project'])).toBe(false);
    expect(expected.filter(Boolean).length).toBeGreaterThan(10);
    first.save();

    const file = path.join(memory.gitdir, 'state', 'cache', 'commit-graph');
    // the table of paths, then a line a commit
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(commits.length + 1);
    // read from the cache: the same answers, without the trees (a fresh store object has read nothing)
    expect(await answers(new CommitGraph(new Memory(memory.gitdir)))).toEqual(expected);
    // a damaged line is made again, the others kept
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    (lines[2] = '["not'), fs.writeFileSync(file, lines.join('\n'));
    const mended = new CommitGraph(new Memory(memory.gitdir));
    expect(await answers(mended)).toEqual(expected);
    mended.save();
    const [table, ...entries] = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(table).slice(0, 2)).toEqual(['memoir-commit-graph', 2]);
    expect(entries.map((line) => JSON.parse(line).length)).toEqual(commits.map(() => 4));
    // a table that lists a path twice would shift every number after it: the file is made again
    const [, , paths] = JSON.parse(table);
    fs.writeFileSync(file, [JSON.stringify(['memoir-commit-graph', 2, [paths[0], ...paths]]), ...entries].join('\n'));
    expect(await answers(new CommitGraph(new Memory(memory.gitdir)))).toEqual(expected);
    // and so is a file without the table (the first format wrote each path out on every line)
    fs.writeFileSync(file, entries.join('\n'));
    expect(await answers(new CommitGraph(new Memory(memory.gitdir)))).toEqual(expected);
  });

  it('walks newest first by committer time, each commit once, as Memory.walk does', async () => {
    const memory = await newMemory();
    const root = await commit(memory, [], { 'preferences.ui.theme': [fact('a1', 'preferences.ui.theme', 'dark')] });
    const a = await commit(memory, [root], {
      'preferences.food.drinks': [fact('b1', 'preferences.food.drinks', 'tea')],
    });
    const b = await commit(memory, [root], {
      'project.stack.databases': [fact('c1', 'project.stack.databases', 'pg')],
    });
    const merge = await commit(memory, [a, b], {});
    const walked = async <T>(walk: AsyncGenerator<T>, id: (x: T) => string) => {
      const ids: string[] = [];
      for await (const x of walk) ids.push(id(x));
      return ids;
    };
    const graph = new CommitGraph(memory);
    expect(await walked(graph.walk([merge]), (e) => e.oid)).toEqual(await walked(memory.walk(merge), (c) => c.oid));
    expect(await walked(graph.walk([merge]), (e) => e.oid)).toHaveLength(4);
  });
});
