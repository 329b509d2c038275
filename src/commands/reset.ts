import type { Command } from 'commander';
import { UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP, sayFor } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { withPolicyOverride } from '../runtime/policyOptions.js';
import { factJson } from '../output/facts.js';
import { json, plural } from '../output/format.js';
import { reportHardReset } from '../output/reset.js';
import { type ResetOptions, runHardReset, runReset } from '../app/reset.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('reset')
    .description('Unstage facts (one by id, or everything), or with --hard move the current branch to another commit')
    .argument('[target]', 'the staged fact to unstage (all when omitted); with --hard, the commit to move to')
    .option('--hard', 'move the current branch to <target> and discard the stage (needs --force)')
    .option('-f, --force', 'with --hard: really move the branch')
    .option('-n, --dry-run', 'with --hard: show what would happen without writing anything')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON');
  withPolicyOverride(command).action(async (target: string | undefined, options: ResetOptions) => {
    if (options.hard) {
      reportHardReset(context, options, await runHardReset(target, options, context));
      return;
    }
    if (options.force || options.dryRun)
      throw new UsageError('needs-hard', `${options.force ? '--force' : '--dry-run'} applies only with --hard`, {
        hint: 'memoir reset --hard <rev> --force moves the branch; memoir reset [fact-id] unstages',
      });
    const removed = await runReset(target, context);
    if (options.json) context.io.out(json({ unstaged: removed.map((o) => ({ op: o.op, ...factJson(o.fact) })) }));
    else if (removed.length === 0) sayFor(context, options).status('nothing was staged');
    else sayFor(context, options).result(`unstaged ${plural(removed.length, 'change')}`);
  });
  withExamples(command, [
    ['memoir reset', 'unstage everything'],
    ['memoir reset 3fa2c91b', 'unstage one fact'],
    ['memoir reset --hard HEAD~2 --force', 'drop the last two commits from the branch (they stay in the reflog)'],
    ['memoir reset --hard main@{1} --force', 'undo the last move of main'],
  ]);
}
