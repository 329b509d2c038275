import { normalizeFactText, type Fact } from './fact.js';
import type { FactChange } from './factDiff.js';
import type { Cardinality } from './taxonomy.js';

/** How to settle a fact that later commits changed: keep it as it is now, or undo anyway. */
export type RevertStrategy = 'ours' | 'theirs';

/** A change the revert cannot undo cleanly because the fact moved on since. */
export interface RevertConflict {
  /** The change being undone, as the reverted commit made it. */
  change: FactChange;
  /** The fact as the branch has it now (absent: removed since). */
  current?: Fact;
  reason: 'edited-since' | 'removed-since' | 'value-changed-since';
}

export interface RevertPlan {
  /** New contents of every leaf the revert changes. */
  leaves: Map<string, Fact[]>;
  /** Conflicts: unsettled without a strategy, else settled by it. */
  conflicts: RevertConflict[];
}

/**
 * The inverse of a commit's fact changes, applied to the branch as it is now. A change whose
 * facts later commits left alone is undone; one they already undid is skipped; one they
 * changed (edited, removed, or gave a `one` leaf another value) is a conflict, settled by
 * `strategy` when given: `ours` keeps the branch's version, `theirs` undoes anyway.
 */
export function planRevert(
  changes: readonly FactChange[],
  head: ReadonlyMap<string, readonly Fact[]>,
  cardinalityOf: (path: string) => Cardinality,
  strategy?: RevertStrategy,
): RevertPlan {
  const leaves = new Map<string, Fact[]>();
  const conflicts: RevertConflict[] = [];
  const leafOf = (path: string): Fact[] => leaves.get(path) ?? leaves.set(path, [...(head.get(path) ?? [])]).get(path)!;

  for (const change of changes) {
    const facts = leafOf(change.path);
    const one = cardinalityOf(change.path) === 'one';
    const at = (id: string) => facts.findIndex((f) => f.id === id);
    // puts the old fact back: alone in a `one` leaf, beside the others (once) in a `many` leaf
    const restore = (old: Fact) => {
      if (one) facts.splice(0, facts.length, old);
      else if (!facts.some((f) => normalizeFactText(f.text) === normalizeFactText(old.text))) facts.push(old);
    };
    const conflict = (reason: RevertConflict['reason'], current: Fact | undefined, undo: () => void) => {
      conflicts.push({ change, current, reason });
      if (strategy === 'theirs') undo();
    };

    const { old, new: now } = change;
    if (change.kind === 'added') {
      const i = at(now!.id);
      if (i === -1) continue;
      if (facts[i].text === now!.text) facts.splice(i, 1);
      else conflict('edited-since', facts[i], () => facts.splice(i, 1));
    } else if (change.kind === 'removed') {
      if (at(old!.id) !== -1) continue;
      if (one && facts.length > 0) conflict('value-changed-since', facts.at(-1), () => restore(old!));
      else restore(old!);
    } else if (old!.id === now!.id) {
      const i = at(now!.id);
      if (i === -1) conflict('removed-since', undefined, () => restore(old!));
      else if (facts[i].text === now!.text) facts[i] = old!;
      else conflict('edited-since', facts[i], () => (facts[i] = old!));
    } else {
      const i = at(now!.id);
      // the new value still there, but its text edited since (a merge resolved with --text keeps the id)
      if (i !== -1 && facts[i].text !== now!.text)
        conflict('edited-since', facts[i], () => (facts.splice(at(now!.id), 1), restore(old!)));
      else if (i !== -1) {
        facts.splice(i, 1);
        restore(old!);
      } else if (at(old!.id) === -1) {
        conflict(facts.length > 0 ? 'value-changed-since' : 'removed-since', facts.at(-1), () => restore(old!));
      }
    }
  }
  for (const [path, facts] of leaves) {
    const before = head.get(path) ?? [];
    if (facts.length === before.length && facts.every((f, i) => f === before[i])) leaves.delete(path);
  }
  return { leaves, conflicts };
}
