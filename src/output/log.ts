import type { LogResult } from '../commands/log.js';
import type { Renderer } from '../runtime/emit.js';
import { commitHeader, commitJson, personDate, subjectOf } from './commits.js';
import { changeJson, changePlain, changesByLeaf } from './diff.js';
import { plainRecord, shortOid } from './format.js';

export function logRenderer(oneline: boolean): Renderer<LogResult> {
  return {
    human(result, p, context) {
      const decorate = (oid: string) => (oid === result.head ? p.changed(` (HEAD${result.branch ? ` -> ${result.branch}` : ''})`) : '');
      const patch = (oid: string) => (result.patches ? changesByLeaf(result.patches.get(oid) ?? [], p, undefined, '    ') : '');
      if (oneline) return result.commits.map((c) => `${p.id(shortOid(c.oid))}${decorate(c.oid)} ${subjectOf(c.message)}\n${patch(c.oid)}`).join('');
      return result.commits.map((c) => commitHeader(c, p, context.now(), decorate(c.oid)) + (result.patches ? '\n' + patch(c.oid) : '')).join('\n');
    },
    plain(result) {
      // with -p, each commit's record is followed by one record per change, tagged by kind
      const patch = (oid: string) => (result.patches?.get(oid) ?? []).map(changePlain).join('');
      if (oneline) return result.commits.map((c) => `${shortOid(c.oid)} ${subjectOf(c.message)}\n${patch(c.oid)}`).join('');
      return result.commits.map((c) => plainRecord([c.oid, personDate(c.author), c.author.name, c.author.email, subjectOf(c.message)]) + patch(c.oid)).join('');
    },
    json: (result) => result.commits.map((c) => (result.patches ? { ...commitJson(c), changes: (result.patches.get(c.oid) ?? []).map(changeJson) } : commitJson(c))),
  };
}
