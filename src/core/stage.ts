import { normalizeFactText, uniqueFactId, type Fact } from './fact.js';
import type { Cardinality } from './taxonomy.js';
import type { Correction } from './corrections.js';
import type { ProgressSink } from './progress.js';

/*
 * The stage is a list of operations waiting for the next commit. It records intent, not a
 * tree: the operations are applied to whatever the branch holds when `commit` runs (see
 * applyStage), so a commit made by another process in between is never overwritten.
 */

export interface StagedOp {
  op: 'add' | 'remove';
  /** For `add`, the new fact; for `remove`, the fact as it was when the removal was staged. */
  fact: Fact;
}

export interface Stage {
  version: 1;
  ops: StagedOp[];
  /** Leaves a person chose against the classifier, committed with the facts (see core/corrections.ts). */
  corrections?: Correction[];
}

export const emptyStage = (): Stage => ({ version: 1, ops: [] });

export type AddOutcome =
  | { kind: 'staged'; fact: Fact; replaced?: Fact }
  | { kind: 'duplicate'; fact: Fact; existing: Fact; where: 'committed' | 'staged' };

/**
 * Stages new facts, following the staging rules: a fact already present at its leaf (same
 * text after folding case and whitespace), committed or staged, is not staged again. At a
 * `one` leaf only the latest value counts: a new value is staged after the pending ones (it
 * `replaced` the last), never instead of them, so commit records each value in turn and none
 * is lost (A, B, A is history: A, then B, then A again). Indexed, so a batch of 10,000 facts
 * costs about as much as reading them.
 * @param current the facts at each touched leaf on the branch the facts go to
 */
export function stageAdds(
  stage: Stage,
  facts: readonly Fact[],
  cardinalityOf: (path: string) => Cardinality,
  current: ReadonlyMap<string, readonly Fact[]>,
  progress?: ProgressSink,
): { stage: Stage; outcomes: AddOutcome[] } {
  const removing = new Set(stage.ops.filter((o) => o.op === 'remove').map((o) => o.fact.id));
  const committed = new Map<string, Map<string, Fact>>();
  const staged = new Map<string, Map<string, Fact>>();
  /** At a `one` leaf with pending values: the last one staged, the value the leaf will end with. */
  const latest = new Map<string, Fact>();
  const keysAt = <T>(index: Map<string, Map<string, T>>, path: string) =>
    index.get(path) ?? index.set(path, new Map()).get(path)!;
  for (const [path, list] of current)
    for (const f of list) if (!removing.has(f.id)) keysAt(committed, path).set(normalizeFactText(f.text), f);
  for (const op of stage.ops) {
    if (op.op !== 'add') continue;
    keysAt(staged, op.fact.path).set(normalizeFactText(op.fact.text), op.fact);
    latest.set(op.fact.path, op.fact);
  }

  // A, B, A staged by separate calls in the same second would give both A's one id: the second gets its own
  const ids = new Set<string>(stage.ops.map((o) => o.fact.id));
  for (const list of current.values()) for (const f of list) ids.add(f.id);

  const ops = [...stage.ops];
  const outcomes: AddOutcome[] = [];
  for (let fact of facts) {
    progress?.('staging', outcomes.length, facts.length);
    const key = normalizeFactText(fact.text);
    const pending = cardinalityOf(fact.path) === 'one' ? latest.get(fact.path) : undefined;
    if (pending) {
      // a `one` leaf with pending values: only restating the last of them is a duplicate
      if (normalizeFactText(pending.text) === key) {
        outcomes.push({ kind: 'duplicate', fact, existing: pending, where: 'staged' });
        continue;
      }
    } else {
      const existing = committed.get(fact.path)?.get(key);
      if (existing) {
        outcomes.push({ kind: 'duplicate', fact, existing, where: 'committed' });
        continue;
      }
      const twin = staged.get(fact.path)?.get(key);
      if (twin) {
        outcomes.push({ kind: 'duplicate', fact, existing: twin, where: 'staged' });
        continue;
      }
    }
    if (ids.has(fact.id)) fact = { ...fact, id: uniqueFactId(ids, fact.path, fact.text, fact.recordedAt) };
    ids.add(fact.id);
    keysAt(staged, fact.path).set(key, fact);
    if (cardinalityOf(fact.path) === 'one') latest.set(fact.path, fact);
    ops.push({ op: 'add', fact });
    outcomes.push(pending ? { kind: 'staged', fact, replaced: pending } : { kind: 'staged', fact });
  }
  return { stage: { ...stage, ops }, outcomes };
}

/** Stages the removal of committed facts; facts whose removal is already staged are skipped. */
export function stageRemove(stage: Stage, facts: readonly Fact[]): { stage: Stage; staged: Fact[]; already: Fact[] } {
  const removing = new Set(stage.ops.filter((o) => o.op === 'remove').map((o) => o.fact.id));
  const staged: Fact[] = [];
  const already: Fact[] = [];
  // A fact named twice in one call (two prefixes of the same id) is removed once.
  for (const f of facts) {
    if (removing.has(f.id)) already.push(f);
    else {
      removing.add(f.id);
      staged.push(f);
    }
  }
  return {
    stage: { ...stage, ops: [...stage.ops, ...staged.map((fact) => ({ op: 'remove' as const, fact }))] },
    staged,
    already,
  };
}

/** Unstages the operations on the fact whose id starts with `idPrefix`, or everything. */
export function unstage(stage: Stage, idPrefix?: string): { stage: Stage; removed: StagedOp[] } {
  const removed = stage.ops.filter((o) => idPrefix === undefined || o.fact.id.startsWith(idPrefix));
  const ops = stage.ops.filter((o) => !removed.includes(o));
  // unstaging everything is an undo: the corrections staged with the facts go too
  return { stage: idPrefix === undefined ? { version: 1, ops } : { ...stage, ops }, removed };
}

/** Checks that a parsed stage file has the expected shape (it may be hand-edited or from a newer memoir). */
export function isStage(value: unknown): value is Stage {
  const stage = value as Stage;
  return (
    typeof stage === 'object' &&
    stage !== null &&
    stage.version === 1 &&
    Array.isArray(stage.ops) &&
    stage.ops.every(isStagedOp) &&
    (stage.corrections === undefined ||
      (Array.isArray(stage.corrections) &&
        stage.corrections.every((c) => typeof c?.text === 'string' && typeof c?.path === 'string')))
  );
}

const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * One operation whose fact can be written to a leaf file and read back: a hexadecimal id (the
 * only ids a leaf line carries) and a text without a line feed (it would split the line).
 */
function isStagedOp(value: unknown): boolean {
  const op = value as StagedOp | null;
  if (typeof op !== 'object' || op === null || (op.op !== 'add' && op.op !== 'remove')) return false;
  const f = op.fact;
  return (
    typeof f === 'object' &&
    f !== null &&
    isString(f.id) &&
    /^[0-9a-f]+$/.test(f.id) &&
    isString(f.path) &&
    f.path !== '' &&
    isString(f.text) &&
    !f.text.includes('\n') &&
    isString(f.recordedAt) &&
    isString(f.source) &&
    isString(f.classifier) &&
    (f.confidence === undefined || typeof f.confidence === 'number') &&
    (f.supersedes === undefined || isString(f.supersedes)) &&
    (f.validFrom === undefined || isString(f.validFrom)) &&
    (f.validUntil === undefined || isString(f.validUntil)) &&
    (f.when === undefined || isString(f.when)) &&
    (f.extra === undefined ||
      (typeof f.extra === 'object' && f.extra !== null && Object.values(f.extra).every(isString)))
  );
}
