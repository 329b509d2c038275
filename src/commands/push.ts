import type { Command } from 'commander';
import { type PushOptions, runPush } from '../app/push.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { pushRenderer } from '../output/transfer.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('push')
    .description(
      "Send a branch's new commits to a remote; a push that would drop the remote's commits is refused before it leaves",
    )
    .argument('[remote]', "the remote (default: the branch's upstream's, else origin)")
    .argument('[branch]', 'the branch to push (default: the current one)')
    .option('--all', 'push every local branch')
    .option('-u, --set-upstream', 'record the remote branch as the upstream of each branch pushed')
    .option(
      '--force-with-lease',
      'overwrite the remote branch, only if it is still where memoir last fetched it (refused if someone pushed since)',
    )
    .option('-d, --delete', 'delete the named branch on the remote')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option(
      '--json',
      'print what moved as JSON: {remote, url, branches: [{branch, remoteBranch, kind, old, new}], upstreamSet}',
    )
    .action(
      async (
        remote: string | undefined,
        branch: string | undefined,
        options: PushOptions & { json?: boolean; quiet?: boolean },
      ) => {
        const result = await runPush(remote, branch, options, context);
        if (!options.quiet || options.json) emit(context, options, result, pushRenderer);
      },
    );
  withExamples(command, [
    ['memoir push -u origin main', 'the first push of main, recording origin/main as its upstream'],
    ['memoir push', 'the current branch to its upstream'],
    ['memoir push --force-with-lease', 'publish a rewritten branch, unless someone pushed since your last fetch'],
    ['memoir push origin --delete agent-2', 'delete a branch on the remote'],
  ]);
}
