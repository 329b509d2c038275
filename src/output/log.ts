import type { LogResult } from '../commands/log.js';
import type { Renderer } from '../runtime/emit.js';
import { commitHeader, commitJson, personDate, subjectOf } from './commits.js';
import { plainRecord, shortOid } from './format.js';

export function logRenderer(oneline: boolean): Renderer<LogResult> {
  return {
    human(result, p, context) {
      const decorate = (oid: string) => (oid === result.head ? p.changed(` (HEAD${result.branch ? ` -> ${result.branch}` : ''})`) : '');
      if (oneline) return result.commits.map((c) => `${p.id(shortOid(c.oid))}${decorate(c.oid)} ${subjectOf(c.message)}\n`).join('');
      return result.commits.map((c) => commitHeader(c, p, context.now(), decorate(c.oid))).join('\n');
    },
    plain(result) {
      if (oneline) return result.commits.map((c) => `${shortOid(c.oid)} ${subjectOf(c.message)}\n`).join('');
      return result.commits.map((c) => plainRecord([c.oid, personDate(c.author), c.author.name, c.author.email, subjectOf(c.message)])).join('');
    },
    json: (result) => result.commits.map(commitJson),
  };
}
