import type { ShowResult } from '../commands/show.js';
import type { Renderer } from '../runtime/emit.js';
import { commitHeader, commitJson } from './commits.js';
import { changeJson, changesByLeaf } from './diff.js';
import { factJson } from './facts.js';
import { plainRecord } from './format.js';

export const showRenderer: Renderer<ShowResult> = {
  human({ commit, factChanges }, p, context) {
    return `${commitHeader(commit, p, context.now())}\n${changesByLeaf(factChanges, p)}`;
  },
  plain({ commit, changes }) {
    return (
      plainRecord(['commit', commit.oid]) +
      changes.removed.map((f) => plainRecord(['removed', f.id, f.path, f.text])).join('') +
      changes.added.map((f) => plainRecord(['added', f.id, f.path, f.text])).join('')
    );
  },
  json: ({ commit, changes, factChanges }) => ({ ...commitJson(commit), added: changes.added.map(factJson), removed: changes.removed.map(factJson), changes: factChanges.map(changeJson) }),
};
