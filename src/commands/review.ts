import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { withExamples } from '../runtime/examples.js';
import { reviewOnScreen } from '../runtime/reviewScreen.js';
import { reportReview } from '../output/review.js';
import { type ReviewOptions, runReview } from '../app/review.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('review')
    .description('Settle the facts waiting for review: in a terminal, the review screen; in scripts, by flags')
    .option('--accept-all', 'stage every waiting fact at its top suggestion')
    .option('--reject-all', 'drop every waiting fact')
    .option('--accept <id>', 'stage one waiting fact (at its top suggestion, or at --path)')
    .option('-p, --path <leaf>', 'with --accept: the leaf to stage it at (recorded as a correction)')
    .option('--reject <id>', 'drop one waiting fact')
    .option('-c, --commit', 'commit what was staged')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'list the queue (or the result) as JSON; never opens the review screen')
    .action(async (options: ReviewOptions) => {
      const interactive = context.io.canPrompt && !options.json;
      const result = await runReview(options, context, interactive ? reviewOnScreen(context) : undefined);
      reportReview(context, options, result);
    });
  withExamples(command, [
    ['memoir review', 'review the waiting facts in a terminal: accept, pick another leaf, edit, skip'],
    ['memoir review --json', "list the queue with each fact's suggestions"],
    ['memoir review --accept 3fa2c9 --path preferences.ui.font', 'settle one fact at a leaf of your choice'],
    ['memoir review --accept-all --commit', 'take every top suggestion and commit'],
  ]);
}
