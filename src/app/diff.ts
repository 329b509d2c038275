import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import type { FactChange } from '../core/factDiff.js';
import { applyStage } from '../core/applyStage.js';
import { diffLeaf } from '../core/factDiff.js';
import { requirePrefix } from '../core/taxonomy.js';
import { splitOperands } from './operands.js';
import { UsageError } from '../errors/index.js';
import type { Memory } from '../store/memory.js';

/** One side of a comparison: a commit, the stage applied to HEAD, or nothing (an unborn branch). */
export interface DiffSide {
  label: string;
  commit?: string;
}

/** What `memoir diff` compared and found: the result its renderers read. */
export interface DiffResult {
  from: DiffSide;
  to: DiffSide;
  paths: string[];
  changes: FactChange[];
}

export interface DiffOptions {
  stat?: boolean;
  nameOnly?: boolean;
  exitCode?: boolean;
  json?: boolean;
}

/** The two sides a diff compares, from zero, one or two revisions (or `a..b`). */
async function sides(revs: string[], memory: Memory): Promise<{ from: DiffSide; to: DiffSide | 'stage' }> {
  const side = async (rev: string): Promise<DiffSide> => ({ label: rev, commit: await memory.resolve(rev) });
  const head = async (): Promise<DiffSide> => ({ label: 'HEAD', commit: (await memory.head()).oid });
  if (revs.length === 0) return { from: await head(), to: 'stage' };
  if (revs.length === 1 && revs[0].includes('...'))
    throw new UsageError('unsupported-range', `"${revs[0]}": three-dot ranges are not supported`, {
      hint: 'compare two commits with "memoir diff A B" or "A..B"',
    });
  if (revs.length === 1 && revs[0].includes('..')) {
    const [a, b] = revs[0].split('..');
    return { from: await side(a || 'HEAD'), to: await side(b || 'HEAD') };
  }
  if (revs.length === 1) return { from: await side(revs[0]), to: await head() };
  if (revs.length === 2) return { from: await side(revs[0]), to: await side(revs[1]) };
  throw new UsageError(
    'too-many-revisions',
    `diff compares at most two revisions, got ${revs.length}: ${revs.join(' ')}`,
    { hint: 'put path prefixes after --: memoir diff A B -- preferences' },
  );
}

/**
 * Fact-level differences: staged facts against HEAD, a revision against HEAD, or two
 * revisions. Reads only the subtrees whose object ids differ.
 */
export async function runDiff(operands: string[], pathCount: number, context: Deps): Promise<DiffResult> {
  const taxonomy = await context.leafIndex();
  const memory = await context.memory();
  const split = await splitOperands(operands, pathCount, memory, taxonomy);
  const paths = split.paths.map((p) => requirePrefix(taxonomy, p));
  const cardinalityOf = cardinalityIn(taxonomy);
  const { from, to } = await sides(split.revs, memory);
  if (to !== 'stage')
    return { from, to, paths, changes: await memory.diff(from.commit, to.commit, cardinalityOf, paths) };

  const ops = memory
    .readStage()
    .ops.filter((o) => paths.length === 0 || paths.some((p) => o.fact.path === p || o.fact.path.startsWith(p + '.')));
  const current = await memory.readLeaves(
    from.commit,
    ops.map((o) => o.fact.path),
  );
  const effect = applyStage(ops, current, cardinalityOf);
  const changes = [...effect.leaves.keys()]
    .sort()
    .flatMap((leaf) => diffLeaf(leaf, current.get(leaf) ?? [], effect.leaves.get(leaf)!, cardinalityOf(leaf)));
  return { from, to: { label: 'staged' }, paths, changes };
}
