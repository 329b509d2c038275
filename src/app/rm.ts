import { commitChanges } from './commitChanges.js';
import { refuseDetachedWrite, requestedBranch, writeTarget } from './target.js';
import type { Deps } from './deps.js';
import type { Fact } from '../core/fact.js';
import { isFactIdPrefix } from '../core/fact.js';
import { stageRemove } from '../core/stage.js';
import { requireLeaf, type Taxonomy } from '../core/taxonomy.js';
import { UsageError } from '../errors/index.js';
import type { Memory } from '../store/memory.js';

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

export async function runRm(targets: string[], options: { dryRun?: boolean }, context: Deps): Promise<RmResult> {
  const memory = await context.memory();
  const run = async () => {
    const facts = await resolveTargets(memory, await context.taxonomy(), targets);
    const { stage, staged, already } = stageRemove(memory.readStage(), facts);
    if (!options.dryRun) memory.writeStage(stage);
    return { staged, already, dryRun: Boolean(options.dryRun) };
  };
  return options.dryRun ? run() : context.locked(memory, run);
}

/**
 * A one-step removal (MCP's memoir_remove): the facts a target names (a fact id or a leaf) are
 * found and their removal committed under the lock, to the branch as it is then; the stage is
 * neither read nor written.
 */
export async function runRemoveNow(
  target: string,
  message: string,
  context: Deps,
): Promise<{ removed: Fact[]; commit?: string }> {
  requestedBranch(undefined, context.env); // a bad MEMOIR_BRANCH fails before the lock
  const memory = await context.memory();
  const taxonomy = await context.taxonomy();
  return context.locked(
    memory,
    async () => {
      await refuseDetachedWrite(memory, undefined, context.env);
      const head = await writeTarget(memory, undefined, context.env);
      const removed = await resolveTargets(memory, taxonomy, [target], head.oid);
      const ops = removed.map((fact) => ({ op: 'remove' as const, fact }));
      const { commit } = await commitChanges(memory, head, ops, [], { message }, context);
      return { removed, commit };
    },
    { oneStep: true },
  );
}
