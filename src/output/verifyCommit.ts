import type { CommitVerification } from '../app/verifyCommit.js';
import type { Renderer } from '../runtime/emit.js';
import { plainRecord, shortOid } from './format.js';

const SAYS: Record<CommitVerification['status'], string> = {
  good: 'good signature',
  'unknown-key': 'signed, by a key the allowed-signers file does not list',
  bad: 'BAD signature',
  unsigned: 'not signed',
};

export const verifyRenderer: Renderer<CommitVerification[]> = {
  human: (results, p) =>
    results
      .map((r) => {
        const what =
          r.status === 'good' ? p.added(SAYS.good) : r.status === 'bad' ? p.removed(SAYS.bad) : p.warn(SAYS[r.status]);
        const who = r.principals.length ? ` for ${r.principals.join(', ')}` : '';
        return `${p.id(shortOid(r.commit))}  ${what}${who}${r.key ? p.dim(` (${r.key})`) : ''}${r.reason ? `: ${r.reason}` : ''}\n`;
      })
      .join(''),
  plain: (results) =>
    results.map((r) => plainRecord([r.commit, r.status, r.key ?? '', r.principals.join(','), r.reason ?? ''])).join(''),
  json: (results) => results,
};
