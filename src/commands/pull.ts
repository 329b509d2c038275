import type { Command } from 'commander';
import { mergeExitCode } from '../app/merge.js';
import { type PullOptions, runPull } from '../app/pull.js';
import { reportMerge } from '../output/merge.js';
import { QUIET_FLAGS, QUIET_HELP, sayFor } from '../output/say.js';
import { fetchLines } from '../output/transfer.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { settleOnScreen } from '../runtime/settleConflicts.js';
import { escapeData } from '../output/escape.js';

type PullFlags = PullOptions & { json?: boolean; quiet?: boolean };

export function register(program: Command, context: Context): void {
  const command = program
    .command('pull')
    .description(
      'Fetch, then merge the remote branch into the current one fact by fact; what comes in is screened before any ref moves',
    )
    .argument('[remote]', "the remote (default: the branch's upstream's)")
    .argument('[branch]', "the remote's branch (default: the upstream's)")
    .option('--ff-only', 'refuse unless the merge is a fast-forward')
    .option('--no-ff', 'make a merge commit even when a fast-forward is possible')
    .option('-m, --message <msg>', 'message of the merge commit')
    .option(
      '-s, --strategy <strategy>',
      'settle every conflict: ours, theirs, union or fail (exit 3, nothing recorded)',
    )
    .option(
      '--allow-invalid',
      'take facts the incoming screen refuses (a credential, an unknown leaf); they are listed',
    )
    .option('--allow-unrelated-histories', 'merge a history that shares no commit with the branch')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the fetch and the merge as JSON')
    .action(async (remote: string | undefined, branch: string | undefined, options: PullFlags) => {
      const result = await runPull(remote, branch, options, context);
      // what the fetch moved is status, as git prints it: the merge is the result
      const fetched = { remotes: [{ name: result.remote, url: result.url, updates: result.fetched }] };
      const lines = fetchLines(escapeData(fetched), context.palette('err')).join('');
      if (lines && !options.json) sayFor(context, options).status(lines);
      const merge = await settleOnScreen(result.merge, options, context);
      reportMerge(context, options, { outcome: merge });
      context.fail(mergeExitCode(merge));
    });
  withExamples(command, [
    ['memoir pull', "the upstream's new commits, merged fact by fact"],
    ['memoir pull origin main --ff-only', 'only if no merge commit is needed'],
    [
      'memoir pull --no-input; memoir resolve <id> --theirs; memoir merge --continue',
      'settle conflicts in a script (exit 3)',
    ],
  ]);
}
