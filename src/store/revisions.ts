import { badRevision, parseRevision } from '../core/revision.js';
import { plural, shortOid } from '../core/words.js';
import type { GitStore } from './git.js';
import { fullRefName, readRef, readReflog, symbolicHead } from './refs.js';
import { noUpstream, upstreamGone, upstreamOf } from './upstream.js';

/*
 * Revisions as git writes them, resolved against the store: a full or abbreviated commit id,
 * a branch or ref, HEAD, with `~N` and `^N` steps, `ref@{N}` from the reflog, and `main@{u}`,
 * the last fetched tip of the branch main follows.
 */

/** The commit a revision names: `HEAD`, a branch, a full or abbreviated id, with `~N`/`^N`, `main@{N}`. */
export async function resolveRevision(git: GitStore, gitdir: string, rev: string): Promise<string> {
  const { base, reflog, upstream, steps } = parseRevision(rev);
  let oid = upstream
    ? await fromUpstream(gitdir, rev, base)
    : reflog === undefined
      ? await resolveBase(git, base)
      : fromReflog(gitdir, rev, base, reflog);
  if (!oid) throw badRevision(rev, base === 'HEAD' ? 'the branch has no commits yet' : undefined);
  for (const step of steps) {
    const commit = await git.readCommit(oid);
    if (step.kind === '^') {
      if (step.n === 0) continue;
      oid = commit.parents[step.n - 1];
      if (!oid) throw badRevision(rev, `${shortOid(commit.oid)} has no parent ${step.n}`);
      continue;
    }
    for (let i = 0; i < step.n; i++) {
      const parent: string | undefined = (await git.readCommit(oid)).parents[0];
      if (!parent) throw badRevision(rev, `${base} has only ${plural(i, 'commit')} before it`);
      oid = parent;
    }
  }
  return oid;
}

/** `main@{2}`: where the ref pointed two moves ago; `@{2}`: the current branch's. */
function fromReflog(gitdir: string, rev: string, base: string, n: number): string {
  const ref = base === '' ? (symbolicHead(gitdir) ?? 'HEAD') : fullRefName(gitdir, base);
  if (!ref) throw badRevision(rev, `no branch or ref named "${base}"`);
  const entries = readReflog(gitdir, ref);
  if (n >= entries.length)
    throw badRevision(
      rev,
      `the reflog of ${ref.replace(/^refs\/heads\//, '')} has only ${plural(entries.length, 'entry', 'entries')}`,
    );
  return entries[n].oid;
}

/** `main@{u}`: the tip of the remote-tracking ref of the branch main follows; `@{u}`: the current branch's. */
async function fromUpstream(gitdir: string, rev: string, base: string): Promise<string> {
  const current = base === '' || base === 'HEAD';
  const branch = current ? symbolicHead(gitdir)?.replace(/^refs\/heads\//, '') : base.replace(/^refs\/heads\//, '');
  if (!branch) throw badRevision(rev, 'HEAD is detached: name the branch, as in main@{u}');
  if (!current && readRef(gitdir, `refs/heads/${branch}`) === undefined)
    throw badRevision(rev, `no branch named "${branch}"`);
  const tracking = upstreamOf(gitdir, branch);
  if (!tracking) throw noUpstream(branch);
  const oid = readRef(gitdir, tracking.ref);
  if (!oid) throw upstreamGone(branch, tracking);
  return oid;
}

async function resolveBase(git: GitStore, base: string): Promise<string | undefined> {
  if (/^[0-9a-f]{40}$/.test(base)) return (await hasCommit(git, base)) ? base : undefined;
  const ref = await git.resolveRef(base === 'HEAD' ? 'HEAD' : base).catch(() => undefined);
  if (ref) return ref;
  if (/^[0-9a-f]{4,39}$/.test(base))
    return git.expandOid(base).catch((error) => {
      if ((error as { code?: string }).code === 'ambiguous-revision') throw error;
      return undefined;
    });
  return undefined;
}

async function hasCommit(git: GitStore, oid: string): Promise<boolean> {
  try {
    await git.readCommit(oid);
    return true;
  } catch {
    return false;
  }
}
