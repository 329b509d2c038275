import * as path from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { json } from '../output/format.js';
import { QUIET_FLAGS, QUIET_HELP, sayFor } from '../output/say.js';

export interface InitResult {
  path: string;
  created: boolean;
}

/** Creates `.memoir/` (or the --memoir-dir directory): an owner-only bare git repository on `main`, plus memoir's state. */
export async function runInit(context: Context, command: Command): Promise<InitResult> {
  const [{ givenRepository, STORE_DIR }, { createRepository }] = await Promise.all([
    import('../store/repository.js'),
    import('../store/init.js'),
  ]);
  const override = context.globals(command).memoirDir ?? (context.env.MEMOIR_DIR || undefined);
  const dir = path.resolve(context.cwd, override ?? STORE_DIR);
  // --memoir-dir naming the project folder of an existing store: that store, never a second one inside the folder
  const existing = givenRepository(dir);
  if (existing) return { path: existing, created: false };
  await createRepository(dir);
  return { path: dir, created: true };
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('init')
    .description('Create a memory repository (.memoir/, a git repository) in the current directory')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean; quiet?: boolean }, cmd: Command) => {
      const result = await runInit(context, cmd);
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
