import { shortOid } from '../core/words.js';
import { branchNameProblem, qualifiedBranchName } from '../core/refName.js';
import { screenWrittenText } from '../core/guardText.js';
import { MemoirError, UsageError } from '../errors/index.js';
import type { Head, Memory } from '../store/memory.js';

export interface WriteTarget extends Head {
  /** Set when the branch does not exist yet: the commit is its first, started from the current branch. */
  created?: boolean;
}

/** A branch name given by the user, checked against git's rules (exit 2 with the reason). */
export function checkBranchName(name: string, where = 'branch name'): string {
  // a branch name is written into refs, the reflog and every merge subject: never a credential
  screenWrittenText(name, `the ${where}`, 'nothing was written');
  const problem = branchNameProblem(name);
  if (problem)
    throw new UsageError('invalid-branch-name', `"${name}" is not a valid ${where}: ${problem}`, {
      hint: 'branch names follow git\'s rules: letters, digits, "-", "_", "." and "/" between components',
    });
  const qualified = qualifiedBranchName(name);
  if (qualified) {
    throw new UsageError('invalid-branch-name', `"${name}" is not a valid ${where}: ${qualified.problem}`, {
      hint: qualified.meant ? `use the short name: ${qualified.meant}` : 'name the branch without "refs/", e.g. main',
      data: { name, meant: qualified.meant ?? null },
    });
  }
  return name;
}

/**
 * The branch `--branch <name>` or MEMOIR_BRANCH asks a commit to go to, checked; undefined for
 * the current branch. Commands that stage before they commit call it first, so that a bad
 * name stages nothing.
 */
export function requestedBranch(branch: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const name = branch ?? (env.MEMOIR_BRANCH || undefined);
  return name === undefined
    ? undefined
    : checkBranchName(name, branch === undefined ? 'MEMOIR_BRANCH' : '--branch name');
}

/**
 * The one place that decides which ref a write commits to: `--branch <name>` (or
 * MEMOIR_BRANCH) names a branch to write to without switching HEAD, created from the
 * current branch when missing; otherwise the current branch (or detached HEAD).
 */
export async function writeTarget(
  memory: Memory,
  branch: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<WriteTarget> {
  const head = await memory.head();
  const name = requestedBranch(branch, env);
  if (name === undefined || name === head.branch) {
    refuseDuringMerge(memory, head);
    return head;
  }
  const ref = `refs/heads/${name}`;
  const oid = await memory.resolveRef(ref);
  return oid ? { ref, branch: name, oid } : { ref, branch: name, oid: head.oid, created: true };
}

/** Commits to the current branch wait while a merge is in progress: it is finished or aborted first. */
export function refuseDuringMerge(memory: Memory, head: Head): void {
  const merge = memory.readMerge();
  if (merge && (merge.origRef ?? undefined) === head.ref) {
    throw new MemoirError(
      'merge-in-progress',
      `a merge of ${merge.theirsName} is in progress on ${head.branch ?? 'detached HEAD'}`,
      { hint: 'settle it with "memoir resolve", then "memoir merge --continue"; or "memoir merge --abort"' },
    );
  }
}

/**
 * An agent's write never lands on a detached HEAD: its commit would belong to no branch, and
 * the next checkout would leave it for only the reflog to find. A person at a terminal is
 * warned instead (checkout, commit); an agent is refused, and told to name a branch.
 */
export async function refuseDetachedWrite(
  memory: Memory,
  branch: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  if (requestedBranch(branch, env) !== undefined) return;
  const head = await memory.head();
  if (head.ref || !head.oid) return;
  throw new MemoirError(
    'detached-head',
    `HEAD is detached at ${shortOid(head.oid)}: a commit here would belong to no branch`,
    {
      hint: 'give "branch" (e.g. {"branch": "main"}) to write to a branch, or switch back with memoir_checkout {"branch": "main"}',
      data: { commit: head.oid },
    },
  );
}
