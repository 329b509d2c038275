import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import { addedAndRemoved, type FactChange, type FactChanges } from '../core/factDiff.js';
import { UsageError } from '../errors/index.js';
import type { CommitInfo } from '../store/git.js';

export interface ShowResult {
  commit: CommitInfo;
  /** Facts added and removed, by id (a superseded value is one of each). */
  changes: FactChanges;
  /** The same changes as a person reads them: an edit or superseded value is one modification. */
  factChanges: FactChange[];
}

/** A commit and the facts it added, removed and modified, compared with its first parent. */
export async function runShow(rev: string, context: Deps): Promise<ShowResult> {
  const memory = await context.memory();
  if (rev === 'HEAD' && !(await memory.head()).oid)
    throw new UsageError('no-commits', 'there are no commits yet', {
      hint: 'commit facts with "memoir add <fact> --path <leaf> --commit"',
    });
  const commit = await memory.readCommit(await memory.resolve(rev));
  const taxonomy = await context.leafIndex();
  const factChanges = await memory.diff(commit.parents[0], commit.oid, cardinalityIn(taxonomy));
  return { commit, changes: addedAndRemoved(factChanges), factChanges };
}
