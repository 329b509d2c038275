import type { Command } from 'commander';
import { MemoirError, UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { checkBranchName } from '../runtime/target.js';
import { signature } from '../runtime/signature.js';
import { branchesRenderer, reportBranchChange } from '../output/branch.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';

export interface BranchOptions {
  delete?: boolean;
  forceDelete?: boolean;
  move?: boolean;
  json?: boolean;
}

export interface BranchInfo {
  name: string;
  commit: string;
  current: boolean;
  subject: string;
}

export type BranchChange =
  | { action: 'created'; name: string; commit: string }
  | { action: 'deleted'; name: string; commit: string; merged: boolean }
  | { action: 'renamed'; name: string; from: string; commit: string };

export async function runListBranches(context: Context, command: Command): Promise<BranchInfo[]> {
  const memory = await context.memory(command);
  const head = await memory.head();
  const list: BranchInfo[] = [];
  for (const b of memory.branches())
    list.push({
      name: b.name,
      commit: b.oid,
      current: b.name === head.branch,
      subject: (await memory.readCommit(b.oid)).message.split('\n')[0],
    });
  return list;
}

/** Creates, deletes (-d merged only, -D any) or renames (-m) a branch. */
export async function runBranchChange(
  args: string[],
  options: BranchOptions,
  context: Context,
  command: Command,
): Promise<BranchChange> {
  const memory = await context.memory(command);
  return context.locked(command, memory, async () => {
    const head = await memory.head();
    const who = await signature(context, command);
    const exists = async (name: string) => memory.git.resolveRef(`refs/heads/${name}`);
    const unknown = (name: string) =>
      new UsageError('unknown-branch', `no branch named "${name}"`, { hint: '"memoir branch" lists the branches' });
    if (options.move) {
      if (args.length === 0 || args.length > 2) throw new UsageError('usage', 'memoir branch -m [<old>] <new>');
      const [from, to] = args.length === 2 ? args : [head.branch, args[0]];
      if (!from)
        throw new UsageError('detached-head', 'HEAD is detached: name the branch to rename', {
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
      memory.deleteBranch(`refs/heads/${name}`);
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

export function register(program: Command, context: Context): void {
  const command = program
    .command('branch')
    .description('List, create, delete or rename branches of memory')
    .argument('[args...]', '<name> [<start>] to create; with -d/-D the branch; with -m [<old>] <new>')
    .option('-d, --delete', 'delete a branch merged into the current one')
    .option('-D', 'delete a branch even if it is not merged into the current one')
    .option('-m, --move', 'rename a branch: -m [<old>] <new>')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (args: string[], raw: BranchOptions & { D?: boolean }, cmd: Command) => {
      const options: BranchOptions = { ...raw, forceDelete: raw.D };
      if (args.length === 0 && !options.delete && !options.forceDelete && !options.move)
        return emit(context, options, await runListBranches(context, cmd), branchesRenderer);
      reportBranchChange(context, options, await runBranchChange(args, options, context, cmd));
    });
  withExamples(command, [
    ['memoir branch', 'list the branches; the current one is marked with *'],
    ['memoir branch agent-2', 'start a branch at the current commit'],
    ['memoir branch experiment main~3', 'start a branch at an older commit'],
    ['memoir branch -d agent-2', 'delete a branch that has been merged'],
    ['memoir branch -m agent-2 research', 'rename a branch'],
  ]);
}
