import type { Command } from 'commander';
import type { RestoreResult } from '../app/restore.js';
import { planRestore } from '../core/restore.js';
import { stageAdds, stageRemove } from '../core/stage.js';
import { leavesUnder, requirePrefix } from '../core/taxonomy.js';
import { UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { reportRestore } from '../output/restore.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';

export interface RestoreOptions {
  source?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** Stages the facts of leaves as they were at an older commit; `memoir commit` records them. */
export async function runRestore(
  prefixes: string[],
  options: RestoreOptions,
  context: Context,
  command: Command,
): Promise<RestoreResult> {
  if (!options.source)
    throw new UsageError('missing-source', 'restore needs --source <rev>: the commit to take the facts from', {
      hint: 'e.g. memoir restore preferences.ui.theme --source HEAD~3',
    });
  const taxonomy = await context.taxonomy(command);
  const paths = prefixes.map((p) => requirePrefix(taxonomy, p));
  const memory = await context.memory(command);
  const commit = await memory.resolve(options.source);
  const run = async (): Promise<RestoreResult> => {
    const head = await memory.head();
    const leaves = [...new Set(paths.flatMap((p) => leavesUnder(taxonomy, p).map((l) => l.path)))];
    const [current, source] = await Promise.all([
      memory.readLeaves(head.oid, leaves),
      memory.readLeaves(commit, leaves),
    ]);
    const plan = planRestore(current, source);
    const removal = stageRemove(memory.readStage(), plan.remove);
    const { stage, outcomes } = stageAdds(
      removal.stage,
      plan.add,
      (p) => taxonomy.leaves.get(p)?.cardinality ?? 'many',
      current,
    );
    if (!options.dryRun) memory.writeStage(stage);
    const added = outcomes.flatMap((o) => (o.kind === 'staged' ? [o.fact] : []));
    return { paths, source: options.source!, commit, added, removed: removal.staged, dryRun: Boolean(options.dryRun) };
  };
  return options.dryRun ? run() : context.locked(command, memory, run);
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('restore')
    .description('Stage the facts of leaves as they were at an older commit (then "memoir commit")')
    .argument('<path...>', 'taxonomy leaves or prefixes to restore')
    .option('-s, --source <rev>', 'the commit to take the facts from (required)')
    .option('-n, --dry-run', 'show what would be staged without writing anything')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the staged changes as JSON')
    .action(async (prefixes: string[], options: RestoreOptions, cmd: Command) => {
      reportRestore(context, options, await runRestore(prefixes, options, context, cmd));
    });
  withExamples(command, [
    ['memoir restore preferences.ui.theme --source HEAD~3', 'bring back the theme preference of three commits ago'],
    [
      'memoir restore preferences --source main@{1} && memoir commit -m "Undo"',
      'restore a category from before the branch last moved',
    ],
  ]);
}
