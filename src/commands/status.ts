import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { statusRenderer } from '../output/status.js';
import { runStatus } from '../app/status.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('status')
    .description(
      'Show the current branch and how far it is from its upstream, the staged facts with what each will supersede, and a merge in progress with its conflicts',
    )
    .option('--json', 'print the status as JSON')
    .action(async (options: { json?: boolean }) => {
      emit(context, options, await runStatus(context), statusRenderer);
    });
  withExamples(command, [
    ['memoir status', 'what is staged and where'],
    ['memoir status --json | jq ".staged[].text"', 'the staged texts, for a script'],
    ['memoir status --json | jq ".upstream.behind"', 'how many commits the upstream has that the branch lacks'],
  ]);
}
