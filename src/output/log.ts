import type { LogResult } from '../app/log.js';
import type * as api from '../library/api.js';
import type { CommitVerification } from '../app/verifyCommit.js';
import type { Renderer } from '../runtime/emit.js';
import { commitHeader, commitJson, personDate, subjectOf } from './commits.js';
import { changeJson, changePlain, changesByLeaf, statHuman, statPlain } from './diff.js';
import { countChanges } from '../core/factDiff.js';
import { plainRecord, shortOid } from './format.js';
import { escapeData } from './escape.js';

/** What follows each commit: with --stat its counts per leaf (as diff --stat), with -p its changes, or both. */
export interface LogDetail {
  stat: boolean;
  patch: boolean;
}

export function logRenderer(
  oneline: boolean,
  detail: LogDetail = { stat: false, patch: true },
): Renderer<LogResult, api.Commit[]> {
  const changesOf = (result: LogResult, oid: string) => result.patches?.get(oid) ?? [];
  return {
    human(result, p, context) {
      // as git log decorates: (HEAD -> main, origin/main, agent-2)
      const decorate = (oid: string) => {
        const names = [
          ...(oid === result.head ? [`HEAD${result.branch ? ` -> ${result.branch}` : ''}`] : []),
          ...(result.refs?.get(oid) ?? []),
        ];
        return names.length > 0 ? p.changed(` (${names.map(escapeData).join(', ')})`) : '';
      };
      // --show-signature, as git prints it below the commit line
      const signed = (oid: string) => {
        const v = result.signatures?.get(oid);
        if (!v) return '';
        const who = v.principals.length ? ` for ${v.principals.join(', ')}` : '';
        const paint = v.status === 'good' ? p.added : v.status === 'bad' ? p.removed : p.warn;
        return `\n${paint(`Signature: ${v.status}${who}`)}${v.key ? p.dim(` ${v.key}`) : ''}`;
      };
      const patch = (oid: string) =>
        (detail.stat ? statHuman(changesOf(result, oid), p, '   ') : '') +
        (result.patches && detail.patch ? changesByLeaf(changesOf(result, oid), p, undefined, '    ') : '');
      if (oneline)
        return result.commits
          .map((c) => {
            const v = result.signatures?.get(c.oid);
            const badge = v
              ? ` ${v.status === 'good' ? p.added('G') : v.status === 'bad' ? p.removed('B') : p.warn(v.status === 'unsigned' ? 'N' : 'U')}`
              : '';
            return `${p.id(shortOid(c.oid))}${badge}${decorate(c.oid)} ${subjectOf(c.message)}\n${patch(c.oid)}`;
          })
          .join('');
      return result.commits
        .map(
          (c) =>
            commitHeader(c, p, context.now(), decorate(c.oid) + signed(c.oid)) +
            (result.patches ? '\n' + patch(c.oid) : ''),
        )
        .join('\n');
    },
    plain(result) {
      // each commit's record is followed, with --stat, by its rows (path and counts) and, with -p, by one record per change, tagged by kind
      const patch = (oid: string) =>
        (detail.stat ? statPlain(changesOf(result, oid)) : '') +
        (detail.patch ? changesOf(result, oid).map(changePlain).join('') : '');
      if (oneline)
        return result.commits.map((c) => `${shortOid(c.oid)} ${subjectOf(c.message)}\n${patch(c.oid)}`).join('');
      return result.commits
        .map(
          (c) =>
            plainRecord([c.oid, personDate(c.author), c.author.name, c.author.email, subjectOf(c.message)]) +
            patch(c.oid),
        )
        .join('');
    },
    json: (result) =>
      result.commits.map((c) => ({
        ...commitJson(c),
        ...(result.signatures ? { signature: signatureJson(result.signatures.get(c.oid)) } : {}),
        ...(result.patches && detail.stat ? { stat: countChanges(changesOf(result, c.oid)) } : {}),
        ...(result.patches && detail.patch ? { changes: changesOf(result, c.oid).map(changeJson) } : {}),
      })),
  };
}

function signatureJson(v: CommitVerification | undefined) {
  return v ? { status: v.status, key: v.key ?? null, principals: v.principals } : null;
}
