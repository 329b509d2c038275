import type { Command } from 'commander';
import { type FetchOptions, runFetch } from '../app/fetch.js';
import { fetchRenderer } from '../output/transfer.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('fetch')
    .description("Bring a remote's branches into refs/remotes/<remote>/*, and nothing else: no branch of yours moves")
    .argument('[remote]', "the remote (default: the current branch's upstream's, else origin)")
    .option('--all', 'fetch every remote')
    .option('-p, --prune', 'remove the tracking refs of branches the remote no longer has')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print what moved as JSON: {remotes: [{name, url, updates: [{branch, ref, kind, old, new}]}]}')
    .action(async (remote: string | undefined, options: FetchOptions & { json?: boolean; quiet?: boolean }) => {
      const result = await runFetch(remote, options, context);
      if (!options.quiet || options.json) emit(context, options, result, fetchRenderer);
    });
  withExamples(command, [
    ['memoir fetch', "update origin's branches (or the upstream's remote)"],
    ['memoir fetch --all --prune', 'every remote, dropping branches deleted there'],
    ['memoir fetch origin && memoir log origin/main -n 5', 'look before you merge'],
  ]);
}
