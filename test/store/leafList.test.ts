import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Memory } from '../../src/store/memory.js';
import { git } from '../helpers/cli.js';
import { commitOn, fact, newMemory } from '../helpers/store.js';

const THEME = 'preferences.ui.theme';
const PETS = 'relationships.pets.animals';

describe('the leaf listing kept for the last tree listed', () => {
  it('answers as the trees do, for the whole tree and under a prefix; a damaged or other tree’s listing is not used', async () => {
    const memory = await newMemory();
    const first = await commitOn(memory, [], {
      [THEME]: [fact('a1', THEME, 'dark')],
      [PETS]: [fact('b1', PETS, 'a cat')],
    });
    const second = await commitOn(memory, [first], { [THEME]: [fact('a2', THEME, 'light')] });
    // what native git lists: the leaf files and their blobs
    const native = (commit: string) =>
      git(memory.gitdir, ['ls-tree', '-r', commit])
        .trim()
        .split('\n')
        .map((line) => {
          const [, , oid, file] = line.split(/\s+/);
          return { path: file.slice(0, -3).replaceAll('/', '.'), oid };
        })
        .sort((a, b) => (a.path < b.path ? -1 : 1));
    const file = path.join(memory.gitdir, 'state', 'cache', 'leaf-list');
    const listed = async (commit: string, prefix?: string) => new Memory(memory.gitdir).listLeaves(commit, prefix);

    expect(await listed(second)).toEqual(native(second));
    const tree = git(memory.gitdir, ['rev-parse', `${second}^{tree}`]).trim();
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toBe(tree);
    // from the cache now: the same, whole and in part
    expect(await listed(second)).toEqual(native(second));
    expect(await listed(second, 'preferences')).toEqual(native(second).filter((l) => l.path === THEME));
    expect(await listed(second, THEME)).toEqual(native(second).filter((l) => l.path === THEME));
    expect(await listed(second, 'policy.yaml')).toEqual([]);
    // another commit's tree: read again, and kept in its place
    expect(await listed(first)).toEqual(native(first));
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toBe(
      git(memory.gitdir, ['rev-parse', `${first}^{tree}`]).trim(),
    );
    // a check of the store reads the trees, whatever the cache says
    const firstTree = git(memory.gitdir, ['rev-parse', `${first}^{tree}`]).trim();
    fs.writeFileSync(file, `${firstTree}\n${'0'.repeat(40)} ${THEME}\n`);
    expect(await new Memory(memory.gitdir).listLeaves(first, undefined, { fromTrees: true })).toEqual(native(first));
    // a damaged listing is read past, and the trees read again
    fs.writeFileSync(file, `${git(memory.gitdir, ['rev-parse', `${first}^{tree}`]).trim()}\nnot a listing\n`);
    expect(await listed(first)).toEqual(native(first));
  });
});
