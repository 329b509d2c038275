import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitStore } from '../../src/store/git.js';
import { indexPack, PackError } from '../../src/store/packIndex.js';
import { PackReader } from '../../src/store/packReader.js';
import { tempDir } from '../helpers/cli.js';

/*
 * memoir's own pack reader against packs git wrote: whole objects, deltas by offset and deltas by
 * id, every object read back byte for byte as `git cat-file` gives it.
 */

function repositoryWithHistory(options: string[]): string {
  const work = path.join(tempDir(), 'work');
  const env = {
    PATH: process.env.PATH,
    HOME: work,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Packer',
    GIT_AUTHOR_EMAIL: 'packer@example.com',
    GIT_COMMITTER_NAME: 'Packer',
    GIT_COMMITTER_EMAIL: 'packer@example.com',
  };
  const git = (args: string[], input?: string) =>
    execFileSync('git', ['-C', work, ...args], { env, encoding: 'utf8', input });
  fs.mkdirSync(work);
  git(['init', '-q']);
  // a file that grows line by line: each version a small delta of the last. One git fast-import
  // writes the 40 commits (a git process a commit made this file the suite's slowest).
  const lines: string[] = [];
  let stream = '';
  for (let i = 0; i < 40; i++) {
    lines.push(`- fact number ${i}: the user mentioned item ${(i * 7919) % 10007} in a long enough sentence`);
    const content = lines.join('\n') + '\n';
    const message = `step ${i}\n`;
    // each commit on the branch follows the last
    stream += `commit refs/heads/master\ncommitter Packer <packer@example.com> ${1_767_225_600 + i * 60} +0000\n`;
    stream += `data ${Buffer.byteLength(message)}\n${message}`;
    stream += `M 100644 inline preferences/ui/theme.md\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  }
  git(['fast-import', '--quiet'], stream);
  git([...options, 'repack', '-adf', '-q']);
  return path.join(work, '.git');
}

/** Every object of the store as `git cat-file --batch` gives it: one process, not one a object. */
function everyObject(gitdir: string): Array<{ oid: string; type: string; content: Buffer }> {
  const out = execFileSync('git', ['--git-dir', gitdir, 'cat-file', '--batch-all-objects', '--batch'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const objects = [];
  for (let at = 0; at < out.length; ) {
    const end = out.indexOf(0x0a, at);
    const [oid, type, size] = out.toString('latin1', at, end).split(' ');
    const content = out.subarray(end + 1, end + 1 + Number(size));
    objects.push({ oid, type, content });
    at = end + 1 + Number(size) + 1;
  }
  return objects;
}

async function expectEveryObjectReadable(gitdir: string): Promise<void> {
  const store = new GitStore(gitdir);
  const listed = everyObject(gitdir);
  expect(fs.readdirSync(path.join(gitdir, 'objects')).filter((d) => /^[0-9a-f]{2}$/.test(d))).toEqual([]);
  expect(listed.length).toBeGreaterThan(100);
  // the pack really holds deltas: that is what is being read
  const [index] = fs.readdirSync(path.join(gitdir, 'objects/pack')).filter((f) => f.endsWith('.idx'));
  const verified = execFileSync('git', ['verify-pack', '-v', path.join(gitdir, 'objects/pack', index)], {
    encoding: 'utf8',
  });
  expect(verified).toMatch(/chain length = 1: \d+ objects?/);
  for (const { oid, type, content } of listed) {
    expect(await store.hasObject(oid)).toBe(true);
    expect(await store.readObject(oid)).toEqual({ type, content });
  }
}

/** memoir's index of git's pack, byte for byte git's own. */
async function expectGitsIndex(gitdir: string): Promise<void> {
  const dir = path.join(gitdir, 'objects/pack');
  const [name] = fs.readdirSync(dir).filter((f) => f.endsWith('.pack'));
  const pack = fs.readFileSync(path.join(dir, name));
  const store = new GitStore(gitdir);
  const { index, oids } = await indexPack(pack, () => Promise.reject(new Error('no base outside the pack')));
  expect(index.equals(fs.readFileSync(path.join(dir, name.replace(/\.pack$/, '.idx'))))).toBe(true);
  expect(oids.length).toBe(pack.readUInt32BE(8));
  expect(await store.hasObject(oids[0])).toBe(true);
}

describe('the pack reader', () => {
  it('reads every object of a pack whose deltas point back by offset (git repack)', async () => {
    const gitdir = repositoryWithHistory([]);
    expect(execFileSync('git', ['--git-dir', gitdir, 'count-objects', '-v'], { encoding: 'utf8' })).toMatch(
      /in-pack: \d+/,
    );
    await expectEveryObjectReadable(gitdir);
    await expectGitsIndex(gitdir);
  });

  it('reads every object of a pack whose deltas name their base by id', async () => {
    const gitdir = repositoryWithHistory(['-c', 'repack.useDeltaBaseOffset=false']);
    await expectEveryObjectReadable(gitdir);
    await expectGitsIndex(gitdir);
  });

  it('refuses a pack cut short or with a damaged entry', async () => {
    const gitdir = repositoryWithHistory([]);
    const dir = path.join(gitdir, 'objects/pack');
    const [name] = fs.readdirSync(dir).filter((f) => f.endsWith('.pack'));
    const pack = fs.readFileSync(path.join(dir, name));
    const none = () => Promise.reject(new Error('no base'));
    await expect(indexPack(pack.subarray(0, pack.length / 2), none)).rejects.toBeInstanceOf(PackError);
    const damaged = Buffer.from(pack);
    damaged.fill(0x55, 200, 260);
    await expect(indexPack(damaged, none)).rejects.toThrow();
  });

  it('reads a large pack entry by entry as it reads a small one whole', async () => {
    for (const gitdir of [
      repositoryWithHistory([]),
      repositoryWithHistory(['-c', 'repack.useDeltaBaseOffset=false']),
    ]) {
      // every pack "large": each entry is read at its offset, its base through the delta cache
      const reader: PackReader = new PackReader(
        gitdir,
        async (oid) => (await reader.read(oid)) ?? Promise.reject(new Error(`no ${oid}`)),
        0,
      );
      const listed = everyObject(gitdir);
      for (const { oid, type, content } of [...listed].reverse())
        expect(await reader.read(oid)).toEqual({ type, content });
    }
  });

  it('says an object is missing rather than guessing', async () => {
    const store = new GitStore(repositoryWithHistory([]));
    expect(await store.hasObject('0'.repeat(40))).toBe(false);
  });
});
