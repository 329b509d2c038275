import type { CommitInfo, Person, TreeEntry } from './git.js';

/*
 * Parsers for git's tree and commit objects. isomorphic-git finds objects (loose or packed)
 * and memoir inflates them with node's synchronous zlib; isomorphic-git's own read path
 * inflates through an async DecompressionStream and re-hashes every object with WebCrypto,
 * which made history walks 3-4x slower than the whole rest of a command.
 */

const TYPES: Record<string, TreeEntry['type']> = {
  '40000': 'tree',
  '040000': 'tree',
  '100644': 'blob',
  '100755': 'blob',
  '120000': 'blob',
  '160000': 'commit',
};

/** Entries of a tree object: `<mode> <name>\0<20-byte id>` repeated. */
export function parseTree(content: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const nul = content.indexOf(0, space);
    const mode = content.toString('latin1', at, space);
    entries.push({
      mode: mode.padStart(6, '0'),
      path: content.toString('utf8', space + 1, nul),
      oid: content.toString('hex', nul + 1, nul + 21),
      type: TYPES[mode] ?? 'blob',
    });
    at = nul + 21;
  }
  return entries;
}

/** `Name <email> 1732190000 +0100` */
function parsePerson(value: string): Person {
  const match = /^(.*) <(.*)> (\d+) ([+-])(\d\d)(\d\d)$/.exec(value);
  if (!match) return { name: value, email: '', timestamp: 0, timezoneOffset: 0 };
  const east = (Number(match[5]) * 60 + Number(match[6])) * (match[4] === '-' ? -1 : 1);
  // isomorphic-git (like Date#getTimezoneOffset) counts minutes west of UTC
  return { name: match[1], email: match[2], timestamp: Number(match[3]), timezoneOffset: east === 0 ? 0 : -east };
}

/** A commit object: headers (continuation lines start with a space), a blank line, the message. */
export function parseCommit(oid: string, content: Buffer): CommitInfo {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const head = split === -1 ? text : text.slice(0, split);
  const message = split === -1 ? '' : text.slice(split + 2);
  const parents: string[] = [];
  let tree = '';
  let author: Person | undefined;
  let committer: Person | undefined;
  for (const line of head.split('\n')) {
    if (line.startsWith(' ')) continue; // continuation of a multi-line header (gpgsig, mergetag)
    const space = line.indexOf(' ');
    const key = line.slice(0, space);
    const value = line.slice(space + 1);
    if (key === 'tree') tree = value;
    else if (key === 'parent') parents.push(value);
    else if (key === 'author') author = parsePerson(value);
    else if (key === 'committer') committer = parsePerson(value);
  }
  const nobody: Person = { name: '', email: '', timestamp: 0, timezoneOffset: 0 };
  return {
    oid,
    tree,
    parents,
    message,
    author: author ?? committer ?? nobody,
    committer: committer ?? author ?? nobody,
  };
}
