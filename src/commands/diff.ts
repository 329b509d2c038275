import type { Command } from 'commander';
import type { DiffResult, DiffSide } from '../app/diff.js';
import { applyStage } from '../core/applyStage.js';
import { diffLeaf } from '../core/factDiff.js';
import { leavesUnder, requirePrefix, type Taxonomy } from '../core/taxonomy.js';
import { EXIT, UsageError } from '../errors/index.js';
import type { Memory } from '../store/memory.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { operandsAfterDoubleDash } from '../runtime/operands.js';
import { diffRenderer, loadWordHighlighter } from '../output/diff.js';

export interface DiffOptions {
  stat?: boolean;
  nameOnly?: boolean;
  exitCode?: boolean;
  json?: boolean;
}

/**
 * Splits operands into revisions and path prefixes as git does: everything after `--` is a
 * path; before it, an operand that names no revision but is a taxonomy path starts the paths.
 */
async function splitOperands(
  operands: string[],
  pathCount: number,
  memory: Memory,
  taxonomy: Taxonomy,
): Promise<{ revs: string[]; paths: string[] }> {
  const before = operands.slice(0, operands.length - pathCount);
  const paths = operands.slice(operands.length - pathCount);
  const revs: string[] = [];
  for (const [i, operand] of before.entries()) {
    const isRev =
      operand.includes('..') ||
      (await memory.resolve(operand).then(
        () => true,
        () => false,
      ));
    if (!isRev && leavesUnder(taxonomy, operand.replace(/\/+/g, '.')).length > 0)
      return { revs, paths: [...before.slice(i), ...paths] };
    revs.push(operand);
  }
  return { revs, paths };
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
export async function runDiff(
  operands: string[],
  pathCount: number,
  context: Context,
  command: Command,
): Promise<DiffResult> {
  const taxonomy = await context.taxonomy(command);
  const memory = await context.memory(command);
  const split = await splitOperands(operands, pathCount, memory, taxonomy);
  const paths = split.paths.map((p) => requirePrefix(taxonomy, p));
  const cardinalityOf = (path: string) => taxonomy.leaves.get(path)?.cardinality ?? 'many';
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
      const result = await runDiff(operands, operandsAfterDoubleDash(cmd), context, cmd);
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
