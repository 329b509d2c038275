import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { remotesRenderer, reportRemoteChange } from '../output/remote.js';
import {
  type RemoteChange,
  runListRemotes,
  runRemoteAdd,
  runRemoteRemove,
  runRemoteRename,
  runRemoteSetUrl,
} from '../app/remote.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('remote')
    .description('List, add, remove, rename the repositories this memory is shared with, or change their URLs')
    .option('-v, --verbose', 'show each remote\'s URL, as "name<TAB>url (fetch)" and "(push)" lines')
    .option('--json', 'print the remotes, or the change, as JSON')
    .action(async (options: { verbose?: boolean; json?: boolean }) => {
      emit(context, options, { remotes: await runListRemotes(context), verbose: !!options.verbose }, remotesRenderer);
    });
  // a subcommand's --json and -q may stand before or after its name: read them with the globals
  const report = (change: RemoteChange) =>
    reportRemoteChange(context, context.globals as { json?: boolean; quiet?: boolean }, change);
  const sub = (name: string, description: string) =>
    command
      .command(name)
      .description(description)
      .option(QUIET_FLAGS, QUIET_HELP)
      .option('--json', 'print the change as JSON');
  sub(
    'add',
    "Add a remote: a name and the URL of a git repository (https, ssh, or a local path). A URL with a password or token is refused: credentials come from git's credential helper or MEMOIR_REMOTE_TOKEN",
  )
    .argument('<name>', 'the name to refer to it by, e.g. origin')
    .argument('<url>', 'https://host/path, ssh://host/path or git@host:path, a local path or file:///path')
    .action(async (name: string, url: string) => report(await runRemoteAdd(name, url, context)));
  sub('remove', 'Remove a remote, its remote-tracking branches, and the upstream of the branches that followed it')
    .alias('rm')
    .argument('<remote>', 'the remote to remove')
    .action(async (name: string) => report(await runRemoteRemove(name, context)));
  sub('set-url', "Change a remote's URL")
    .argument('<remote>', 'the remote')
    .argument('<url>', 'its new URL')
    .action(async (name: string, url: string) => report(await runRemoteSetUrl(name, url, context)));
  sub('rename', 'Rename a remote, its remote-tracking branches and the upstream settings that name it')
    .argument('<remote>', 'the remote to rename')
    .argument('<new>', 'its new name')
    .action(async (from: string, to: string) => report(await runRemoteRename(from, to, context)));
  withExamples(command, [
    ['memoir remote -v', 'the remotes and their URLs'],
    ['memoir remote add origin https://github.com/acme/memories.git', 'share through a git host'],
    ['memoir remote add backup /mnt/disk/memories.git', 'a bare repository on a mounted disk'],
    ['memoir remote set-url origin git@github.com:acme/memories.git', 'switch to SSH'],
    ['memoir remote rename origin upstream', 'rename it, with its remote-tracking branches'],
    ['memoir remote remove backup', 'forget it'],
  ]);
}
