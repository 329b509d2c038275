import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { reflogRenderer } from '../output/reflog.js';
import { runReflog } from '../app/reflog.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('reflog')
    .description(
      'List where a branch has pointed, newest first, so that any earlier tip can be named (main@{N}) and restored',
    )
    .argument('[branch]', 'the branch or ref (default: the current branch)')
    .option('-n, --max-count <n>', 'show at most n entries')
    .option('--json', 'print the entries as JSON')
    .action(async (ref: string | undefined, options: { maxCount?: string; json?: boolean }) => {
      emit(context, options, await runReflog(ref, options, context), reflogRenderer);
    });
  withExamples(command, [
    ['memoir reflog', 'every move of the current branch'],
    ['memoir reset --hard main@{1} --force', 'go back to where main was before its last move'],
  ]);
}
