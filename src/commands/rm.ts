import type { Command } from 'commander';
import type { Fact } from '../core/fact.js';
import { isFactIdPrefix } from '../core/fact.js';
import { stageRemove } from '../core/stage.js';
import { requireLeaf, type Taxonomy } from '../core/taxonomy.js';
import { UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import type { Memory } from '../store/memory.js';
import { withExamples } from '../runtime/examples.js';
import { reportRemoval } from '../output/rm.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';

export interface RmResult {
  staged: Fact[];
  already: Fact[];
  dryRun: boolean;
}

/** The committed facts a target names: a fact id (or 4+ leading digits of one) or a whole leaf; on HEAD unless `at` names a commit. */
export async function resolveTargets(
  memory: Memory,
  taxonomy: Taxonomy,
  targets: string[],
  at?: string,
): Promise<Fact[]> {
  const head = at === undefined ? await memory.head() : { oid: at };
  const facts: Fact[] = [];
  let all: Fact[] | undefined;
  for (const target of targets) {
    if (isFactIdPrefix(target)) {
      all ??= await memory.readAll(head.oid);
      const matches = all.filter((f) => f.id.startsWith(target));
      // one id at several leaves (a line copied to another file): fsck --fix gives the later copy its own
      if (matches.length > 1 && matches.every((f) => f.id === matches[0].id))
        throw new UsageError(
          'duplicate-id',
          `fact id ${matches[0].id} is held at ${matches.length} leaves: ${matches.map((f) => f.path).join(', ')}`,
          { hint: 'run "memoir fsck --fix" to give each copy an id of its own, then remove it by that id' },
        );
      if (matches.length > 1)
        throw new UsageError(
          'ambiguous-id',
          `fact id "${target}" is ambiguous: ${matches.map((f) => f.id).join(', ')}`,
          { hint: 'give more digits' },
        );
      if (matches.length === 1) {
        facts.push(matches[0]);
        continue;
      }
      if (memory.readStage().ops.some((o) => o.op === 'add' && o.fact.id.startsWith(target))) {
        throw new UsageError('staged-fact', `fact ${target} is staged, not committed`, {
          hint: `unstage it with "memoir reset ${target}"`,
        });
      }
      throw new UsageError('unknown-fact', `no fact with id ${target} on the current branch`, {
        hint: '"memoir get <leaf>" shows the ids of a leaf\'s facts',
      });
    }
    requireLeaf(taxonomy, target);
    const atLeaf = await memory.readLeaf(head.oid, target);
    if (atLeaf.length === 0)
      throw new UsageError('empty-leaf', `there are no facts at ${target}`, {
        hint: '"memoir ls" lists the leaves that hold facts',
      });
    facts.push(...atLeaf);
  }
  return facts;
}

export async function runRm(
  targets: string[],
  options: { dryRun?: boolean },
  context: Context,
  command: Command,
): Promise<RmResult> {
  const memory = await context.memory(command);
  const run = async () => {
    const facts = await resolveTargets(memory, await context.taxonomy(command), targets);
    const { stage, staged, already } = stageRemove(memory.readStage(), facts);
    if (!options.dryRun) memory.writeStage(stage);
    return { staged, already, dryRun: Boolean(options.dryRun) };
  };
  return options.dryRun ? run() : context.locked(command, memory, run);
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('rm')
    .description('Stage the removal of facts (by id) or of every fact at a leaf')
    .argument('<target...>', 'fact id (4+ leading digits) or taxonomy leaf')
    .option('-n, --dry-run', 'show what would be staged for removal without writing anything')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (targets: string[], options: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      reportRemoval(context, options, await runRm(targets, options, context, cmd));
    });
  withExamples(command, [
    ['memoir rm 3fa2c91b', 'stage the removal of one fact'],
    ['memoir rm preferences.ui.theme && memoir commit', 'forget everything at a leaf'],
  ]);
}
