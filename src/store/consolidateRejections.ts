import { readStateFile, writeStateFile, type StateFile } from './stateFile.js';

/*
 * The consolidation proposals a person rejected ("these two are not the same fact"), by their
 * stable ids (a hash of the kind and the fact ids): not proposed again unless asked for
 * (`consolidate --all`). Local to this repository, like the review queue.
 */

export interface Rejections {
  version: 1;
  ids: string[];
}

const REJECTIONS: StateFile<Rejections> = {
  name: 'consolidate-rejected.json',
  empty: () => ({ version: 1, ids: [] }),
  isValid: (value: unknown): value is Rejections => {
    const r = value as Rejections;
    return (
      typeof r === 'object' &&
      r !== null &&
      r.version === 1 &&
      Array.isArray(r.ids) &&
      r.ids.every((id) => typeof id === 'string')
    );
  },
  corrupt: {
    code: 'corrupt-consolidate-state',
    what: 'record of the consolidation proposals rejected',
    hint: 'remove it: the proposals rejected before are proposed again',
  },
};

export function readRejections(gitdir: string): Rejections {
  return readStateFile(gitdir, REJECTIONS);
}

/** Replaces the record atomically; the caller holds the repository lock. */
export function writeRejections(gitdir: string, rejections: Rejections): void {
  writeStateFile(gitdir, REJECTIONS, rejections);
}
