import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { UsageError } from '../errors/index.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { listRenderer, reportBranchChange } from '../output/branch.js';
import { type BranchOptions, runBranchChange, runListBranches } from '../app/branch.js';
import { runSetUpstream, runUnsetUpstream } from '../app/upstream.js';

interface BranchFlags extends BranchOptions {
  D?: boolean;
  verbose: number;
  setUpstreamTo?: string;
  unsetUpstream?: boolean;
  remotes?: boolean;
  all?: boolean;
}

/** `-vv`: each -v adds one. */
const count = (_: string, previous: number) => previous + 1;

export function register(program: Command, context: Context): void {
  const command = program
    .command('branch')
    .description('List, create, delete or rename branches of memory')
    .argument(
      '[args...]',
      '<name> [<start>] to create; with -d/-D the branch; with -m [<old>] <new>; with -u/--unset-upstream the branch',
    )
    .option('-d, --delete', 'delete a branch merged into the current one')
    .option('-D', 'delete a branch even if it is not merged into the current one')
    .option('-m, --move', 'rename a branch: -m [<old>] <new>')
    .option(
      '-v, --verbose',
      "the tip and subject (always shown); twice (-vv), also each branch's upstream and ahead/behind",
      count,
      0,
    )
    .option('-r, --remotes', 'list the remote-tracking branches (origin/main), as fetch left them')
    .option('-a, --all', 'list the local and the remote-tracking branches')
    .option('-u, --set-upstream-to <upstream>', 'make the branch (default: the current one) follow <remote>/<branch>')
    .option('--unset-upstream', 'make the branch (default: the current one) follow nothing')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (args: string[], raw: BranchFlags) => {
      const options: BranchOptions = { ...raw, forceDelete: raw.D };
      if (raw.setUpstreamTo !== undefined || raw.unsetUpstream) {
        if (args.length > 1 || (raw.setUpstreamTo !== undefined && raw.unsetUpstream))
          throw new UsageError('usage', 'memoir branch (--set-upstream-to <upstream> | --unset-upstream) [<branch>]');
        const change = raw.unsetUpstream
          ? await runUnsetUpstream(args[0], context)
          : await runSetUpstream(raw.setUpstreamTo!, args[0], context);
        return reportBranchChange(context, options, change);
      }
      if (args.length === 0 && !options.delete && !options.forceDelete && !options.move) {
        const which = raw.all ? 'all' : raw.remotes ? 'remote' : 'local';
        const list = await runListBranches(context, raw.verbose >= 2 || !!options.json, which);
        return emit(context, options, list, listRenderer(raw.verbose >= 2, which === 'all'));
      }
      reportBranchChange(context, options, await runBranchChange(args, options, context));
    });
  withExamples(command, [
    ['memoir branch', 'list the branches; the current one is marked with *'],
    ['memoir branch agent-2', 'start a branch at the current commit'],
    ['memoir branch experiment main~3', 'start a branch at an older commit'],
    ['memoir branch -d agent-2', 'delete a branch that has been merged'],
    ['memoir branch -m agent-2 research', 'rename a branch'],
    ['memoir branch -vv', 'each branch with the remote branch it follows: [origin/main: ahead 2, behind 1]'],
    ['memoir branch -u origin/main', 'make the current branch follow origin/main'],
  ]);
}
