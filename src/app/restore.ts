import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import type { Fact } from '../core/fact.js';
import { planRestore } from '../core/restore.js';
import { stageAdds, stageRemove } from '../core/stage.js';
import { leavesUnder, requirePrefix } from '../core/taxonomy.js';
import { UsageError } from '../errors/index.js';

/** What `memoir restore` staged (or would, with --dry-run): the result its renderers read. */
export interface RestoreResult {
  paths: string[];
  source: string;
  commit: string;
  added: Fact[];
  removed: Fact[];
  dryRun: boolean;
}

export interface RestoreOptions {
  source?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** Stages the facts of leaves as they were at an older commit; `memoir commit` records them. */
export async function runRestore(prefixes: string[], options: RestoreOptions, context: Deps): Promise<RestoreResult> {
  if (!options.source)
    throw new UsageError('missing-source', 'restore needs --source <rev>: the commit to take the facts from', {
      hint: 'e.g. memoir restore preferences.ui.theme --source HEAD~3',
    });
  const taxonomy = await context.taxonomy();
  const paths = prefixes.map((p) => requirePrefix(taxonomy, p));
  const memory = await context.memory();
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
    const { stage, outcomes } = stageAdds(removal.stage, plan.add, cardinalityIn(taxonomy), current);
    if (!options.dryRun) memory.writeStage(stage);
    const added = outcomes.flatMap((o) => (o.kind === 'staged' ? [o.fact] : []));
    return { paths, source: options.source!, commit, added, removed: removal.staged, dryRun: Boolean(options.dryRun) };
  };
  return options.dryRun ? run() : context.locked(memory, run);
}
