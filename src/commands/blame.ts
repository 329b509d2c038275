import type { Command } from 'commander';
import { requirePrefix } from '../core/taxonomy.js';
import { UsageError } from '../errors/index.js';
import { blameFacts, type Attribution } from '../store/history.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { blameRenderer } from '../output/blame.js';

export interface BlameResult {
  prefix: string;
  commit?: string;
  attributions: Attribution[];
}

/** Each current fact under a path with the commit that introduced it and its provenance. */
export async function runBlame(prefix: string, options: { at?: string }, context: Context): Promise<BlameResult> {
  const path = requirePrefix(await context.taxonomy(), prefix);
  const memory = await context.memory();
  const commit = options.at !== undefined ? await memory.resolve(options.at) : (await memory.head()).oid;
  if (!commit)
    throw new UsageError('no-commits', 'there are no commits yet', {
      hint: 'commit facts with "memoir add <fact> --path <leaf> --commit"',
    });
  return { prefix: path, commit, attributions: await blameFacts(memory, commit, path) };
}

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
