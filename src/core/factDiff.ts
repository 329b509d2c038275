import type { Fact } from './fact.js';
import type { Cardinality } from './taxonomy.js';

export interface FactChanges {
  added: Fact[];
  removed: Fact[];
}

/**
 * Fact-level changes between two versions of a leaf, matched by fact id: a fact that only
 * moved within the file is not a change.
 */
export function diffFacts(before: readonly Fact[], after: readonly Fact[]): FactChanges {
  const beforeIds = new Set(before.map((f) => f.id));
  const afterIds = new Set(after.map((f) => f.id));
  return { added: after.filter((f) => !beforeIds.has(f.id)), removed: before.filter((f) => !afterIds.has(f.id)) };
}

export type FactChangeKind = 'added' | 'removed' | 'modified';

/** One fact's change. `old` is absent for an addition, `new` for a removal. */
export interface FactChange {
  kind: FactChangeKind;
  path: string;
  old?: Fact;
  new?: Fact;
}

/**
 * The changes of one leaf, as a person would describe them. A fact whose text was edited
 * in place (same id), or the value of a `one` leaf that was superseded (the new fact names
 * the old one, or one value simply replaced another), is *modified*; everything else is
 * added or removed. Order: modifications and additions in the new file's order, then removals.
 */
export function diffLeaf(path: string, before: readonly Fact[], after: readonly Fact[], cardinality: Cardinality): FactChange[] {
  const { added, removed } = diffFacts(before, after);
  const oldById = new Map(before.map((f) => [f.id, f]));
  const unpaired = new Map(removed.map((f) => [f.id, f]));
  const pairs = new Map<Fact, Fact>();
  for (const fact of added) {
    const old = fact.supersedes ? unpaired.get(fact.supersedes) : undefined;
    if (old) {
      pairs.set(fact, old);
      unpaired.delete(old.id);
    }
  }
  const loose = added.filter((f) => !pairs.has(f));
  if (cardinality === 'one' && loose.length === 1 && unpaired.size === 1) {
    const [old] = unpaired.values();
    pairs.set(loose[0], old);
    unpaired.delete(old.id);
  }
  const addedIds = new Set(added.map((f) => f.id));
  const changes: FactChange[] = [];
  for (const fact of after) {
    const edited = oldById.get(fact.id);
    if (edited && edited.text !== fact.text) changes.push({ kind: 'modified', path, old: edited, new: fact });
    else if (pairs.has(fact)) changes.push({ kind: 'modified', path, old: pairs.get(fact), new: fact });
    else if (addedIds.has(fact.id)) changes.push({ kind: 'added', path, new: fact });
  }
  for (const fact of unpaired.values()) changes.push({ kind: 'removed', path, old: fact });
  return changes;
}

/** The id a change is known by: the new fact's, or the removed one's. */
export function changeId(change: FactChange): string {
  return (change.new ?? change.old)!.id;
}

/** Counts of each kind of change, per leaf path, in path order (`diff --stat`). */
export function countChanges(changes: readonly FactChange[]): Array<{ path: string; added: number; removed: number; modified: number }> {
  const counts = new Map<string, { path: string; added: number; removed: number; modified: number }>();
  for (const change of changes) {
    const entry = counts.get(change.path) ?? counts.set(change.path, { path: change.path, added: 0, removed: 0, modified: 0 }).get(change.path)!;
    entry[change.kind] += 1;
  }
  return [...counts.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** Changes as facts added and removed by id: an in-place edit is neither, a superseded value is one of each. */
export function addedAndRemoved(changes: readonly FactChange[]): FactChanges {
  const distinct = (c: FactChange) => c.kind !== 'modified' || c.old!.id !== c.new!.id;
  return {
    added: changes.filter((c) => c.new && distinct(c)).map((c) => c.new!),
    removed: changes.filter((c) => c.old && distinct(c)).map((c) => c.old!),
  };
}
