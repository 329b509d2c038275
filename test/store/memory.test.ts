import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fact } from '../../src/core/fact.js';
import { GitStore } from '../../src/store/git.js';
import { Memory } from '../../src/store/memory.js';
import { parseCommit, parseTree } from '../../src/store/objects.js';
import { git, tempDir } from '../helpers/cli.js';

const who = { name: 'Store Test', email: 'store@example.com', timestamp: 1_767_225_600, timezoneOffset: -90 };

function fact(id: string, leaf: string, text: string): Fact {
  return { id, path: leaf, text, recordedAt: '2026-01-01T00:00:00Z', source: 'test', classifier: 'manual' };
}

async function newMemory(): Promise<Memory> {
  const gitdir = path.join(tempDir(), '.memoir');
  await GitStore.init(gitdir, 'main');
  return new Memory(gitdir);
}

async function commit(memory: Memory, leaves: Record<string, Fact[]>, message: string, step = 0): Promise<string> {
  const head = await memory.head();
  const when = { ...who, timestamp: who.timestamp + step };
  const oid = await memory.writeCommit({
    parents: head.oid ? [head.oid] : [],
    leaves: new Map(Object.entries(leaves)),
    message,
    author: when,
    committer: when,
  });
  memory.updateBranch(head.ref ?? 'HEAD', oid, head.oid, when, `commit: ${message}`);
  return oid;
}

describe('Memory against a real repository', () => {
  let memory: Memory;
  let first: string;
  let second: string;
  let third: string;

  beforeAll(async () => {
    memory = await newMemory();
    first = await commit(
      memory,
      {
        'preferences.ui.theme': [fact('aaaaaaaaaa', 'preferences.ui.theme', 'dark mode')],
        'relationships.pets.animals': [fact('bbbbbbbbbb', 'relationships.pets.animals', 'a cat named Miso')],
      },
      'first',
      0,
    );
    second = await commit(
      memory,
      {
        'relationships.pets.animals': [
          fact('bbbbbbbbbb', 'relationships.pets.animals', 'a cat named Miso'),
          fact('cccccccccc', 'relationships.pets.animals', 'a dog named Rex'),
        ],
      },
      'second',
      60,
    );
    third = await commit(memory, { 'preferences.ui.theme': [] }, 'third: forget the theme', 120);
  });

  it('writes commits native git reads, with the author, offset and message intact', () => {
    const gitdir = memory.gitdir;
    expect(git(gitdir, ['rev-list', 'main']).trim().split('\n')).toEqual([third, second, first]);
    expect(git(gitdir, ['log', '-1', '--format=%an|%ae|%at|%ai|%s', first]).trim()).toBe(
      'Store Test|store@example.com|1767225600|2026-01-01 01:30:00 +0130|first',
    );
    expect(git(gitdir, ['show', `${second}:relationships/pets/animals.md`])).toContain(
      '- a dog named Rex <!-- id=cccccccccc',
    );
    expect(() => git(gitdir, ['fsck', '--strict', '--no-progress'])).not.toThrow();
  });

  it('removes a leaf file whose last fact goes, and prunes the emptied directories', () => {
    expect(git(memory.gitdir, ['ls-tree', '-r', '--name-only', third]).trim()).toBe('relationships/pets/animals.md');
  });

  it('reuses the ids of subtrees a commit did not touch', () => {
    const petsBefore = git(memory.gitdir, ['rev-parse', `${first}:relationships`]).trim();
    const themeBefore = git(memory.gitdir, ['rev-parse', `${first}:preferences`]).trim();
    expect(git(memory.gitdir, ['rev-parse', `${second}:preferences`]).trim()).toBe(themeBefore);
    expect(git(memory.gitdir, ['rev-parse', `${second}:relationships`]).trim()).not.toBe(petsBefore);
  });

  it('reads facts, leaves and fact-level changes back', async () => {
    expect((await memory.readLeaf(second, 'relationships.pets.animals')).map((f) => f.text)).toEqual([
      'a cat named Miso',
      'a dog named Rex',
    ]);
    expect(await memory.readLeaf(third, 'preferences.ui.theme')).toEqual([]);
    expect(await memory.readLeaf(undefined, 'preferences.ui.theme')).toEqual([]);
    expect((await memory.listLeaves(first)).map((l) => l.path)).toEqual([
      'preferences.ui.theme',
      'relationships.pets.animals',
    ]);
    expect((await memory.listLeaves(first, 'relationships')).map((l) => l.path)).toEqual([
      'relationships.pets.animals',
    ]);
    const many = () => 'many' as const;
    const changes = await memory.diff(second, third, many);
    expect(changes.map((c) => [c.kind, c.old?.id, c.new?.id])).toEqual([['removed', 'aaaaaaaaaa', undefined]]);
    const fromNothing = await memory.diff(undefined, first, many);
    expect(fromNothing.map((c) => [c.kind, c.new?.id]).sort()).toEqual([
      ['added', 'aaaaaaaaaa'],
      ['added', 'bbbbbbbbbb'],
    ]);
    // only under a prefix: the leaf, or its category
    expect(await memory.diff(undefined, first, many, ['relationships'])).toHaveLength(fromNothing.length - 1);
    expect((await memory.diff(undefined, first, many, ['preferences.ui.theme'])).map((c) => c.path)).toEqual([
      'preferences.ui.theme',
    ]);
    expect(await memory.diff(first, first, many)).toEqual([]);
  });

  it('resolves revisions: HEAD, branch, full and short ids, ~N and ^', async () => {
    expect(await memory.resolve('HEAD')).toBe(third);
    expect(await memory.resolve('main')).toBe(third);
    expect(await memory.resolve('HEAD~1')).toBe(second);
    expect(await memory.resolve('HEAD^^')).toBe(first);
    expect(await memory.resolve('main~2')).toBe(first);
    expect(await memory.resolve(second)).toBe(second);
    expect(await memory.resolve(second.slice(0, 7))).toBe(second);
    await expect(memory.resolve('HEAD~3')).rejects.toMatchObject({ code: 'unknown-revision', exitCode: 2 });
    await expect(memory.resolve('nope')).rejects.toMatchObject({ code: 'unknown-revision' });
    await expect(memory.resolve('f'.repeat(40))).rejects.toMatchObject({ code: 'unknown-revision' });
  });

  it('walks history newest first', async () => {
    const seen: string[] = [];
    for await (const c of memory.walk(third)) seen.push(c.message.trim());
    expect(seen).toEqual(['third: forget the theme', 'second', 'first']);
  });

  it('records every branch move in a reflog native git lists', () => {
    const reflog = git(memory.gitdir, ['reflog', 'show', '--format=%H %gs', 'main']).trim().split('\n');
    expect(reflog).toEqual([
      `${third} commit: third: forget the theme`,
      `${second} commit: second`,
      `${first} commit: first`,
    ]);
  });
});

describe('object parsers agree with native git', () => {
  it('parse trees and commits written by native git, including a signed-looking header and a negative offset', () => {
    const dir = tempDir();
    const gitdir = path.join(dir, 'repo.git');
    execFileSync('git', ['init', '-q', '--bare', gitdir]);
    const env = {
      ...process.env,
      GIT_DIR: gitdir,
      GIT_AUTHOR_NAME: 'Zoë',
      GIT_AUTHOR_EMAIL: 'z@example.com',
      GIT_AUTHOR_DATE: '1767225600 -0330',
      GIT_COMMITTER_NAME: 'C',
      GIT_COMMITTER_EMAIL: 'c@example.com',
      GIT_COMMITTER_DATE: '1767225700 +0000',
    };
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { env, input: 'hello\n' }).toString().trim();
    const sub = execFileSync('git', ['mktree'], { env, input: `100644 blob ${blob}\tthéme.md\n` })
      .toString()
      .trim();
    const tree = execFileSync('git', ['mktree'], {
      env,
      input: `040000 tree ${sub}\tui\n100755 blob ${blob}\trun.sh\n`,
    })
      .toString()
      .trim();
    const raw = `tree ${tree}\nauthor Zoë <z@example.com> 1767225600 -0330\ncommitter C <c@example.com> 1767225700 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\nSubject line\n\nBody.\n`;
    const commitOid = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { env, input: raw })
      .toString()
      .trim();

    const objectFile = (oid: string) => path.join(gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
    const content = (oid: string) => {
      const wrapped = inflateSync(fs.readFileSync(objectFile(oid)));
      return wrapped.subarray(wrapped.indexOf(0) + 1);
    };
    expect(parseTree(content(tree))).toEqual([
      { mode: '100755', path: 'run.sh', oid: blob, type: 'blob' },
      { mode: '040000', path: 'ui', oid: sub, type: 'tree' },
    ]);
    expect(parseTree(content(sub))[0].path).toBe('théme.md');
    const commit = parseCommit(commitOid, content(commitOid));
    expect(commit.tree).toBe(tree);
    expect(commit.parents).toEqual([]);
    expect(commit.author).toEqual({ name: 'Zoë', email: 'z@example.com', timestamp: 1767225600, timezoneOffset: 210 });
    expect(commit.committer.timestamp).toBe(1767225700);
    expect(commit.message).toBe('Subject line\n\nBody.\n');
  });

  it('GitStore reads objects from packfiles too (after native git gc)', async () => {
    const memory = await newMemory();
    const oid = await commit(
      memory,
      { 'preferences.ui.font': [fact('dddddddddd', 'preferences.ui.font', 'JetBrains Mono 14')] },
      'font',
    );
    execFileSync('git', ['--git-dir', memory.gitdir, 'gc', '-q', '--prune=now']);
    expect(fs.readdirSync(path.join(memory.gitdir, 'objects', 'pack')).some((f) => f.endsWith('.pack'))).toBe(true);
    const fresh = new Memory(memory.gitdir);
    expect((await fresh.head()).oid).toBe(oid);
    expect((await fresh.readLeaf(oid, 'preferences.ui.font'))[0].text).toBe('JetBrains Mono 14');
  });
});
