import type { Fact } from './fact.js';
import type { Cardinality } from './taxonomy.js';
import { byCodeUnit } from './order.js';

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

/**
 * The one vocabulary of change, used by every count and listing (commit, show, log -p, diff,
 * merge, MCP): a fact *added*, a fact *removed*, a fact *modified* (its text edited, same id),
 * or a value *superseded* (a new fact took an old one's place: the value of a `one` leaf, or a
 * fact that names the one it replaces). A supersession is one change, never "1 added, 1 removed".
 */
export type FactChangeKind = 'added' | 'removed' | 'modified' | 'superseded';

/** The kinds in the order every count lists them. */
export const CHANGE_KINDS: readonly FactChangeKind[] = ['added', 'removed', 'modified', 'superseded'];

/** One fact's change. `old` is absent for an addition, `new` for a removal. */
export interface FactChange {
  kind: FactChangeKind;
  path: string;
  old?: Fact;
  new?: Fact;
}

/**
 * The changes of one leaf, as a person would describe them. A fact whose text was edited
 * in place (same id) is *modified*; a fact that took another's place (it names the old one,
 * or one value of a `one` leaf simply replaced another) *superseded* it; everything else is
 * added or removed. Order: the new file's order, then removals.
 */
export function diffLeaf(
  path: string,
  before: readonly Fact[],
  after: readonly Fact[],
  cardinality: Cardinality,
): FactChange[] {
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
    else if (pairs.has(fact)) changes.push({ kind: 'superseded', path, old: pairs.get(fact), new: fact });
    else if (addedIds.has(fact.id)) changes.push({ kind: 'added', path, new: fact });
  }
  for (const fact of unpaired.values()) changes.push({ kind: 'removed', path, old: fact });
  return changes;
}

/** The id a change is known by: the new fact's, or the removed one's. */
export function changeId(change: FactChange): string {
  return (change.new ?? change.old)!.id;
}

/** How many changes of each kind. */
export type ChangeCounts = Record<FactChangeKind, number>;

/** Counts of each kind of change. */
export function countKinds(changes: readonly FactChange[]): ChangeCounts {
  const counts: ChangeCounts = { added: 0, removed: 0, modified: 0, superseded: 0 };
  for (const change of changes) counts[change.kind] += 1;
  return counts;
}

/**
 * The counts in words, as commit, merge and show's callers print them: the kinds that occur,
 * in CHANGE_KINDS order, the first with its noun.
 * @example describeCounts({ added: 2, removed: 0, modified: 0, superseded: 1 }) === '2 facts added, 1 superseded'
 */
export function describeCounts(counts: ChangeCounts): string {
  const parts = CHANGE_KINDS.filter((kind) => counts[kind] > 0).map((kind) => `${counts[kind]} ${kind}`);
  if (parts.length === 0) return 'no facts changed';
  const first = counts[CHANGE_KINDS.find((kind) => counts[kind] > 0)!];
  parts[0] = parts[0].replace(' ', first === 1 ? ' fact ' : ' facts ');
  return parts.join(', ');
}

/** Counts of each kind of change, per leaf path, in path order (`diff --stat`). */
export function countChanges(changes: readonly FactChange[]): Array<{ path: string } & ChangeCounts> {
  const byPath = new Map<string, FactChange[]>();
  for (const change of changes) (byPath.get(change.path) ?? byPath.set(change.path, []).get(change.path)!).push(change);
  return [...byPath].sort(([a], [b]) => byCodeUnit(a, b)).map(([path, leaf]) => ({ path, ...countKinds(leaf) }));
}

/** Changes as facts added and removed by id: an in-place edit is neither, a superseded value is one of each. */
export function addedAndRemoved(changes: readonly FactChange[]): FactChanges {
  const distinct = (c: FactChange) => c.kind !== 'modified';
  return {
    added: changes.filter((c) => c.new && distinct(c)).map((c) => c.new!),
    removed: changes.filter((c) => c.old && distinct(c)).map((c) => c.old!),
  };
}
