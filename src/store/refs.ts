import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRefName } from '../core/refName.js';
import { MemoirError, UsageError } from '../errors/index.js';
import { readFileIfExists } from './atomicFile.js';
import type { Person } from './git.js';
import { appendInside, refuseLinks, removeInside, renameInside, writeInside } from './safeWrite.js';
import { byCodeUnit } from '../core/order.js';

export const ZERO_OID = '0'.repeat(40);

/** `+0100` for a timezone offset in isomorphic-git's minutes (-60 is UTC+1). */
export function formatTimezone(offsetMinutes: number): string {
  const east = -offsetMinutes;
  const abs = Math.abs(east);
  return `${east >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

export interface RefUpdate {
  /** Full ref name, e.g. `refs/heads/main`. */
  ref: string;
  oid: string;
  /** The value it had before (undefined for a new ref), recorded in the reflog. */
  old?: string;
  who: Person;
  /** Reflog message, e.g. `commit: Add 2 facts`. */
  message: string;
}

/**
 * Points a ref at a commit, atomically (readers see the old or the new id, never a torn
 * file), and records the move in git's reflog format so that both `git reflog` and
 * `memoir reflog` can list it. The caller holds the repository lock.
 */
export function updateRef(gitdir: string, update: RefUpdate): void {
  requireRefName(update.ref);
  const logs = symbolicHead(gitdir) === update.ref ? [update.ref, 'HEAD'] : [update.ref];
  // a reflog that is a link is refused before the ref moves: no half-recorded update
  for (const ref of logs) refuseLinks(gitdir, reflogPath(gitdir, ref), true);
  writeInside(gitdir, path.join(gitdir, update.ref), update.oid + '\n');
  const line = `${update.old ?? ZERO_OID} ${update.oid} ${update.who.name} <${update.who.email}> ${update.who.timestamp} ${formatTimezone(update.who.timezoneOffset)}\t${update.message.split('\n')[0]}\n`;
  for (const ref of logs) appendInside(gitdir, reflogPath(gitdir, ref), line);
}

function reflogPath(gitdir: string, ref: string): string {
  return path.join(gitdir, 'logs', ref);
}

/** A ref name about to become a path that memoir writes or removes: git's rules, or a usage error. */
function requireRefName(ref: string): void {
  if (!isRefName(ref))
    throw new UsageError('invalid-ref', `"${ref}" is not a valid ref name`, {
      hint: 'branch names follow git\'s rules ("git check-ref-format --branch <name>" checks one)',
    });
}

/**
 * The ref HEAD points at (`refs/heads/main`), or undefined when HEAD is detached. A HEAD
 * pointing at no valid ref (`ref: refs/heads/../../config`, from a tampered store) is refused:
 * following it would read and write files outside the refs.
 */
export function symbolicHead(gitdir: string): string | undefined {
  const head = readFileIfExists(path.join(gitdir, 'HEAD'))?.trim() ?? '';
  if (!head.startsWith('ref: ')) return undefined;
  const ref = head.slice(5).trim();
  if (ref.startsWith('refs/') && isRefName(ref)) return ref;
  throw new MemoirError('corrupt-head', `HEAD points at "${ref}", which is not a valid branch ref`, {
    hint: `point it at a branch: git --git-dir ${gitdir} symbolic-ref HEAD refs/heads/main`,
    data: { ref },
  });
}

const packedCache = new Map<string, { stamp: string; refs: Map<string, string> }>();

/**
 * `packed-refs`: the refs `git gc` or `git pack-refs` moved out of loose files. Cached per
 * process, and re-read whenever the file's size or modification time changes.
 */
function packedRefs(gitdir: string): Map<string, string> {
  const file = path.join(gitdir, 'packed-refs');
  let stamp = 'absent';
  try {
    const stat = fs.statSync(file);
    // the inode too: packed-refs is replaced by a rename, and forget's rewrite keeps its size
    stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    // no packed refs
  }
  const known = packedCache.get(gitdir);
  if (known?.stamp === stamp) return known.refs;
  const refs = new Map<string, string>();
  for (const line of (readFileIfExists(file) ?? '').split('\n')) {
    const match = /^([0-9a-f]{40}) (\S+)$/.exec(line);
    if (match) refs.set(match[2], match[1]);
  }
  packedCache.set(gitdir, { stamp, refs });
  return refs;
}

function readLooseRef(gitdir: string, name: string): string | undefined {
  if (!isRefName(name)) return undefined;
  try {
    return fs.readFileSync(path.join(gitdir, name), 'utf8').trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * The commit a ref names, as git resolves it: `HEAD`, a full ref, or a short name tried as
 * given (only git's all-capitals names: HEAD, ORIG_HEAD, ...), then under refs/, refs/tags/,
 * refs/heads/, refs/remotes/; loose files first, then packed-refs; symbolic refs followed.
 * Undefined when it does not exist (or names an unborn branch). A ref file that exists but
 * names no commit (empty after a power cut, garbled) is an error, never an empty branch: a
 * commit made on top of it would start a new history. Read directly, so that read-only
 * commands never load isomorphic-git.
 */
export function readRef(gitdir: string, ref: string, depth = 0): string | undefined {
  const candidates =
    ref === 'HEAD' || ref.startsWith('refs/')
      ? [ref]
      : [
          ...(/^[A-Z][A-Z_]*$/.test(ref) ? [ref] : []),
          `refs/${ref}`,
          `refs/tags/${ref}`,
          `refs/heads/${ref}`,
          `refs/remotes/${ref}`,
          `refs/remotes/${ref}/HEAD`,
        ];
  for (const name of candidates) {
    const value = readLooseRef(gitdir, name) ?? packedRefs(gitdir).get(name);
    if (value === undefined) continue;
    if (value.startsWith('ref: ')) return depth < 5 ? readRef(gitdir, value.slice(5).trim(), depth + 1) : undefined;
    if (/^[0-9a-f]{40}$/.test(value)) return value;
    throw brokenRef(gitdir, name);
  }
  return undefined;
}

/** A ref file that names no commit: the file, and where its history can still be found. */
function brokenRef(gitdir: string, name: string): MemoirError {
  return new MemoirError('broken-ref', `${path.join(gitdir, name)} does not name a commit (empty or garbled)`, {
    hint: name.startsWith('refs/heads/')
      ? `"memoir fsck --fix" points it at the last commit its reflog recorded ("memoir reflog ${name.slice(11)}" lists them)`
      : `write a commit id into it; "memoir reflog HEAD" lists where HEAD has been`,
    data: { ref: name },
  });
}

/**
 * Points HEAD at a branch (`refs/heads/x`, symbolic) or a commit (detached), atomically, and
 * records the move in HEAD's reflog as git's checkout does. The caller holds the lock.
 */
export function setHead(
  gitdir: string,
  target: { ref: string } | { oid: string },
  reflog: { old?: string; new?: string; who: Person; message: string },
): void {
  if ('ref' in target) requireRefName(target.ref);
  const content = 'ref' in target ? `ref: ${target.ref}\n` : `${target.oid}\n`;
  if (reflog.new) refuseLinks(gitdir, reflogPath(gitdir, 'HEAD'), true);
  writeInside(gitdir, path.join(gitdir, 'HEAD'), content);
  if (!reflog.new) return;
  const { who } = reflog;
  appendInside(
    gitdir,
    reflogPath(gitdir, 'HEAD'),
    `${reflog.old ?? ZERO_OID} ${reflog.new} ${who.name} <${who.email}> ${who.timestamp} ${formatTimezone(who.timezoneOffset)}\t${reflog.message}\n`,
  );
}

/** Makes `ref` a symbolic ref to `target` (a remote's `HEAD` naming its default branch). The caller holds the lock. */
export function writeSymbolicRef(gitdir: string, ref: string, target: string): void {
  requireRefName(ref);
  requireRefName(target);
  writeInside(gitdir, path.join(gitdir, ref), `ref: ${target}\n`);
}

/** Every local branch with the commit it names (loose and packed), in name order. */
export function listBranches(gitdir: string): Array<{ name: string; oid: string }> {
  return listRefs(gitdir, 'refs/heads/');
}

/**
 * Every ref under `prefix` (e.g. `refs/remotes/origin/`) that names a commit, loose and packed,
 * by the name that follows the prefix, in name order. Symbolic refs (a remote's `HEAD`) are
 * left out.
 */
export function listRefs(gitdir: string, prefix: string): Array<{ name: string; oid: string }> {
  const found = new Map<string, string>();
  for (const [name, oid] of packedRefs(gitdir)) if (name.startsWith(prefix)) found.set(name.slice(prefix.length), oid);
  for (const { name, value } of looseRefs(gitdir, prefix)) if (/^[0-9a-f]{40}$/.test(value)) found.set(name, value);
  return [...found].map(([name, oid]) => ({ name, oid })).sort((a, b) => byCodeUnit(a.name, b.name));
}

/** The loose ref files under `prefix`, by the name that follows it, with what they hold (an id, or `ref: …`). */
export function looseRefs(gitdir: string, prefix: string): Array<{ name: string; value: string }> {
  const found: Array<{ name: string; value: string }> = [];
  const visit = (dir: string, name: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = name + entry.name;
      if (entry.isDirectory()) visit(path.join(dir, entry.name), child + '/');
      else {
        const value = readLooseRef(gitdir, prefix + child);
        if (value !== undefined) found.push({ name: child, value });
      }
    }
  };
  visit(path.join(gitdir, prefix), '');
  return found;
}

/** Deletes a ref (its loose file, its packed line, its reflog), as `git branch -D` does. The caller holds the lock. */
export function deleteRef(gitdir: string, ref: string): void {
  requireRefName(ref);
  removeInside(gitdir, path.join(gitdir, ref));
  removeInside(gitdir, reflogPath(gitdir, ref));
  const file = path.join(gitdir, 'packed-refs');
  const text = readFileIfExists(file);
  if (text === undefined || !text.includes(` ${ref}\n`)) return;
  const lines = text.split('\n');
  const kept = lines.filter(
    (line, i) => !line.endsWith(` ${ref}`) && !(line.startsWith('^') && lines[i - 1]?.endsWith(` ${ref}`)),
  );
  writeInside(gitdir, file, kept.join('\n'));
}

/** Moves a ref's reflog to a new name (branch rename keeps its history, as git does). */
export function renameReflog(gitdir: string, from: string, to: string): void {
  requireRefName(from);
  requireRefName(to);
  const source = reflogPath(gitdir, from);
  if (!fs.existsSync(source)) return;
  renameInside(gitdir, source, reflogPath(gitdir, to));
}

/** One move of a ref, as git's reflog records it. */
export interface ReflogEntry {
  old: string;
  oid: string;
  name: string;
  email: string;
  timestamp: number;
  /** Offset as git writes it, e.g. `+0100`. */
  timezone: string;
  message: string;
}

/** A ref's reflog (`logs/<ref>`), newest first; empty when it has none. */
export function readReflog(gitdir: string, ref: string): ReflogEntry[] {
  const entries: ReflogEntry[] = [];
  if (!isRefName(ref)) return entries;
  for (const line of (readFileIfExists(path.join(gitdir, 'logs', ref)) ?? '').split('\n')) {
    // `s`: a message may hold U+2028 or a CR, which `.` alone does not match (git keeps them)
    const match = /^([0-9a-f]{40}) ([0-9a-f]{40}) (.*?) <(.*?)> (\d+) ([+-]\d{4})\t?(.*)$/s.exec(line);
    if (match)
      entries.push({
        old: match[1],
        oid: match[2],
        name: match[3],
        email: match[4],
        timestamp: Number(match[5]),
        timezone: match[6],
        message: match[7],
      });
  }
  return entries.reverse();
}

/** The full name of a branch or ref as git would find it (`main` → `refs/heads/main`), if it exists. */
export function fullRefName(gitdir: string, name: string): string | undefined {
  if (name === 'HEAD') return 'HEAD';
  const candidates = name.startsWith('refs/')
    ? [name]
    : [`refs/heads/${name}`, `refs/tags/${name}`, `refs/${name}`, `refs/remotes/${name}`];
  return candidates.find(
    (ref) =>
      isRefName(ref) &&
      (readLooseRef(gitdir, ref) !== undefined ||
        packedRefs(gitdir).has(ref) ||
        fs.existsSync(path.join(gitdir, 'logs', ref))),
  );
}

/** Every ref under refs/ that names an object, loose and packed, by full name (symbolic refs left out). */
export function allRefs(gitdir: string): Map<string, string> {
  return new Map(listRefs(gitdir, 'refs/').map(({ name, oid }) => [`refs/${name}`, oid]));
}

/** packed-refs holding these refs, sorted by name as git writes it. */
export function formatPackedRefs(refs: ReadonlyMap<string, string>): string {
  const names = [...refs.keys()].sort(byCodeUnit);
  return `# pack-refs with: sorted \n${names.map((name) => `${refs.get(name)} ${name}\n`).join('')}`;
}

/**
 * Moves every loose ref that names an object into packed-refs, with the value it has, as `git
 * pack-refs --all` does: the same refs before and after, and after it one write of packed-refs
 * moves them all at once. The caller holds the lock.
 */
export function packRefs(gitdir: string): void {
  const refs = allRefs(gitdir);
  writeInside(gitdir, path.join(gitdir, 'packed-refs'), formatPackedRefs(refs));
  for (const { name, value } of looseRefs(gitdir, 'refs/'))
    if (/^[0-9a-f]{40}$/.test(value)) removeInside(gitdir, path.join(gitdir, 'refs', name));
}
