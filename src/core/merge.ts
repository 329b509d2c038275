import { createHash } from './lazyBuiltins.js';
import { distance } from 'fastest-levenshtein';
import { normalizeFactText, type Fact } from './fact.js';
import type { Cardinality } from './taxonomy.js';

/*
 * The fact-level three-way merge: pure, no git. A leaf is a set of facts identified by id;
 * a fact is "edited" when the same id carries another text, a `one` leaf's value "changed"
 * when its fact was replaced. Leaves changed on one side only never come here (the store
 * takes them whole), so every leaf here was changed on both sides.
 */

export interface LeafSides {
  path: string;
  cardinality: Cardinality;
  base: readonly Fact[];
  ours: readonly Fact[];
  theirs: readonly Fact[];
}

export type ConflictKind = 'value' | 'edit' | 'edit-remove';

export interface Conflict {
  /** Short stable id (7 hex digits), derived from the leaf and the facts involved. */
  id: string;
  path: string;
  kind: ConflictKind;
  cardinality: Cardinality;
  /** The fact as it was at the merge base, on our side, on their side; null where absent (removed or never there). */
  base: Fact | null;
  ours: Fact | null;
  theirs: Fact | null;
}

/** A fact added on their side that was dropped because ours, added too, says the same thing. */
export interface Fold {
  path: string;
  kept: Fact;
  dropped: Fact;
}

export interface LeafMerge {
  path: string;
  /** The merged facts; a conflict's `ours` fact stands in its place until it is resolved (see settleLeaf). */
  facts: Fact[];
  conflicts: Conflict[];
  /** Their facts folded into ours (the same text, or near-identical at a `many` leaf): reported, never silent. */
  folded: Fold[];
}

export type Decision = { kind: 'ours' } | { kind: 'theirs' } | { kind: 'both' } | { kind: 'text'; text: string };

/** The text compared for similarity: normalised, punctuation as spaces ("dark-mode" is "dark mode"). */
const comparable = (text: string) =>
  normalizeFactText(text)
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * How alike two fact texts are, in [0, 1]: 1 − Levenshtein distance / longer length, over
 * the normalised texts without punctuation, so "I like tea." and "i like tea" score 1.
 */
export function similarity(a: string, b: string): number {
  return similarityOf(comparable(a), comparable(b));
}

function similarityOf(x: string, y: string): number {
  if (x === y) return 1;
  const longer = Math.max(x.length, y.length);
  return longer === 0 ? 1 : 1 - distance(x, y) / longer;
}

/** A fact text as sameAddedFact compares it, worked out once however many texts it is compared with. */
interface Compared {
  text: string;
  normal: string;
  numbers: string;
  comparable?: string;
}

const compared = (text: string): Compared => ({
  text,
  normal: normalizeFactText(text),
  numbers: (text.match(/\d+/g) ?? []).join(' '),
});

/**
 * Whether two facts added independently state the same thing: the same text after
 * normalisation, or near-identical (similarity at or above the threshold) with the same
 * numbers — "born in 1985" and "born in 1986" are one keystroke apart and two facts.
 */
export function sameAddedFact(a: string, b: string, threshold: number): boolean {
  return sameCompared(compared(a), compared(b), threshold);
}

function sameCompared(a: Compared, b: Compared, threshold: number): boolean {
  if (a.normal === b.normal) return true;
  if (threshold >= 1 || a.numbers !== b.numbers) return false;
  a.comparable ??= comparable(a.text);
  b.comparable ??= comparable(b.text);
  return similarityOf(a.comparable, b.comparable) >= threshold;
}

function conflictId(path: string, base: Fact | null, ours: Fact | null, theirs: Fact | null): string {
  return createHash('sha1')
    .update([path, base?.id, ours?.id, ours?.text, theirs?.id, theirs?.text].join('\n'))
    .digest('hex')
    .slice(0, 7);
}

function conflict(
  kind: ConflictKind,
  sides: LeafSides,
  base: Fact | undefined,
  ours: Fact | undefined,
  theirs: Fact | undefined,
): Conflict {
  const [b, o, t] = [base ?? null, ours ?? null, theirs ?? null];
  return {
    id: conflictId(sides.path, b, o, t),
    path: sides.path,
    kind,
    cardinality: sides.cardinality,
    base: b,
    ours: o,
    theirs: t,
  };
}

const sameFact = (a: Fact | undefined, b: Fact | undefined): boolean => a?.id === b?.id && a?.text === b?.text;

/** Merges one leaf changed on both sides; `threshold` is `merge.similarity` (see sameAddedFact). */
export function mergeLeaf(sides: LeafSides, threshold: number): LeafMerge {
  return sides.cardinality === 'one' ? mergeOne(sides) : mergeMany(sides, threshold);
}

function mergeOne(sides: LeafSides): LeafMerge {
  const value = (facts: readonly Fact[]) => facts[facts.length - 1];
  const [b, o, t] = [value(sides.base), value(sides.ours), value(sides.theirs)];
  const result = (facts: readonly Fact[], folded: Fold[] = []): LeafMerge => ({
    path: sides.path,
    facts: [...facts],
    conflicts: [],
    folded,
  });
  if (sameFact(o, b)) return result(sides.theirs);
  if (sameFact(t, b) || sameFact(o, t)) return result(sides.ours);
  // both set the same value, each as a new fact: one is kept. Only the same text after
  // normalisation: "Tomasz" and "Thomas" are near-identical and two different values, a conflict
  // (near-identical dedupe is for `many` leaves, where both facts may say the same thing)
  if (o && t && o.id !== t.id && normalizeFactText(o.text) === normalizeFactText(t.text))
    return result(sides.ours, [{ path: sides.path, kept: o, dropped: t }]);
  const kind: ConflictKind = !o || !t ? 'edit-remove' : o.id === t.id ? 'edit' : 'value';
  return { path: sides.path, facts: [], conflicts: [conflict(kind, sides, b, o, t)], folded: [] };
}

/**
 * What becomes of one of our facts, given the same id at the base and on their side: kept,
 * replaced by their edit, dropped (they removed it and we did not edit it), or a conflict (an
 * edit on each side, or our edit of what they removed), in which case ours stays as the placeholder.
 */
export type OurFate = 'ours' | 'theirs' | 'dropped' | 'edit' | 'edit-remove';

export function fateOfOurs(o: Fact, b: Fact | undefined, t: Fact | undefined): OurFate {
  if (!b) return 'ours'; // added on our side
  if (!t) return o.text !== b.text ? 'edit-remove' : 'dropped';
  if (o.text === t.text || t.text === b.text) return 'ours';
  return o.text === b.text ? 'theirs' : 'edit';
}

/**
 * Their added facts, in their order: each kept, or folded into a fact that says the same thing
 * (the same fact added on both sides is kept once, ours, and the fold reported). `known` finds
 * a merged fact by normalised text; `oursAdded`: the facts we added, compared by sameAddedFact.
 */
export function addTheirs(
  path: string,
  theirsAdded: readonly Fact[],
  known: (normal: string) => Fact | undefined,
  oursAdded: readonly Fact[],
  threshold: number,
): { added: Fact[]; folded: Fold[] } {
  const added: Fact[] = [];
  const folded: Fold[] = [];
  if (theirsAdded.length === 0) return { added, folded };
  const addedKeys = new Map<string, Fact>();
  const ours = oursAdded.map((f) => ({ fact: f, text: compared(f.text) }));
  for (const t of theirsAdded) {
    const text = compared(t.text);
    const kept =
      known(text.normal) ?? addedKeys.get(text.normal) ?? ours.find((o) => sameCompared(o.text, text, threshold))?.fact;
    if (kept) {
      folded.push({ path, kept, dropped: t });
      continue;
    }
    added.push(t);
    addedKeys.set(text.normal, t);
  }
  return { added, folded };
}

function mergeMany(sides: LeafSides, threshold: number): LeafMerge {
  const byId = (facts: readonly Fact[]) => {
    const map = new Map<string, Fact>();
    for (const fact of facts) map.set(fact.id, fact);
    return map;
  };
  const [base, ours, theirs] = [byId(sides.base), byId(sides.ours), byId(sides.theirs)];
  const facts: Fact[] = [];
  const conflicts: Conflict[] = [];
  // our order first: facts keep their lines (and their blame) where they can
  for (const o of sides.ours) {
    const b = base.get(o.id);
    const t = theirs.get(o.id);
    const fate = fateOfOurs(o, b, t);
    if (fate === 'dropped') continue;
    facts.push(fate === 'theirs' ? t! : o);
    if (fate === 'edit' || fate === 'edit-remove') conflicts.push(conflict(fate, sides, b, o, t));
  }
  for (const b of sides.base) {
    const t = theirs.get(b.id);
    // removed on our side and edited on theirs
    if (!ours.has(b.id) && t && t.text !== b.text) conflicts.push(conflict('edit-remove', sides, b, undefined, t));
  }
  const theirsAdded = sides.theirs.filter((t) => !base.has(t.id) && !ours.has(t.id));
  if (theirsAdded.length === 0) return { path: sides.path, facts, conflicts, folded: [] };
  // the last of our merged facts with a text wins, as a map built in their order keeps it
  const keys = new Map<string, Fact>();
  for (const f of facts) keys.set(normalizeFactText(f.text), f);
  const oursAdded = sides.ours.filter((f) => !base.has(f.id));
  const { added, folded } = addTheirs(sides.path, theirsAdded, (n) => keys.get(n), oursAdded, threshold);
  facts.push(...added);
  return { path: sides.path, facts, conflicts, folded };
}

/** The source of a fact whose text a person wrote while settling a merge conflict (`e`, `resolve --text`). */
export const MERGE_EDIT_SOURCE = 'merge';

/**
 * The fact a person wrote to settle a conflict: the id of the fact it edits (so the line and
 * the fact stay one), but the provenance of what it now is, a person's text from this merge:
 * `at` the merge's time, `src=merge`, `by=manual`; no classifier confidence or `how`.
 */
function editedFact(like: Fact, text: string, editedAt: string | undefined): Fact {
  const { confidence: _confidence, how: _how, ...kept } = like;
  return { ...kept, text, recordedAt: editedAt ?? like.recordedAt, source: MERGE_EDIT_SOURCE, classifier: 'manual' };
}

/**
 * The facts a decision puts in the leaf for a conflict. `text` edits our fact in place (its
 * id kept; theirs when we removed it) and records it as a person's, written at `editedAt`
 * (see editedFact); `both` keeps both, giving theirs a new id when they share one.
 */
export function resolveConflict(c: Conflict, decision: Decision, editedAt?: string): Fact[] {
  switch (decision.kind) {
    case 'ours':
      return c.ours ? [c.ours] : [];
    case 'theirs':
      return c.theirs ? [c.theirs] : [];
    case 'both': {
      const kept = [c.ours, c.theirs].filter((f): f is Fact => f !== null);
      if (kept.length === 2 && kept[0].id === kept[1].id)
        kept[1] = {
          ...kept[1],
          id: createHash('sha1').update(`${kept[1].id}\n${kept[1].text}\ntheirs`).digest('hex').slice(0, 10),
        };
      return kept;
    }
    case 'text': {
      return [editedFact(c.ours ?? c.theirs ?? c.base!, decision.text, editedAt)];
    }
  }
}

/** Why a decision does not fit a conflict, or undefined when it does. */
export function decisionProblem(c: Conflict, decision: Decision): string | undefined {
  if (decision.kind === 'both' && c.cardinality === 'one') return `${c.path} holds one value: "both" does not apply`;
  if (decision.kind === 'text' && decision.text.trim() === '') return 'the text is empty';
  return undefined;
}

/**
 * A leaf's final facts: each conflict's resolution takes the place of our fact (kept in the
 * merged list as a placeholder, so lines and blame stay put), or is appended when we had none.
 */
export function settleLeaf(
  merged: readonly Fact[],
  conflicts: readonly Conflict[],
  decisions: ReadonlyMap<string, Decision>,
  editedAt?: string,
): Fact[] {
  let facts = [...merged];
  for (const c of conflicts) {
    const decision = decisions.get(c.id);
    if (!decision) throw new Error(`conflict ${c.id} has no decision`);
    const resolution = resolveConflict(c, decision, editedAt);
    const at = c.ours ? facts.findIndex((f) => f.id === c.ours!.id) : -1;
    if (at === -1) facts.push(...resolution);
    else facts.splice(at, 1, ...resolution);
  }
  const seen = new Set<string>();
  facts = facts.filter((f) => !seen.has(f.id) && Boolean(seen.add(f.id)));
  return oneValue(facts, conflicts);
}

// a `one` leaf holds one value: the last resolution wins
function oneValue(facts: Fact[], conflicts: readonly Conflict[]): Fact[] {
  return conflicts[0]?.cardinality === 'one' && facts.length > 1 ? facts.slice(-1) : facts;
}

/** Every merged leaf's final facts once each conflict has a decision; `editedAt`: when the merge is written (ISO 8601). */
export function settleLeaves(
  leaves: ReadonlyMap<string, Fact[]>,
  conflicts: readonly Conflict[],
  decisions: ReadonlyMap<string, Decision>,
  editedAt?: string,
): Map<string, Fact[]> {
  const result = new Map<string, Fact[]>();
  for (const [leaf, facts] of leaves)
    result.set(
      leaf,
      settleLeaf(
        facts,
        conflicts.filter((c) => c.path === leaf),
        decisions,
        editedAt,
      ),
    );
  return result;
}
