import type { Memory } from '../store/memory.js';
import { refuseOnProtected } from './policyGate.js';
import type { Deps } from './deps.js';
import { MemoirError, UsageError } from '../errors/index.js';
import { checkBranchName } from './target.js';
import { signature } from './signature.js';
import { type UpstreamState, upstreamState } from './upstream.js';

export interface BranchOptions {
  delete?: boolean;
  forceDelete?: boolean;
  move?: boolean;
  json?: boolean;
}

export interface BranchInfo {
  /** `main`; a remote-tracking branch as `origin/main`. */
  name: string;
  /** A remote-tracking branch (`refs/remotes/…`), listed with -r or -a. */
  remote?: boolean;
  commit: string;
  current: boolean;
  subject: string;
  /** The branch it follows and how far apart they are (asked for with `withUpstreams`). */
  upstream?: UpstreamState;
}

export type BranchChange =
  | { action: 'created'; name: string; commit: string }
  | { action: 'deleted'; name: string; commit: string; merged: boolean }
  | { action: 'renamed'; name: string; from: string; commit: string };

/** Every branch with its tip; `withUpstreams` (branch -vv, --json) adds what each follows and how far apart they are. */
export async function runListBranches(
  context: Deps,
  withUpstreams = false,
  which: 'local' | 'remote' | 'all' = 'local',
): Promise<BranchInfo[]> {
  const memory = await context.memory();
  const head = await memory.head();
  const list: BranchInfo[] = [];
  if (which !== 'remote') list.push(...(await localBranches(memory, head.branch, withUpstreams)));
  if (which !== 'local')
    for (const b of memory.remoteBranches())
      list.push({
        name: b.name,
        remote: true,
        commit: b.oid,
        current: false,
        subject: (await memory.readCommit(b.oid)).message.split('\n')[0],
      });
  return list;
}

async function localBranches(memory: Memory, current: string | undefined, withUpstreams: boolean) {
  const list: BranchInfo[] = [];
  for (const b of memory.branches()) {
    const upstream = withUpstreams ? await upstreamState(memory, b.name, b.oid) : undefined;
    list.push({
      name: b.name,
      commit: b.oid,
      current: b.name === current,
      subject: (await memory.readCommit(b.oid)).message.split('\n')[0],
      ...(upstream ? { upstream } : {}),
    });
  }
  return list;
}

/** Creates, deletes (-d merged only, -D any) or renames (-m) a branch. */
export async function runBranchChange(args: string[], options: BranchOptions, context: Deps): Promise<BranchChange> {
  const memory = await context.memory();
  return context.locked(memory, async () => {
    const head = await memory.head();
    const who = await signature(context);
    const exists = async (name: string) => memory.resolveRef(`refs/heads/${name}`);
    const unknown = (name: string) =>
      new UsageError('unknown-branch', `no branch named "${name}"`, { hint: '"memoir branch" lists the branches' });
    if (options.move) {
      if (args.length === 0 || args.length > 2) throw new UsageError('usage', 'memoir branch -m [<old>] <new>');
      const [from, to] = args.length === 2 ? args : [head.branch, args[0]];
      if (!from)
        throw new UsageError('missing-argument', 'HEAD is detached: name the branch to rename', {
          hint: 'memoir branch -m <old> <new>',
        });
      checkBranchName(to);
      const oid = await exists(from);
      if (!oid) throw unknown(from);
      if (await exists(to))
        throw new MemoirError('branch-exists', `a branch named "${to}" already exists`, {
          hint: `delete it first with "memoir branch -D ${to}", or choose another name`,
        });
      memory.renameBranch(`refs/heads/${from}`, `refs/heads/${to}`, oid, who);
      // its upstream goes with it, as git moves the config section
      const upstream = await memory.upstream(from);
      if (upstream) {
        await memory.setUpstream(to, upstream);
        await memory.setUpstream(from, undefined);
      }
      if (head.branch === from) memory.setHead({ ref: `refs/heads/${to}` }, { who, message: '' });
      return { action: 'renamed', name: to, from, commit: oid };
    }
    if (options.delete || options.forceDelete) {
      if (args.length !== 1) throw new UsageError('usage', 'memoir branch -d <name> (one branch at a time)');
      const name = args[0];
      const oid = await exists(name);
      if (!oid) throw unknown(name);
      if (name === head.branch)
        throw new MemoirError('current-branch', `cannot delete the branch you are on ("${name}")`, {
          hint: 'switch to another branch first with "memoir checkout <branch>"',
        });
      const merged = head.oid !== undefined && (await memory.isAncestor(oid, head.oid));
      if (!merged && !options.forceDelete)
        throw new MemoirError(
          'branch-not-merged',
          `the branch "${name}" is not fully merged into ${head.branch ?? 'HEAD'}`,
          { hint: `merge it first, or delete it anyway with "memoir branch -D ${name}"` },
        );
      await refuseOnProtected(memory, oid, name, 'it is never deleted');
      memory.deleteBranch(`refs/heads/${name}`);
      // a branch made later under the same name must not follow what this one did
      if (await memory.upstream(name)) await memory.setUpstream(name, undefined);
      return { action: 'deleted', name, commit: oid, merged };
    }
    if (args.length > 2) throw new UsageError('usage', 'memoir branch <name> [<start>]');
    const [name, start] = args;
    checkBranchName(name);
    if (await exists(name))
      throw new MemoirError('branch-exists', `a branch named "${name}" already exists`, {
        hint: `switch to it with "memoir checkout ${name}", or choose another name`,
      });
    const oid = await memory.resolve(start ?? 'HEAD');
    memory.updateBranch(
      `refs/heads/${name}`,
      oid,
      undefined,
      who,
      `branch: Created from ${start ?? head.branch ?? 'HEAD'}`,
    );
    return { action: 'created', name, commit: oid };
  });
}
