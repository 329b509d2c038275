import * as fs from 'node:fs';
import * as path from 'node:path';
import git from 'isomorphic-git';
import { describe, expect, it } from 'vitest';
import { GitStore } from '../../src/store/git.js';
import { commitContent, looseObject, treeContent } from '../../src/store/looseObjects.js';
import { execFileSync } from 'node:child_process';
import { tempDir } from '../helpers/cli.js';

// memoir writes loose objects itself (node's zlib and sha1): the same ids, bytes and files as isomorphic-git and git.

async function freshStore(): Promise<{ store: GitStore; gitdir: string }> {
  const gitdir = path.join(tempDir(), '.memoir');
  await GitStore.init(gitdir, 'main');
  return { store: new GitStore(gitdir), gitdir };
}

const who = { name: 'Ada Lovelace', email: 'ada@example.com', timestamp: 1_767_225_600, timezoneOffset: -90 };

describe('loose objects', () => {
  it('blob, tree and commit ids are the ones isomorphic-git computes for the same content', async () => {
    const { store, gitdir } = await freshStore();
    const base = { fs, gitdir };
    const blob = await store.writeBlobText('- Likes jazz <!-- id=0123456789 -->\n');
    expect(blob).toBe(await git.writeBlob({ ...base, blob: Buffer.from('- Likes jazz <!-- id=0123456789 -->\n') }));
    const entries = [
      { mode: '100644', path: 'music.md', oid: blob, type: 'blob' as const },
      {
        mode: '040000',
        path: 'sub',
        oid: await store.writeTree([{ mode: '100644', path: 'a.md', oid: blob, type: 'blob' }]),
        type: 'tree' as const,
      },
    ];
    const tree = await store.writeTree(entries);
    expect(tree).toBe(await git.writeTree({ ...base, tree: entries }));
    for (const message of ['Remember x\n\nbody\n', '\n\nleading blank lines\r\nand a CR\n\n\n', 'no newline']) {
      const commit = { tree, parents: [], message, author: who, committer: { ...who, timezoneOffset: 120 } };
      expect(await store.writeCommit(commit)).toBe(
        await git.writeCommit({
          ...base,
          commit: { tree, parent: [], message, author: who, committer: commit.committer },
        }),
      );
    }
  });

  it('what it writes native git reads and fsck --strict accepts', async () => {
    const { store, gitdir } = await freshStore();
    const blob = await store.writeBlobText('hello\n');
    const tree = await store.writeTree([{ mode: '100644', path: 'hello.md', oid: blob, type: 'blob' }]);
    const commit = await store.writeCommit({ tree, parents: [], message: 'Hello\n', author: who, committer: who });
    const gitOut = (args: string[]) => execFileSync('git', ['--git-dir', gitdir, ...args], { encoding: 'utf8' });
    expect(gitOut(['cat-file', '-p', `${commit}:hello.md`])).toBe('hello\n');
    expect(gitOut(['cat-file', 'commit', commit])).toBe(
      commitContent({ tree, parents: [], message: 'Hello\n', author: who, committer: who }).toString(),
    );
    gitOut(['update-ref', 'refs/heads/main', commit]);
    expect(gitOut(['fsck', '--strict'])).toBe('');
    expect(looseObject('tree', treeContent([])).oid).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904');
  });
});
