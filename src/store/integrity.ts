import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GitStore } from './git.js';
import { byCodeUnit } from '../core/order.js';

/*
 * What `memoir fsck` reads of the repository outside the trees: the branch refs as files, so
 * that an empty or garbled one (a power cut after a write that was never synced) is found
 * rather than read as a branch with no commits.
 */

export interface BrokenRef {
  /** `refs/heads/main`. */
  ref: string;
  problem: 'empty' | 'garbled' | 'missing-commit';
}

/** The refs under refs/heads whose file does not hold the id of a commit in the store. */
export async function brokenBranchRefs(gitdir: string, git: GitStore): Promise<BrokenRef[]> {
  const broken: BrokenRef[] = [];
  const visit = async (dir: string, ref: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => byCodeUnit(a.name, b.name))) {
      const name = `${ref}/${entry.name}`;
      if (entry.isDirectory()) {
        await visit(path.join(dir, entry.name), name);
        continue;
      }
      // a writer's temporary file or a lock next to the ref is not a ref
      if (!entry.isFile() || entry.name.endsWith('.lock')) continue;
      const text = fs.readFileSync(path.join(dir, entry.name), 'utf8');
      if (text.trim() === '') broken.push({ ref: name, problem: 'empty' });
      else if (!/^[0-9a-f]{40}\n?$/.test(text)) broken.push({ ref: name, problem: 'garbled' });
      else if (!(await isCommit(git, text.trim()))) broken.push({ ref: name, problem: 'missing-commit' });
    }
  };
  await visit(path.join(gitdir, 'refs', 'heads'), 'refs/heads');
  return broken;
}

/** Whether a commit with this id is in the store. */
export async function isCommit(git: GitStore, oid: string): Promise<boolean> {
  try {
    await git.readCommit(oid);
    return true;
  } catch {
    return false;
  }
}
