import { leavesUnder, requirePrefix, suggestLeaves, type LeafIndex } from '../core/taxonomy.js';
import { UsageError } from '../errors/index.js';
import { ROOT_FILES } from '../core/leafFile.js';
import type { Memory } from '../store/memory.js';

/** A command's operands, sorted: the revisions (or ranges) first, then the path prefixes. */
export interface Operands {
  revs: string[];
  paths: string[];
}

/**
 * Splits operands into revisions and path prefixes as git does: everything after `--` is a
 * path; before it, an operand that names no revision but is a taxonomy path starts the paths.
 * An operand that is neither is refused here, by what it looks like: a dotted name
 * (`preferences.ui.them`) as a mistyped path, with the taxonomy's "did you mean"; a bare word as
 * either; anything else (`origin/mian`, `HEAD~99`) with the reason the revision names no commit.
 */
export async function splitOperands(
  operands: string[],
  pathCount: number,
  memory: Memory,
  taxonomy: LeafIndex,
): Promise<Operands> {
  const before = operands.slice(0, operands.length - pathCount);
  const paths = operands.slice(operands.length - pathCount);
  const revs: string[] = [];
  for (const [i, operand] of before.entries()) {
    const unresolved = operand.includes('..')
      ? undefined
      : await memory.resolve(operand).then(
          () => undefined,
          (error: unknown) => error,
        );
    if (unresolved !== undefined) {
      if (ROOT_FILES.has(operand) || leavesUnder(taxonomy, operand.replace(/\/+/g, '.')).length > 0)
        return { revs, paths: [...before.slice(i), ...paths] };
      if (/^[\w-]+(\.[\w-]+)+$/.test(operand)) requirePrefix(taxonomy, operand);
      if (/^[\w-]+$/.test(operand)) throw neither(taxonomy, operand);
      throw unresolved;
    }
    revs.push(operand);
  }
  return { revs, paths };
}

function neither(taxonomy: LeafIndex, operand: string): UsageError {
  const suggestions = suggestLeaves(taxonomy, operand);
  return new UsageError('unknown-revision-or-path', `unknown revision or path "${operand}"`, {
    hint: `name a branch ("memoir branch -a" lists them), a commit, HEAD~N or a range A..B; or a taxonomy path: did you mean ${suggestions.join(', ')}?`,
    data: { operand, suggestions },
  });
}
