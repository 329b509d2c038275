import type { Conflict, Decision, Fold } from '../core/merge.js';
import type { Fact } from '../core/fact.js';
import type { Stage } from '../core/stage.js';
import { removeInside } from './safeWrite.js';
import { readStateFile, stateFilePath, writeStateFile, type StateFile } from './stateFile.js';

/** Who last changed a conflicting fact's leaf on one side, and when. */
export interface SideChange {
  commit: string;
  name: string;
  email: string;
  /** ISO 8601. */
  date: string;
}

export interface MergeConflict extends Conflict {
  changed: { ours?: SideChange; theirs?: SideChange };
}

/**
 * A merge stopped on conflicts (`.memoir/state/merge.json`): enough to finish it with
 * `merge --continue` or to undo it exactly with `merge --abort`.
 */
export interface MergeState {
  version: 1;
  /** The commit being merged in, and the name it was given (`feature`, `3f2a1c0`). */
  theirs: string;
  theirsName: string;
  /** HEAD before the merge: its branch ref (undefined when detached) and commit. */
  origRef?: string;
  origHead: string;
  /** The stage before the merge, restored as it was by --abort. */
  origStage: Stage;
  /** The merge bases used. */
  bases: string[];
  /** The user's -m message, if any. */
  message?: string;
  conflicts: MergeConflict[];
  /** Conflict id → decision, as they are settled. */
  decisions: Record<string, Decision>;
  /** Leaf path → merged facts (for leaves with conflicts: without the conflicting ones). */
  leaves: Record<string, Fact[]>;
  /** Leaf files taken whole from their side: slash path → content (null removes it). */
  files: Record<string, string | null>;
  /** Their facts folded into ours as the same fact (listed in the merge commit); absent in states written before. */
  folded?: Fold[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const MERGE_FILE: StateFile<MergeState | undefined> = {
  name: 'merge.json',
  empty: () => undefined,
  isValid: (value): value is MergeState | undefined => {
    const s = value as MergeState;
    return (
      isObject(s) &&
      s.version === 1 &&
      typeof s.theirs === 'string' &&
      typeof s.origHead === 'string' &&
      Array.isArray(s.conflicts) &&
      isObject(s.decisions) &&
      isObject(s.leaves) &&
      isObject(s.files) &&
      isObject(s.origStage) &&
      (s.folded === undefined ||
        (Array.isArray(s.folded) && s.folded.every((f) => isObject(f) && isObject(f.kept) && isObject(f.dropped))))
    );
  },
  corrupt: {
    code: 'corrupt-merge-state',
    what: 'merge in progress',
    hint: 'run "memoir merge --abort" after fixing or deleting the file',
  },
};

/** The merge in progress, or undefined when there is none. */
export function readMergeState(gitdir: string): MergeState | undefined {
  return readStateFile(gitdir, MERGE_FILE);
}

/** Records (atomically) the merge in progress. The caller holds the lock. */
export function writeMergeState(gitdir: string, state: MergeState): void {
  writeStateFile(gitdir, MERGE_FILE, state);
}

/** Ends the merge in progress (finished or aborted). The caller holds the lock. */
export function clearMergeState(gitdir: string): void {
  removeInside(gitdir, stateFilePath(gitdir, MERGE_FILE.name));
}
