import type { Command } from 'commander';
import { EXIT } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { operandsAfterDoubleDash } from '../runtime/operands.js';
import { diffRenderer, loadWordHighlighter } from '../output/diff.js';
import { type DiffOptions, runDiff } from '../app/diff.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('diff')
    .description('Show changes fact by fact: staged facts against HEAD, a revision against HEAD, or two revisions')
    .argument('[rev-or-path...]', 'zero, one or two revisions (or A..B), then optional path prefixes (after --)')
    .option(
      '--stat',
      'counts of added (+), removed (-), modified (~, edited in place) and superseded (>, replaced by a new fact) facts per leaf',
    )
    .option('--name-only', 'only the leaves that changed')
    .option('--exit-code', 'exit 1 when there are differences, 0 when there are none')
    .option('--json', 'print the changes as JSON: [{path, kind, old, new, id}]')
    .action(async (operands: string[], options: DiffOptions, cmd: Command) => {
      const result = await runDiff(operands, operandsAfterDoubleDash(cmd), context);
      const mode = options.stat ? 'stat' : options.nameOnly ? 'name-only' : 'changes';
      const highlight =
        mode === 'changes' && context.io.stdoutIsTTY && context.io.color && !options.json
          ? await loadWordHighlighter()
          : undefined;
      emit(context, options, result, diffRenderer(mode, highlight));
      if (options.exitCode && result.changes.length > 0) context.fail(EXIT.failure);
    });
  withExamples(command, [
    ['memoir diff', 'what the next commit would change'],
    ['memoir diff HEAD~3', 'what changed since three commits ago'],
    ['memoir diff main~10..main -- preferences', 'changes to preferences between two commits'],
    ['memoir diff HEAD~1 HEAD --stat', 'counts per leaf'],
    ['memoir diff HEAD~5 --json', 'the changes as JSON, for scripts'],
    ['memoir diff --exit-code --name-only', 'fail (exit 1) when anything is staged'],
  ]);
}
