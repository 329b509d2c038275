import type { ShowResult } from '../app/show.js';
import type { Renderer } from '../runtime/emit.js';
import type { CommitInfo } from '../store/git.js';
import { commitHeader, commitJson, personDate } from './commits.js';
import { changeJson, changePlain, changesByLeaf } from './diff.js';
import { factJson } from './facts.js';
import { plainRecord } from './format.js';

/**
 * A commit as plain records, everything the human header shows: `commit`, one `parent` per
 * parent, `author` (name, email), `date`, then one `message` record per line of the message
 * (blank lines too, so `grep ^message | cut -f2-` gives it back).
 */
function commitPlain(commit: CommitInfo): string {
  return (
    plainRecord(['commit', commit.oid]) +
    commit.parents.map((parent) => plainRecord(['parent', parent])).join('') +
    plainRecord(['author', commit.author.name, commit.author.email]) +
    plainRecord(['date', personDate(commit.author)]) +
    commit.message
      .trimEnd()
      .split('\n')
      .map((line) => plainRecord(['message', line]))
      .join('')
  );
}

export const showRenderer: Renderer<ShowResult> = {
  human({ commit, factChanges }, p, context) {
    return `${commitHeader(commit, p, context.now())}\n${changesByLeaf(factChanges, p)}`;
  },
  // the changes as diff and log -p print them: kind, path, id, old text, new text
  plain: ({ commit, factChanges }) => commitPlain(commit) + factChanges.map(changePlain).join(''),
  json: ({ commit, changes, factChanges }) => ({
    ...commitJson(commit),
    added: changes.added.map(factJson),
    removed: changes.removed.map(factJson),
    changes: factChanges.map(changeJson),
  }),
};
