import type { ShowResult } from '../commands/show.js';
import type { Renderer } from '../runtime/emit.js';
import { commitHeader, commitJson } from './commits.js';
import { factJson } from './facts.js';
import { plainRecord } from './format.js';

export const showRenderer: Renderer<ShowResult> = {
  human({ commit, changes }, p, context) {
    const lines = [commitHeader(commit, p, context.now())];
    for (const f of changes.removed) lines.push(`${p.removed('-')} ${p.path(f.path)}  ${p.removed(f.text)} ${p.dim(f.id)}`);
    for (const f of changes.added) lines.push(`${p.added('+')} ${p.path(f.path)}  ${p.added(f.text)} ${p.dim(f.id)}`);
    return lines.join('\n') + '\n';
  },
  plain({ commit, changes }) {
    return (
      plainRecord(['commit', commit.oid]) +
      changes.removed.map((f) => plainRecord(['removed', f.id, f.path, f.text])).join('') +
      changes.added.map((f) => plainRecord(['added', f.id, f.path, f.text])).join('')
    );
  },
  json: ({ commit, changes }) => ({ ...commitJson(commit), added: changes.added.map(factJson), removed: changes.removed.map(factJson) }),
};
