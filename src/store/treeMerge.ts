import type { Fact } from '../core/fact.js';
import { leafFilePath, parseLeafFile, sameFact } from '../core/leafFile.js';
import { leafFacts } from './leafFacts.js';
import { mergeLeafText } from '../core/leafMergeText.js';
import { mergeLeaf, settleLeaf, type Conflict, type Decision, type Fold } from '../core/merge.js';
import type { Cardinality } from '../core/taxonomy.js';
import { EMPTY_TREE, type GitStore } from './git.js';
import { mergeBases } from './mergeBases.js';
import { changedLeafFiles } from './treeDiff.js';

/*
 * The three-way merge of two commits' trees, leaf by leaf. Only leaves whose files differ
 * (compared by object id, identical subtrees skipped unread) are looked at; a leaf changed
 * on one side only is taken whole, unparsed; a leaf changed on both is merged fact by fact,
 * on the lines the three versions do not share where those decide alone (core/leafMergeText.ts),
 * else on the three versions parsed whole (core/merge.ts).
 */

/** A tree, with some leaves replaced in memory: the virtual base of a criss-cross merge. */
interface Side {
  tree: string;
  overrides: Map<string, Fact[]>;
}

export interface TreeMerge {
  /** The merge bases (several in a criss-cross history; none for unrelated histories). */
  bases: string[];
  /** Leaf files taken whole from their side, or merged on their lines: slash path → content (null removes it). */
  files: Map<string, string | null>;
  /** Leaves merged fact by fact: their facts, without those in conflict. */
  leaves: Map<string, Fact[]>;
  conflicts: Conflict[];
  /** Their facts folded into ours as the same fact added on both sides (see core/merge.ts). */
  folded: Fold[];
}

export interface MergeOptions {
  cardinalityOf: (path: string) => Cardinality;
  similarity: number;
}

const treeOf = async (git: GitStore, commit: string): Promise<Side> => ({
  tree: (await git.readCommit(commit)).tree,
  overrides: new Map(),
});

/** The entry at a leaf's file in a side's tree (held in memory or not). */
const entryOf = async (git: GitStore, side: Side, leaf: string) =>
  side.tree === EMPTY_TREE ? undefined : git.entryAt(side.tree, leafFilePath(leaf));

async function readSide(git: GitStore, side: Side, leaf: string): Promise<Fact[]> {
  const override = side.overrides.get(leaf);
  if (override) return override;
  const entry = await entryOf(git, side, leaf);
  return entry?.type === 'blob' ? leafFacts(git, entry.oid, leaf) : [];
}

/** Leaf path → blob id on `side` (undefined: removed, or held in memory) for the leaves that differ from `base`. */
async function changed(git: GitStore, base: Side, side: Side): Promise<Map<string, string | undefined>> {
  const result = new Map<string, string | undefined>();
  for (const change of await changedLeafFiles(git, base.tree, side.tree)) result.set(change.path, change.after);
  for (const leaf of [...base.overrides.keys(), ...side.overrides.keys()])
    if (!result.has(leaf)) result.set(leaf, undefined);
  return result;
}

/** Whether two sides' facts would be written the same, fact by fact (formatting both leaves cost more than the merge). */
const same = (a: readonly Fact[], b: readonly Fact[]) => a.length === b.length && a.every((f, i) => sameFact(f, b[i]));

/**
 * A `many` leaf changed on both sides, merged on its lines (core/leafMergeText.ts): undefined
 * where those do not decide alone, or a side is held in memory (a criss-cross merge's virtual
 * base) or removed the leaf.
 */
async function linesMerge(
  git: GitStore,
  base: Side,
  leaf: string,
  ours: string | undefined,
  theirs: string | undefined,
  overridden: boolean,
  options: MergeOptions,
) {
  if (overridden || !ours || !theirs || options.cardinalityOf(leaf) !== 'many') return undefined;
  const entry = await entryOf(git, base, leaf);
  if (entry && entry.type !== 'blob') return undefined;
  const [b, o, t] = await Promise.all([
    entry ? git.readBlobText(entry.oid) : '',
    git.readBlobText(ours),
    git.readBlobText(theirs),
  ]);
  return mergeLeafText(b, o, t, leaf, options.similarity);
}

async function mergeSides(
  git: GitStore,
  base: Side,
  ours: Side,
  theirs: Side,
  options: MergeOptions,
): Promise<Omit<TreeMerge, 'bases'>> {
  const [oursChanged, theirsChanged] = await Promise.all([changed(git, base, ours), changed(git, base, theirs)]);
  const result: Omit<TreeMerge, 'bases'> = { files: new Map(), leaves: new Map(), conflicts: [], folded: [] };
  for (const [leaf, blob] of theirsChanged) {
    const overridden = theirs.overrides.has(leaf) || base.overrides.has(leaf) || ours.overrides.has(leaf);
    if (!oursChanged.has(leaf) && !overridden) {
      result.files.set(leafFilePath(leaf), blob ? await git.readBlobText(blob) : null);
      continue;
    }
    const onLines = await linesMerge(git, base, leaf, oursChanged.get(leaf), blob, overridden, options);
    if (onLines) {
      result.files.set(leafFilePath(leaf), onLines.text ?? null);
      result.folded.push(...onLines.folded);
      continue;
    }
    const [b, o, t] = await Promise.all([
      readSide(git, base, leaf),
      readSide(git, ours, leaf),
      readSide(git, theirs, leaf),
    ]);
    if (same(o, t) || same(b, t)) continue;
    if (same(b, o)) {
      result.leaves.set(leaf, t);
      continue;
    }
    const merged = mergeLeaf(
      { path: leaf, cardinality: options.cardinalityOf(leaf), base: b, ours: o, theirs: t },
      options.similarity,
    );
    result.leaves.set(leaf, merged.facts);
    result.conflicts.push(...merged.conflicts);
    result.folded.push(...merged.folded);
  }
  return result;
}

/**
 * The side standing for several merge bases: the bases merged into each other first (their
 * own conflicts settled for the first), as git's recursive strategy builds a virtual base.
 * Nothing is written: the virtual base lives in memory.
 */
async function baseSide(git: GitStore, bases: string[], options: MergeOptions, depth = 0): Promise<Side> {
  if (bases.length === 0) return { tree: EMPTY_TREE, overrides: new Map() };
  let acc = await treeOf(git, bases[0]);
  for (const next of bases.slice(1)) {
    const inner =
      depth < 8
        ? await baseSide(git, await mergeBases(git, bases[0], next), options, depth + 1)
        : { tree: EMPTY_TREE, overrides: new Map() };
    const merged = await mergeSides(git, inner, acc, await treeOf(git, next), options);
    const overrides = new Map(acc.overrides);
    for (const [file, text] of merged.files) {
      const leaf = file.slice(0, -3).replaceAll('/', '.');
      overrides.set(leaf, text === null ? [] : parseLeafFile(text, leaf));
    }
    const ours = new Map<string, Decision>(merged.conflicts.map((c) => [c.id, { kind: 'ours' }]));
    for (const [leaf, facts] of merged.leaves)
      overrides.set(
        leaf,
        settleLeaf(
          facts,
          merged.conflicts.filter((c) => c.path === leaf),
          ours,
        ),
      );
    acc = { tree: acc.tree, overrides };
  }
  return acc;
}

/** Merges `theirs` into `ours`: the changes to make to our tree, and the conflicts. */
export async function mergeCommits(
  git: GitStore,
  ours: string,
  theirs: string,
  options: MergeOptions,
): Promise<TreeMerge> {
  const bases = await mergeBases(git, ours, theirs);
  const base = await baseSide(git, bases, options);
  const merged = await mergeSides(git, base, await treeOf(git, ours), await treeOf(git, theirs), options);
  return { bases, ...merged };
}
