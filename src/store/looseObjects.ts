import { createHash } from '../core/lazyBuiltins.js';
import { deflateSync } from 'node:zlib';
import type { CommitInfo, Person, TreeEntry } from './git.js';
import { formatTimezone } from './refs.js';

/*
 * Git objects serialised and deflated here, byte for byte as isomorphic-git writes them.
 * isomorphic-git deflates through a web CompressionStream and hashes with WebCrypto: about
 * 35 ms per commit of a few objects, spent holding the writer lock, plus loading undici and
 * the web streams. node's synchronous zlib and hash do the same in well under a millisecond.
 */

/** `<mode> <name>\0<20-byte id>` per entry, in git's order (the caller sorts: see treeWriter). */
export function treeContent(entries: readonly TreeEntry[]): Buffer {
  return Buffer.concat(
    entries.flatMap((e) => [Buffer.from(`${e.mode.replace(/^0/, '')} ${e.path}\0`, 'utf8'), Buffer.from(e.oid, 'hex')]),
  );
}

const person = (p: Person) => `${p.name} <${p.email}> ${p.timestamp} ${formatTimezone(p.timezoneOffset)}`;

/** Headers, a blank line, the message without carriage returns or leading blank lines, ending in one newline. */
export function commitContent(commit: Omit<CommitInfo, 'oid'>): Buffer {
  const headers = [
    `tree ${commit.tree}`,
    ...commit.parents.map((p) => `parent ${p}`),
    `author ${person(commit.author)}`,
    `committer ${person(commit.committer)}`,
  ];
  const message = commit.message.replace(/\r/g, '').replace(/^\n+/, '').replace(/\n+$/, '') + '\n';
  return Buffer.from(`${headers.join('\n')}\n\n${message}`, 'utf8');
}

/** The id of an object and its loose file's content (`<type> <size>\0<content>`, deflated). */
export function looseObject(type: 'blob' | 'tree' | 'commit', content: Buffer): { oid: string; deflated: Buffer } {
  const wrapped = Buffer.concat([Buffer.from(`${type} ${content.length}\0`, 'latin1'), content]);
  return { oid: objectId(type, content), deflated: deflateSync(wrapped) };
}

/** A git object's id: the SHA-1 of `<type> <size>\0<content>`. */
export function objectId(type: string, content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`, 'latin1').update(content).digest('hex');
}
