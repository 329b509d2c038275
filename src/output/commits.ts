import type { CommitInfo, Person } from '../store/git.js';
import type * as api from '../library/api.js';
import type { Palette } from './palette.js';
import { relativeTime, shortOid } from './format.js';

/** ISO 8601 in the committer's own offset, as git shows it: 2026-11-21T13:00:00+01:00. */
export function personDate(person: Person): string {
  const east = -person.timezoneOffset;
  const local = new Date((person.timestamp + east * 60) * 1000).toISOString().slice(0, 19);
  const sign = east >= 0 ? '+' : '-';
  const abs = Math.abs(east);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function subjectOf(message: string): string {
  return message.split('\n')[0];
}

export function commitJson(commit: CommitInfo): api.Commit {
  return {
    id: commit.oid,
    message: commit.message.trimEnd(),
    author: { name: commit.author.name, email: commit.author.email },
    date: personDate(commit.author),
    parents: commit.parents,
  };
}

/** git-style header: commit, Merge, Author, Date, then the indented message. */
export function commitHeader(commit: CommitInfo, p: Palette, now: Date, decoration = ''): string {
  const lines = [p.id(`commit ${commit.oid}`) + decoration];
  if (commit.parents.length > 1) lines.push(`Merge: ${commit.parents.map(shortOid).join(' ')}`);
  lines.push(`Author: ${commit.author.name} <${commit.author.email}>`);
  lines.push(
    `Date:   ${personDate(commit.author).replace('T', ' ')} ${p.dim(`(${relativeTime(new Date(commit.author.timestamp * 1000), now)})`)}`,
  );
  lines.push(
    '',
    ...commit.message
      .trimEnd()
      .split('\n')
      .map((l) => (l ? `    ${l}` : '')),
  );
  return lines.join('\n') + '\n';
}
