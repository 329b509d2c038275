import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { reportConsolidate } from '../output/consolidate.js';
import { runConsolidate, type ConsolidateOptions } from '../app/consolidate.js';
import { consolidateOnScreen } from '../runtime/consolidateScreen.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('consolidate')
    .description(
      'Find the repairs memory needs (duplicates, facts filed at the wrong leaf, ended facts, contradictions, stale values) and make those decided',
    )
    .option('--path <prefix>', 'only facts under this taxonomy prefix')
    .option(
      '-y, --yes',
      'without review: apply only what a rule settles (the same text twice, a validity that ended); list the rest',
    )
    .option('-n, --dry-run', 'list every proposal, changing nothing')
    .option('--all', 'propose again what a person rejected before')
    .option(
      '--no-model',
      'the offline rules and classifier only, even when a model is configured (classifier.provider: openai): nothing is sent',
    )
    .option('-b, --branch <name>', 'commit the repairs to this branch without switching to it (created if missing)')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the proposals and what was applied as JSON');
  command.action(async (options: ConsolidateOptions & { quiet?: boolean }) => {
    const screen = context.io.canPrompt && !options.yes && !options.dryRun ? consolidateOnScreen(context) : undefined;
    reportConsolidate(context, options, await runConsolidate(options, context, screen));
  });
  withExamples(command, [
    ['memoir consolidate', 'decide each proposal in a terminal: accept, reject, edit, or leave for later'],
    ['memoir consolidate --dry-run --json', 'every proposal, with its facts, changing nothing'],
    ['memoir consolidate --yes', 'in a script: merge facts said twice word for word, retire ended ones'],
    ['memoir consolidate --path workflow --dry-run', 'only under workflow'],
    ['memoir consolidate --no-model --dry-run', 'the offline rules only, with a model configured: nothing sent'],
    ['memoir log --consolidation', 'the repairs made so far'],
  ]);
}
