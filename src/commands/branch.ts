import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { branchesRenderer, reportBranchChange } from '../output/branch.js';
import { type BranchOptions, runBranchChange, runListBranches } from '../app/branch.js';

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
    .action(async (args: string[], raw: BranchOptions & { D?: boolean }) => {
      const options: BranchOptions = { ...raw, forceDelete: raw.D };
      if (args.length === 0 && !options.delete && !options.forceDelete && !options.move)
        return emit(context, options, await runListBranches(context), branchesRenderer);
      reportBranchChange(context, options, await runBranchChange(args, options, context));
    });
  withExamples(command, [
    ['memoir branch', 'list the branches; the current one is marked with *'],
    ['memoir branch agent-2', 'start a branch at the current commit'],
    ['memoir branch experiment main~3', 'start a branch at an older commit'],
    ['memoir branch -d agent-2', 'delete a branch that has been merged'],
    ['memoir branch -m agent-2 research', 'rename a branch'],
  ]);
}
