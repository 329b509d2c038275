import { enforcePolicy, type PolicyOverride } from './policyGate.js';
import type { IncomingFinding } from './screenIncoming.js';
import { plural } from '../core/words.js';
import { mergeMessage } from '../core/commitMessage.js';
import { recordedAtOf } from '../core/fact.js';
import { leafPathFromFile, parseLeafFile } from '../core/leafFile.js';
import { addedAndRemoved, type FactChange } from '../core/factDiff.js';
import { settleLeaves, type Decision, type Fold } from '../core/merge.js';
import type { Cardinality } from '../core/taxonomy.js';
import { findSecrets } from '../core/secrets.js';
import { ConflictError, MemoirError, RefusedError } from '../errors/index.js';
import type { Person } from '../store/git.js';
import type { Memory } from '../store/memory.js';
import type { MergeConflict, MergeState, SideChange } from '../store/mergeState.js';
import type { TreeMerge } from '../store/treeMerge.js';
import { shortOid } from '../core/words.js';

/*
 * The steps of a merge shared by `merge`, `merge --continue`, `resolve` and `commit`:
 * recording a merge stopped on conflicts, and writing the merge commit once all are settled.
 */

export interface MergeOutcome {
  kind: 'up-to-date' | 'fast-forward' | 'merged' | 'conflicts';
  branch?: string;
  /** The commit the branch now names (the merge commit, or theirs after a fast-forward). */
  commit?: string;
  theirs: string;
  theirsName: string;
  bases: string[];
  /** What the merge (or fast-forward) changed on the branch: added, removed, modified, superseded (core/factDiff.ts). */
  changes: FactChange[];
  conflicts: MergeConflict[];
  decisions: Record<string, Decision>;
  /** Their facts folded into ours as the same fact added on both sides. */
  folded: Fold[];
  /** The merge commit's subject (git-like, or the -m message's first line). */
  subject?: string;
  /** With --allow-invalid: what the incoming screen found and the merge took anyway (never the text). */
  accepted?: IncomingFinding[];
}

export type Strategy = 'ours' | 'theirs' | 'union' | 'fail';

export const STRATEGIES: readonly Strategy[] = ['ours', 'theirs', 'union', 'fail'];

/** Decisions for every conflict by strategy; undefined when `union` cannot keep both somewhere. */
export function strategyDecisions(state: MergeState, strategy: Exclude<Strategy, 'fail'>): Record<string, Decision> {
  const decisions: Record<string, Decision> = {};
  for (const c of state.conflicts) {
    if (strategy === 'union' && c.cardinality === 'one') {
      throw new ConflictError(
        'union-impossible',
        `--strategy union cannot keep both values of ${c.path}: it holds one value`,
        {
          hint: 'use --strategy ours or theirs, or merge without a strategy and resolve the conflicts',
          data: { conflicts: state.conflicts.map((x) => x.id) },
        },
      );
    }
    decisions[c.id] = { kind: strategy === 'union' ? 'both' : strategy };
  }
  return decisions;
}

/** The conflicts with who changed each side last, and when. */
export async function describeConflicts(
  memory: Memory,
  merge: TreeMerge,
  ours: string,
  theirs: string,
): Promise<MergeConflict[]> {
  const result: MergeConflict[] = [];
  const below = await memory.ancestorsOf(merge.bases);
  // one look per leaf and side, however many conflicts the leaf holds
  const changes = new Map<string, Promise<[SideChange | undefined, SideChange | undefined]>>();
  for (const c of merge.conflicts) {
    if (!changes.has(c.path))
      changes.set(
        c.path,
        Promise.all([memory.lastChange(ours, c.path, below), memory.lastChange(theirs, c.path, below)]),
      );
    const [o, t] = await changes.get(c.path)!;
    result.push({ ...c, changed: { ...(o ? { ours: o } : {}), ...(t ? { theirs: t } : {}) } });
  }
  return result;
}

/** A merge in progress as recorded before any decision: what --abort needs, and what --continue needs. */
export function newMergeState(
  memory: Memory,
  init: {
    origRef?: string;
    origHead: string;
    theirs: string;
    theirsName: string;
    message?: string;
    merge: TreeMerge;
    conflicts: MergeConflict[];
  },
): MergeState {
  return {
    version: 1,
    theirs: init.theirs,
    theirsName: init.theirsName,
    ...(init.origRef ? { origRef: init.origRef } : {}),
    origHead: init.origHead,
    origStage: memory.readStage(),
    bases: init.merge.bases,
    ...(init.message ? { message: init.message } : {}),
    conflicts: init.conflicts,
    decisions: {},
    leaves: Object.fromEntries(init.merge.leaves),
    files: Object.fromEntries(init.merge.files),
    folded: init.merge.folded,
  };
}

/** Refuses to start a merge (or a pull) while another is in progress: finish or abort it first. */
export function refuseMergeInProgress(memory: Memory): void {
  const inProgress = memory.readMerge();
  if (inProgress)
    throw new MemoirError('merge-in-progress', `a merge of ${inProgress.theirsName} is already in progress`, {
      hint: 'finish it with "memoir merge --continue" or undo it with "memoir merge --abort"',
    });
}

/**
 * Refuses (exit 4) a decision whose text holds a secret: text typed on the conflict screen,
 * or a merge state written by hand. `resolve --text` refuses it before it is recorded.
 */
export function refuseSecretDecisions(state: Pick<MergeState, 'decisions'>): void {
  for (const [id, decision] of Object.entries(state.decisions)) {
    const found = decision.kind === 'text' ? findSecrets(decision.text) : [];
    if (found.length === 0) continue;
    throw new RefusedError(
      'secret-detected',
      `refused: the text settling conflict ${id} contains ${found.map((f) => f.label).join(' and ')}; nothing was committed`,
      {
        hint: `settle it again without the secret: memoir resolve ${id} --ours|--theirs|--text "..."; memoir never stores credentials`,
      },
    );
  }
}

export function unsettled(state: Pick<MergeState, 'conflicts' | 'decisions'>): MergeConflict[] {
  return state.conflicts.filter((c) => !state.decisions[c.id]);
}

/**
 * Writes the merge commit (two parents, Memoir-* trailers) for a merge whose conflicts all
 * have decisions, moves the branch (or detached HEAD), and ends the merge in progress. The
 * caller holds the lock.
 */
export async function writeMerge(
  memory: Memory,
  state: MergeState,
  who: Person,
  version: string,
  cardinalityOf: (path: string) => Cardinality,
  override: PolicyOverride = {},
): Promise<MergeOutcome> {
  refuseSecretDecisions(state);
  const open = unsettled(state);
  if (open.length > 0) {
    throw new ConflictError(
      'unresolved-conflicts',
      `${plural(open.length, 'conflict')} still need${open.length === 1 ? 's' : ''} a decision: ${open.map((c) => c.id).join(', ')}`,
      {
        hint: 'settle each with "memoir resolve <id> --ours|--theirs|--both|--text ...", or "memoir merge --abort"',
      },
    );
  }
  const head = await memory.head();
  if (head.oid !== state.origHead || head.ref !== state.origRef) {
    throw new MemoirError(
      'merge-head-moved',
      `${head.branch ?? 'HEAD'} moved since the merge started (was ${shortOid(state.origHead)}, now ${shortOid(head.oid ?? '')})`,
      { hint: 'run "memoir merge --abort" and merge again' },
    );
  }
  // a text a person wrote is recorded as written now, by this merge (see editedFact)
  const editedAt = recordedAtOf(new Date(who.timestamp * 1000));
  const leaves = settleLeaves(
    new Map(Object.entries(state.leaves)),
    state.conflicts,
    new Map(Object.entries(state.decisions)),
    editedAt,
  );
  // git's wording: "Merge branch 'x' into main", "Merge remote-tracking branch 'origin/main'" (a
  // pull), or "Merge commit '3f2a1c0'" for any other revision
  const isBranch = (await memory.resolveRef(`refs/heads/${state.theirsName}`)) !== undefined;
  const isTracking = !isBranch && (await memory.resolveRef(`refs/remotes/${state.theirsName}`)) !== undefined;
  const what = isBranch
    ? `branch '${state.theirsName}'`
    : isTracking
      ? `remote-tracking branch '${state.theirsName}'`
      : `commit '${shortOid(state.theirs)}'`;
  const subject = state.message?.trim().split('\n')[0] || `Merge ${what}${head.branch ? ` into ${head.branch}` : ''}`;
  // the merge's leaves (settled, and merged file by file), as the rules of the branch it lands on
  // see them, before anything is written; parsed only when the branch has rules
  const change = async () => {
    const after = new Map(leaves);
    for (const [file, content] of Object.entries(state.files)) {
      const leaf = leafPathFromFile(file);
      if (leaf && !after.has(leaf)) after.set(leaf, content === null ? [] : parseLeafFile(content, leaf));
    }
    const ours = await memory.readLeaves(state.origHead, after.keys());
    const brought = [...after].flatMap(([leaf, facts]) => {
      const had = new Set((ours.get(leaf) ?? []).map((f) => f.id));
      return facts.filter((f) => !had.has(f.id));
    });
    return {
      branch: head.branch,
      kind: 'merge' as const,
      added: brought,
      leaves: after,
      incoming: { ours: state.origHead, theirs: state.theirs },
    };
  };
  const overrides = await enforcePolicy(memory, state.origHead, change, override);
  const tree = await memory.writeTree(state.origHead, leaves, new Map(Object.entries(state.files)));
  const changes = await memory.treeChanges((await memory.readCommit(state.origHead)).tree, tree, cardinalityOf);
  const { added, removed } = addedAndRemoved(changes);
  const folded = state.folded ?? [];
  const message = mergeMessage({
    added,
    removed,
    message: state.message || subject,
    version,
    conflicts: state.conflicts,
    decisions: state.decisions,
    folded,
    theirs: state.theirs,
    trailers: overrides,
  });
  const oid = await memory.commitTree({
    tree,
    parents: [state.origHead, state.theirs],
    message,
    author: who,
    committer: who,
  });
  memory.updateBranch(
    head.ref ?? 'HEAD',
    oid,
    head.oid,
    who,
    `merge ${state.theirsName}: ${state.conflicts.length ? 'Merge made after resolving conflicts' : "Merge made by the 'memoir' strategy"}`,
  );
  memory.clearMerge();
  return {
    kind: 'merged',
    branch: head.branch,
    commit: oid,
    theirs: state.theirs,
    theirsName: state.theirsName,
    bases: state.bases,
    changes,
    conflicts: state.conflicts,
    decisions: state.decisions,
    folded,
    subject,
  };
}
