import type { Command } from 'commander';
import { recordedAtOf } from '../core/fact.js';
import type { Context } from '../runtime/context.js';
import { emit, notice } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { plural, shortOid } from '../output/format.js';
import { getRenderer } from '../output/get.js';
import type { GetResult } from '../app/get.js';
import { type GetOptions, runGet } from '../app/get.js';

/** Says on stderr which commit and which moment a read of the past used. */
export function describePoint(context: Context, result: Pick<GetResult, 'point' | 'validAt' | 'hidden'>): void {
  const { point, validAt, hidden } = result;
  if (point?.asOf) {
    const when = recordedAtOf(point.asOf);
    notice(
      context,
      point.commit
        ? `as of ${when}: known then from commit ${shortOid(point.commit)}`
        : `as of ${when}: before the first commit, nothing was known`,
    );
  }
  if (validAt && hidden?.length)
    notice(
      context,
      `true at ${recordedAtOf(validAt)}: ${plural(hidden.length, 'fact')} hidden, not valid then (see --at to read them)`,
    );
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('get')
    .description('Print the facts at a taxonomy leaf, with their ids and provenance: now, at a commit, or as of a date')
    .argument('<leaf>', 'taxonomy leaf, e.g. preferences.ui.theme')
    .option('--at <rev>', 'the facts as they were at a commit (id, branch, HEAD~N)')
    .option(
      '--as-of <date>',
      'what was known and true at a moment: the last commit at or before it, facts valid then (ISO 8601, "2 weeks ago", "yesterday")',
    )
    .option('--valid-at <date>', 'only the facts true at a moment by their validity interval')
    .option('--json', 'print the facts as JSON')
    .action(async (leafPath: string, options: GetOptions) => {
      const result = await runGet(leafPath, options, context);
      // under --json stderr is kept for errors alone; [] says it
      if (!options.json) {
        describePoint(context, result);
        if (result.facts.length === 0) context.io.err(`memoir: no facts at ${result.leaf.path}\n`);
      }
      emit(context, options, result, getRenderer);
    });
  withExamples(command, [
    ['memoir get preferences.ui.theme', 'the current theme preference'],
    ['memoir get relationships.pets.animals --json', 'every fact about pets, with metadata'],
    ['memoir get work.employment.employer --as-of "1 year ago"', 'what was known and true a year ago'],
    ['memoir get preferences.ui.theme --at HEAD~5', 'as it was five commits ago'],
  ]);
}
