import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoirError } from '../../errors/index.js';
import { GitStore } from '../git.js';
import { deleteRef, listRefs, readRef, symbolicHead } from '../refs.js';
import { givenRepository } from '../repository.js';
import { objectsToSend, receivePack } from './packs.js';
import { writeError } from '../safeWrite.js';
import {
  type BranchUpdate,
  type BranchUpdateResult,
  type Fetched,
  type RemoteRefs,
  remoteRefs,
  type TransferOptions,
  type Transport,
} from './transport.js';

/*
 * A remote that is a directory on this machine (a bare git repository, another `.memoir`, a
 * mounted backup disk): read and written in-process, no git or server needed. Objects move as
 * one packfile each way; a branch moves under git's own `<ref>.lock`, so a native `git push`
 * into the same repository at the same moment waits its turn or fails, never interleaves.
 */

export class LocalTransport implements Transport {
  constructor(
    private readonly dir: string,
    private readonly label: string,
  ) {}

  private open(): GitStore {
    const gitdir = givenRepository(this.dir);
    if (!gitdir)
      throw new MemoirError('remote-not-found', `${this.label} is not a git repository (${this.dir})`, {
        hint: `create one with "git init --bare ${this.dir}", or fix the path with "memoir remote set-url"`,
      });
    return new GitStore(gitdir);
  }

  async listRefs(): Promise<RemoteRefs> {
    return refsOf(this.open().gitdir);
  }

  async fetch(local: GitStore, _haves: readonly string[], options: TransferOptions = {}): Promise<Fetched> {
    const remote = this.open();
    const refs = refsOf(remote.gitdir);
    const { objects, shallow } = await objectsToSend(
      remote,
      [...refs.branches.values()],
      (commit) => local.hasObject(commit),
      options.depth,
    );
    if (objects.length > 0) await receivePack(local, await remote.packObjects(objects), options.onProgress);
    return { ...refs, shallow: { add: shallow, remove: [] } };
  }

  async push(
    local: GitStore,
    plan: (remote: RemoteRefs) => Promise<BranchUpdate[]>,
    options: TransferOptions = {},
  ): Promise<{ remote: RemoteRefs; results: BranchUpdateResult[] }> {
    const remote = this.open();
    const refs = refsOf(remote.gitdir);
    const updates = await plan(refs);
    const sending = updates.flatMap((u) => (u.new ? [u.new] : []));
    const { objects } = await objectsToSend(local, sending, (commit) => remote.hasObject(commit));
    if (objects.length > 0) await receivePack(remote, await local.packObjects(objects), options.onProgress);
    const results = updates.map((update) => {
      try {
        return { ...update, ...moveBranch(remote.gitdir, update) };
      } catch (error) {
        // a read-only or full backup disk is the user's to fix, never a bug of memoir's
        throw writeError(path.join(remote.gitdir, 'refs', 'heads', update.branch), error);
      }
    });
    return { remote: refs, results };
  }
}

function refsOf(gitdir: string): RemoteRefs {
  return remoteRefs(
    listRefs(gitdir, 'refs/heads/').map((b) => [`refs/heads/${b.name}`, b.oid]),
    symbolicHead(gitdir),
  );
}

/** Moves one branch of the remote if it still holds `old`, as receive-pack would: under `<ref>.lock`. */
function moveBranch(gitdir: string, update: BranchUpdate): { ok: boolean; reason?: string } {
  const ref = `refs/heads/${update.branch}`;
  const file = path.join(gitdir, ref);
  const lock = `${file}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let fd: number;
  try {
    fd = fs.openSync(lock, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { ok: false, reason: 'the branch is locked by another update' };
  }
  let renamed = false;
  try {
    if (readRef(gitdir, ref) !== update.old) return { ok: false, reason: 'stale info' };
    if (!update.new) {
      deleteRef(gitdir, ref);
      return { ok: true };
    }
    fs.writeSync(fd, `${update.new}\n`);
    fs.fsyncSync(fd);
    fs.renameSync(lock, file);
    renamed = true;
    return { ok: true };
  } finally {
    fs.closeSync(fd);
    if (!renamed) fs.rmSync(lock, { force: true });
  }
}
