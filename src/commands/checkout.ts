import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { reportCheckout } from '../output/checkout.js';
import { type CheckoutOptions, runCheckout } from '../app/checkout.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('checkout')
    .description(
      'Switch to a branch, or look at a past commit (detached HEAD); staged facts come along where they still apply',
    )
    .argument(
      '[branch-or-rev]',
      'the branch to switch to, or a commit to detach at (with -b: where the new branch starts)',
    )
    .option('-b <new-branch>', 'create this branch (at the current commit, or at <branch-or-rev>) and switch to it')
    .option('-f, --force', 'switch even when staged changes would not apply there: they are discarded')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (target: string | undefined, options: CheckoutOptions) => {
      reportCheckout(context, options, await runCheckout(target, options, context));
    });
  withExamples(command, [
    ['memoir checkout agent-2', 'switch to the branch agent-2'],
    ['memoir checkout -b experiment', 'start a branch here and switch to it'],
    [
      'memoir checkout HEAD~3',
      'look at memory as it was three commits ago (detached); commits made there belong to no branch until "memoir branch <name>"',
    ],
    ['memoir checkout main --force', 'switch, dropping staged changes that would not apply'],
  ]);
}
