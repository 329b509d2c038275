import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { showRenderer } from '../output/show.js';
import { runShow } from '../app/show.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('show')
    .description(
      'Show a commit: its author, date and message, and the facts it added, removed, modified and superseded',
    )
    .argument('[rev]', 'commit id, branch, HEAD or HEAD~N', 'HEAD')
    .option('--json', 'print the commit as JSON')
    .action(async (rev: string, options: { json?: boolean }) => {
      emit(context, options, await runShow(rev, context), showRenderer);
    });
  withExamples(command, [
    ['memoir show', 'the latest commit'],
    ['memoir show HEAD~2 --json', 'an older commit as JSON'],
    [
      'memoir show | grep ^message | cut -f2-',
      'in a pipe: one tab-separated record a line (commit, parent, author, date, message, then each change); the message alone',
    ],
  ]);
}
