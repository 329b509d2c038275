import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP, sayFor } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { json } from '../output/format.js';
import { runInit } from '../app/init.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('init')
    .description('Create a memory repository (.memoir/, a git repository) in the current directory')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean; quiet?: boolean }) => {
      const result = await runInit(context);
      const say = sayFor(context, options);
      if (options.json) context.io.out(json(result));
      else if (result.created) say.result(`Initialized empty memoir repository in ${result.path}`);
      else say.status(`memoir: ${result.path} is already a memoir repository; nothing changed`);
    });
  withExamples(command, [
    ['memoir init', 'create .memoir/ here'],
    ['memoir --memoir-dir ~/memory init', 'create a repository at a chosen place (then set MEMOIR_DIR=~/memory)'],
  ]);
}
