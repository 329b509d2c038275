import type { ReflogResult } from '../app/reflog.js';
import type { ReflogEntry } from '../store/refs.js';
import type { Renderer } from '../runtime/emit.js';
import { personDate } from './commits.js';
import { plainRecord, relativeTime, shortOid } from './format.js';

/** The entry's time in its own offset, as git writes it. */
function entryDate(entry: ReflogEntry): string {
  const sign = entry.timezone.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(entry.timezone.slice(1, 3)) * 60 + Number(entry.timezone.slice(3)));
  return personDate({ name: entry.name, email: entry.email, timestamp: entry.timestamp, timezoneOffset: -minutes });
}

export const reflogRenderer: Renderer<ReflogResult> = {
  human: (result, p, context) =>
    result.entries
      .map(
        (e, i) =>
          `${p.id(shortOid(e.oid))} ${p.changed(`${result.name}@{${i}}`)}: ${e.message} ${p.dim(`(${relativeTime(new Date(e.timestamp * 1000), context.now())}, ${e.name})`)}\n`,
      )
      .join(''),
  plain: (result) =>
    result.entries
      .map((e, i) => plainRecord([e.oid, `${result.name}@{${i}}`, entryDate(e), e.name, e.message]))
      .join(''),
  json: (result) =>
    result.entries.map((e, i) => ({
      selector: `${result.name}@{${i}}`,
      id: e.oid,
      previous: /^0+$/.test(e.old) ? null : e.old,
      author: { name: e.name, email: e.email },
      date: entryDate(e),
      message: e.message,
    })),
};
