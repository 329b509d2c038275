import type { Command } from 'commander';
import { type CloneOptions, runClone } from '../app/clone.js';
import { cloneRenderer } from '../output/transfer.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { parseCount } from '../core/count.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('clone')
    .description("Create <dir>/.memoir from a remote: every branch fetched, the remote's default branch checked out")
    .argument('<url>', 'https://…, ssh://… or user@host:path, or a local path (a bare repository or another .memoir)')
    .argument('[dir]', 'the folder to create .memoir in (default: the current one)')
    .option('-b, --branch <branch>', "check out this branch instead of the remote's default")
    .option('--depth <n>', 'fetch only the last <n> commits of each branch (log and blame stop there)', (v) =>
      parseCount(v, '--depth'),
    )
    .option('--allow-invalid', 'take facts the incoming screen refuses (a credential, an unknown leaf)')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON: {path, url, branch, commit, branches}')
    .action(
      async (url: string, dir: string | undefined, options: CloneOptions & { json?: boolean; quiet?: boolean }) => {
        const result = await runClone(url, dir, options, context);
        if (!options.quiet || options.json) emit(context, options, result, cloneRenderer);
      },
    );
  withExamples(command, [
    ['memoir clone https://github.com/acme/memory.git', 'into .memoir here'],
    ['memoir clone git@github.com:acme/memory.git team-memory', 'over SSH, into team-memory/.memoir'],
    ['memoir clone /mnt/backup/memory.git restored', 'from a backup on a disk'],
  ]);
}
