import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Deps } from './deps.js';
import { displayUrl } from '../core/remoteUrl.js';
import { UsageError } from '../errors/index.js';
import { addRemote, defaultRefspec, setUpstream } from '../store/gitConfig.js';
import { createRepository } from '../store/init.js';
import { Memory } from '../store/memory.js';
import { writeSymbolicRef } from '../store/refs.js';
import { givenRepository, STORE_DIR } from '../store/repository.js';
import type { RemoteRefs } from '../store/remote/transport.js';
import { remoteUrlToStore } from './remoteInput.js';
import { fetchRemote, moveTrackingRefs } from './remotes.js';
import { refuseIncoming, screenIncoming } from './screenIncoming.js';
import { signature } from './signature.js';

export interface CloneOptions {
  /** The branch to check out instead of the remote's default. */
  branch?: string;
  /** Take facts that fail the incoming screen. */
  allowInvalid?: boolean;
  /** Only the last N commits of each branch (a shallow store). */
  depth?: number;
}

export interface CloneResult {
  /** The new store. */
  path: string;
  url: string;
  /** The branch checked out; undefined when the remote is empty (HEAD is an unborn main). */
  branch?: string;
  commit?: string;
  /** Every branch the remote has. */
  branches: string[];
}

/**
 * `memoir clone <url> [<dir>]`: a new `.memoir` in `dir` (default: here) with the remote as
 * `origin`, every branch fetched, and the remote's default branch checked out. Screened like a
 * pull; on any failure the new store is removed again, so a retry starts clean.
 */
export async function runClone(
  url: string,
  dir: string | undefined,
  options: CloneOptions,
  deps: Deps,
): Promise<CloneResult> {
  if (options.depth !== undefined && options.depth < 1)
    throw new UsageError('invalid-count', '--depth must be at least 1', { hint: 'memoir clone --depth 1 <url>' });
  const stored = await remoteUrlToStore(url, deps.cwd);
  const target = path.resolve(deps.cwd, dir ?? '.');
  const gitdir = path.join(target, STORE_DIR);
  if (givenRepository(target) || fs.existsSync(gitdir))
    throw new UsageError('repository-exists', `a memoir repository already exists at ${gitdir}`, {
      hint: 'clone into another folder: memoir clone <url> <dir>',
    });
  const created = !fs.existsSync(target);
  await createRepository(gitdir);
  try {
    return await fill(gitdir, stored, options, deps);
  } catch (error) {
    fs.rmSync(created ? target : gitdir, { recursive: true, force: true });
    throw error;
  }
}

async function fill(gitdir: string, url: string, options: CloneOptions, deps: Deps): Promise<CloneResult> {
  await addRemote(gitdir, 'origin', url);
  const memory = new Memory(gitdir);
  const remote = { name: 'origin', url, fetch: [defaultRefspec('origin')] };
  const { refs, updates } = await fetchRemote(memory, remote, deps, options);
  const branch = defaultBranch(refs, options.branch);
  const result: CloneResult = { path: gitdir, url: displayUrl(url), branches: [...refs.branches.keys()].sort() };
  const who = await signature(deps, undefined, memory);
  const commit = branch === undefined ? undefined : refs.branches.get(branch)!;
  if (commit && !options.allowInvalid)
    refuseIncoming(await screenIncoming(memory, undefined, commit, await deps.taxonomy()), `origin/${branch}`);
  moveTrackingRefs(memory, updates, who, 'clone');
  if (!branch || !commit) return result;
  writeSymbolicRef(gitdir, 'refs/remotes/origin/HEAD', `refs/remotes/origin/${branch}`);
  memory.updateBranch(`refs/heads/${branch}`, commit, undefined, who, `clone: from ${displayUrl(url)}`);
  if (branch !== 'main') memory.setHead({ ref: `refs/heads/${branch}` }, { who, message: `clone: ${branch}` });
  await setUpstream(gitdir, branch, { remote: 'origin', merge: `refs/heads/${branch}` });
  return { ...result, branch, commit };
}

/**
 * The branch a clone checks out: the one asked for; else the remote's HEAD when it names a
 * branch that exists; else main; else the only branch; else none (an empty remote).
 */
function defaultBranch(refs: RemoteRefs, asked: string | undefined): string | undefined {
  if (asked) {
    if (refs.branches.has(asked)) return asked;
    throw new UsageError('unknown-branch', `the remote has no branch named "${asked}"`, {
      hint: refs.branches.size
        ? `its branches are ${[...refs.branches.keys()].sort().join(', ')}`
        : 'it is empty: clone without --branch',
    });
  }
  if (refs.head && refs.branches.has(refs.head)) return refs.head;
  if (refs.branches.has('main')) return 'main';
  if (refs.branches.size === 1) return [...refs.branches.keys()][0];
  return undefined;
}
