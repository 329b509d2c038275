import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { blameRenderer } from '../output/blame.js';
import { runBlame } from '../app/blame.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('blame')
    .description('Show, for each current fact under a path, the commit, author and classifier that put it there')
    .argument('<path>', 'taxonomy leaf or prefix, e.g. preferences.ui.theme or preferences')
    .option('--at <rev>', 'blame the facts as they were at this commit')
    .option('--json', 'print the attributions as JSON: [{id, path, text, commit, author, date, ...provenance}]')
    .action(async (prefix: string, options: { at?: string; json?: boolean }) => {
      const result = await runBlame(prefix, options, context);
      if (result.attributions.length === 0 && !options.json)
        context.io.err(`memoir: no facts under ${result.prefix}\n`);
      emit(context, options, result, blameRenderer);
    });
  withExamples(command, [
    ['memoir blame preferences.ui.theme', 'who and what put the theme preference there'],
    ['memoir blame workflow --json', 'every workflow fact with its commit and provenance'],
    ['memoir blame preferences --at HEAD~10', 'as it was ten commits ago'],
  ]);
}
