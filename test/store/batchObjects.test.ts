import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitStore } from '../../src/store/git.js';
import { looseObjectIds, packLooseObjects, packNames } from '../../src/store/repack.js';
import { tempDir } from '../helpers/cli.js';

async function freshStore(): Promise<{ store: GitStore; gitdir: string }> {
  const gitdir = path.join(tempDir(), '.memoir');
  await GitStore.init(gitdir, 'main');
  return { store: new GitStore(gitdir), gitdir };
}

const git = (gitdir: string, args: string[]) =>
  execFileSync('git', ['--git-dir', gitdir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A tree of `count` leaf files, written inside one batch; the texts by blob id. */
async function writeMany(store: GitStore, count: number): Promise<{ tree: string; texts: Map<string, string> }> {
  const texts = new Map<string, string>();
  const tree = await store.batchObjects(async () => {
    const entries = [];
    for (let i = 0; i < count; i++) {
      const text = `- fact number ${i} <!-- id=${String(i).padStart(10, '0')} -->\n`;
      const oid = await store.writeBlobText(text);
      texts.set(oid, text);
      // readable before the batch is written
      expect(await store.readBlobText(oid)).toBe(text);
      entries.push({ mode: '100644', path: `leaf${String(i).padStart(3, '0')}.md`, oid, type: 'blob' as const });
    }
    return store.writeTree([{ mode: '040000', path: 'all', oid: await store.writeTree(entries), type: 'tree' }]);
  });
  return { tree, texts };
}

describe('objects written in a batch', () => {
  it('are one packfile and its index when there are many, which native git reads and fsck accepts', async () => {
    const { store, gitdir } = await freshStore();
    const { tree, texts } = await writeMany(store, 40);
    expect(looseObjectIds(gitdir)).toEqual([]);
    expect(packNames(gitdir)).toHaveLength(1);
    git(gitdir, ['fsck', '--full', '--strict', '--no-dangling']);
    expect(git(gitdir, ['ls-tree', '-r', '--name-only', tree]).trim().split('\n')).toHaveLength(40);
    for (const [oid, text] of texts) expect(git(gitdir, ['cat-file', 'blob', oid])).toBe(text);
    // and a new reader of the store finds them in the pack
    const reader = new GitStore(gitdir);
    for (const [oid, text] of texts) expect(await reader.readBlobText(oid)).toBe(text);
    expect(
      git(gitdir, ['verify-pack', '-v', path.join(gitdir, 'objects', 'pack', `${packNames(gitdir)[0]}.idx`)]),
    ).toContain(`${tree} tree`);
  });

  it('are loose when they are few, and an object already in the store is not written again', async () => {
    const { store, gitdir } = await freshStore();
    const { texts } = await writeMany(store, 3);
    expect(packNames(gitdir)).toEqual([]);
    expect(looseObjectIds(gitdir)).toHaveLength(5);
    const before = fs.readdirSync(path.join(gitdir, 'objects'), { recursive: true }).length;
    await store.batchObjects(async () => {
      for (const text of texts.values()) await store.writeBlobText(text);
    });
    expect(fs.readdirSync(path.join(gitdir, 'objects'), { recursive: true }).length).toBe(before);
    git(gitdir, ['fsck', '--full', '--strict', '--no-dangling']);
  });

  it('leave nothing behind when the work fails', async () => {
    const { store, gitdir } = await freshStore();
    await expect(
      store.batchObjects(async () => {
        for (let i = 0; i < 20; i++) await store.writeBlobText(`text ${i}\n`);
        throw new Error('refused half way');
      }),
    ).rejects.toThrow('refused half way');
    expect(looseObjectIds(gitdir)).toEqual([]);
    expect(packNames(gitdir)).toEqual([]);
  });

  it('stay readable by a reader that listed the packs before another process folded them', async () => {
    const { store, gitdir } = await freshStore();
    const first = await writeMany(store, 20);
    const reader = new GitStore(gitdir);
    const [oid, text] = [...first.texts][0];
    // the reader has found the first pack (its index), not read its objects yet
    expect(await reader.hasObject(oid)).toBe(true);
    const second = new GitStore(gitdir);
    await second.batchObjects(async () => {
      for (let i = 0; i < 20; i++) await second.writeBlobText(`another text ${i}\n`);
    });
    expect(packNames(gitdir)).toHaveLength(2);
    await packLooseObjects(new GitStore(gitdir));
    expect(packNames(gitdir)).toHaveLength(1);
    expect(await reader.readBlobText(oid)).toBe(text);
  });
});
