import * as path from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fs from 'node:fs';
import { parseCommit, parseTree } from './objects.js';
import { commitContent, looseObject, objectId, treeContent } from './looseObjects.js';
import { readRef } from './refs.js';
import { createFastFs } from './fastFs.js';
import { modesFor } from './modes.js';
import { PackReader } from './packReader.js';
import { readShallow } from './shallow.js';
import { buildIndexedPack, buildPack, storePack } from './packWriter.js';
import { indexPack } from './packIndex.js';
import { rollUpPacks } from './repack.js';
import { MemoirError, UsageError } from '../errors/index.js';

/*
 * memoir's view of a git repository: objects, trees and commits through isomorphic-git,
 * with one shared `cache` per process (without it every call re-reads packfiles) and parsed
 * trees and commits memoised by object id, since objects never change.
 */

export interface Person {
  name: string;
  email: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** Minutes, as isomorphic-git and `Date#getTimezoneOffset` count them (UTC+2 is -120). */
  timezoneOffset: number;
}

export interface CommitInfo {
  oid: string;
  tree: string;
  parents: string[];
  message: string;
  author: Person;
  committer: Person;
}

export interface TreeEntry {
  mode: string;
  path: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

let isomorphicGit: Promise<typeof import('./isomorphicGit.js')> | undefined;

/**
 * isomorphic-git, loaded on first use: writes, packfiles and the rare lookups need it, but
 * reading refs and loose objects does not, and read-only commands start ~12 ms faster
 * without it.
 */
function loadGit(): Promise<typeof import('./isomorphicGit.js')> {
  return (isomorphicGit ??= import('./isomorphicGit.js'));
}

export class GitStore {
  readonly gitdir: string;
  private readonly cache = {};
  private readonly trees = new Map<string, TreeEntry[]>();
  private readonly commits = new Map<string, CommitInfo>();
  private readonly blobs = new Map<string, string>();
  private readonly fs: ReturnType<typeof createFastFs>;
  private readonly packs: PackReader;
  /** `<gitdir>/objects/`, joined once: path.join per object, run cold, cost `ls` ~10 ms on 10,000 facts. */
  private readonly objectsDir: string;

  constructor(gitdir: string) {
    this.gitdir = gitdir;
    this.objectsDir = path.join(gitdir, 'objects') + path.sep;
    this.fs = createFastFs(gitdir);
    this.packs = new PackReader(gitdir, (oid) => this.readRaw(oid));
  }

  private get base() {
    return { fs: this.fs, gitdir: this.gitdir, cache: this.cache };
  }

  /**
   * Creates a bare repository. With `sharedRepository` (e.g. `0600`), its files get the modes
   * that asks for (see modes.ts), and it is recorded as `core.sharedRepository` so that memoir
   * and git keep using them.
   */
  static async init(gitdir: string, defaultBranch: string, sharedRepository?: string): Promise<void> {
    const git = await loadGit();
    const fs = createFastFs(gitdir, () => modesFor(sharedRepository));
    await git.init({ fs, dir: gitdir, gitdir, bare: true, defaultBranch });
    if (sharedRepository) await git.setConfig({ fs, gitdir, path: 'core.sharedRepository', value: sharedRepository });
  }

  /** The full oid a ref names (`HEAD`, `main`, `refs/heads/main`), or undefined if it does not exist. */
  async resolveRef(ref: string): Promise<string | undefined> {
    return readRef(this.gitdir, ref);
  }

  /** The full oid of an abbreviated one (at least 4 hex digits); throws when unknown or ambiguous. */
  async expandOid(prefix: string): Promise<string> {
    const git = await loadGit();
    try {
      return await git.expandOid({ ...this.base, oid: prefix });
    } catch (error) {
      throw translate(error, this.gitdir);
    }
  }

  /**
   * An object's type and content. isomorphic-git locates it (loose file or packfile);
   * loose objects come back deflated and are inflated here synchronously.
   */
  private lastPacked = false;

  private async readRaw(oid: string): Promise<{ type: string; content: Buffer }> {
    const pending = this.pending?.get(oid);
    if (pending) return pending;
    // where the last object was found is asked first: a walk's objects are mostly all loose (a
    // store memoir wrote) or all packed (cloned, or after gc), and a miss costs either a failed
    // open of the loose path or a search of every pack's index
    if (this.lastPacked) {
      const listed = await this.readPacked(oid, false);
      if (listed) return listed;
    }
    const loose = this.readLoose(oid);
    if (loose) {
      this.lastPacked = false;
      return loose;
    }
    const packed = await this.readPacked(oid);
    if (packed) {
      this.lastPacked = true;
      return packed;
    }
    const git = await loadGit();
    let result: { format: string; object: Uint8Array; type?: string };
    try {
      result = (await git.readObject({ ...this.base, oid, format: 'deflated' })) as typeof result;
      if (result.format === 'content') return { type: result.type!, content: Buffer.from(result.object) };
      const raw = unwrap(result.format === 'deflated' ? inflateSync(result.object) : Buffer.from(result.object));
      if (raw) return raw;
    } catch (error) {
      // found but unreadable (a damaged packfile): isomorphic-git's own error would say nothing useful
      throw translate(error, this.gitdir, () =>
        corruptObject(this.gitdir, oid, path.join(this.gitdir, 'objects', 'pack'), 'its packfile cannot be read'),
      );
    }
    throw corruptObject(
      this.gitdir,
      oid,
      path.join(this.gitdir, 'objects', 'pack'),
      'its header does not match its content',
    );
  }

  /** A packed object, read by memoir's own pack reader; undefined when no pack holds it (or a pack it cannot read). */
  private async readPacked(oid: string, lookForNew = true): Promise<{ type: string; content: Buffer } | undefined> {
    try {
      return await (lookForNew ? this.packs.read(oid) : this.packs.readListed(oid));
    } catch (error) {
      throw corruptObject(this.gitdir, oid, path.join(this.gitdir, 'objects', 'pack'), (error as Error).message);
    }
  }

  /** A loose object (`objects/ab/cdef…`), or undefined when it is packed or missing. */
  private readLoose(oid: string): { type: string; content: Buffer } | undefined {
    const file = this.loosePath(oid);
    let deflated: Buffer;
    try {
      deflated = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    let wrapped: Buffer;
    try {
      wrapped = inflateSync(deflated);
    } catch {
      throw corruptObject(this.gitdir, oid, file, 'it does not decompress');
    }
    const raw = unwrap(wrapped);
    if (!raw) throw corruptObject(this.gitdir, oid, file, 'its header does not match its content');
    return raw;
  }

  private async readTyped(oid: string, type: string): Promise<Buffer> {
    const raw = await this.readRaw(oid);
    if (raw.type !== type) throw new UsageError('wrong-object-type', `${oid} is a ${raw.type}, not a ${type}`);
    return raw.content;
  }

  async readCommit(oid: string): Promise<CommitInfo> {
    const known = this.commits.get(oid);
    if (known) return known;
    const parsed = parseCommit(oid, await this.readTyped(oid, 'commit'));
    // the boundary of a shallow store: its parents were never fetched, so it is a root here
    const info = this.shallowCommits().has(oid) ? { ...parsed, parents: [] } : parsed;
    this.commits.set(oid, info);
    return info;
  }

  private shallow: Set<string> | undefined;

  /** The commits of a shallow store read as roots (git's `shallow` file); empty for a whole one. */
  shallowCommits(): Set<string> {
    this.shallow ??= readShallow(this.gitdir);
    return this.shallow;
  }

  /** After a fetch moved the shallow boundary: commits are read again with their parents as they now are. */
  forgetShallow(): void {
    this.shallow = undefined;
    this.commits.clear();
  }

  async readTree(oid: string): Promise<TreeEntry[]> {
    const known = this.trees.get(oid);
    if (known) return known;
    const entries = oid === EMPTY_TREE ? [] : parseTree(await this.readTyped(oid, 'tree'));
    this.trees.set(oid, entries);
    return entries;
  }

  /** The entry at a slash-separated path inside a tree, descending only the trees on the way. */
  async entryAt(treeOid: string, filepath: string): Promise<TreeEntry | undefined> {
    let current: TreeEntry = { mode: '040000', path: '', oid: treeOid, type: 'tree' };
    for (const name of filepath.split('/').filter(Boolean)) {
      if (current.type !== 'tree') return undefined;
      const next = (await this.readTree(current.oid)).find((e) => e.path === name);
      if (!next) return undefined;
      current = next;
    }
    return current;
  }

  /**
   * A blob as it is at hand: its text when this process has read it already, else its bytes, not
   * kept (a reader of many large blobs that needs only some of their lines, core/leafDelta.ts).
   */
  async readBlob(oid: string): Promise<string | Buffer> {
    return this.blobs.get(oid) ?? this.readTyped(oid, 'blob');
  }

  async readBlobText(oid: string): Promise<string> {
    const known = this.blobs.get(oid);
    if (known !== undefined) return known;
    const text = (await this.readTyped(oid, 'blob')).toString('utf8');
    this.blobs.set(oid, text);
    return text;
  }

  /** Whether a blob's bytes are valid UTF-8 (readBlobText replaces invalid ones with U+FFFD). */
  async isUtf8Blob(oid: string): Promise<boolean> {
    if (!(await this.readBlobText(oid)).includes('\uFFFD')) return true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(await this.readTyped(oid, 'blob'));
      return true;
    } catch {
      return false;
    }
  }

  async writeBlobText(text: string): Promise<string> {
    const oid = await this.writeObject('blob', Buffer.from(text, 'utf8'));
    this.blobs.set(oid, text);
    return oid;
  }

  async writeTree(entries: TreeEntry[]): Promise<string> {
    const oid = await this.writeObject('tree', treeContent(entries));
    this.trees.set(oid, entries);
    return oid;
  }

  /**
   * Writes a commit; with `sign`, signed as git signs: the signature of the commit as written
   * without it goes in a `gpgsig` header after the committer, its lines continued with a space.
   */
  async writeCommit(commit: Omit<CommitInfo, 'oid'>, sign?: (payload: Buffer) => Promise<string>): Promise<string> {
    const content = commitContent(commit);
    if (!sign) return this.writeObject('commit', content);
    const signature = (await sign(content)).trimEnd().split('\n').join('\n ');
    const text = content.toString('utf8');
    const end = text.indexOf('\n\n');
    return this.writeObject(
      'commit',
      Buffer.from(`${text.slice(0, end)}\ngpgsig ${signature}${text.slice(end)}`, 'utf8'),
    );
  }

  /**
   * Whether the object is in the store (loose or packed): asked for each tip a fetch might want,
   * so answered without isomorphic-git (whose reader knows no other index format than ours).
   */
  async hasObject(oid: string): Promise<boolean> {
    return fs.existsSync(this.loosePath(oid)) || this.packs.has(oid);
  }

  /** An object's type and content as stored, loose or packed (a tag's too). */
  readObject(oid: string): Promise<{ type: string; content: Buffer }> {
    return this.readRaw(oid);
  }

  /** A packfile holding these objects whole (no deltas), as sent to a remote (see buildPack). */
  async packObjects(oids: readonly string[]): Promise<Buffer> {
    const objects: Array<{ type: string; content: Buffer }> = [];
    for (const oid of oids) objects.push(await this.readRaw(oid));
    return buildPack(objects);
  }

  /**
   * The index (`.idx`) of a packfile that is not in the store yet, built in memory so that
   * neither file appears in objects/pack until both are complete.
   */
  async indexPack(pack: Buffer, onProgress?: (phase: string, loaded: number, total: number) => void): Promise<Buffer> {
    return (await indexPack(pack, (oid) => this.readRaw(oid), onProgress)).index;
  }

  /** Objects made inside batchObjects, written when it ends. */
  private pending: Map<string, { type: string; content: Buffer }> | undefined;

  /**
   * Runs `write`, keeping the objects it makes in memory (readable meanwhile), then writes them:
   * as one packfile and its index when there are at least PACK_AT_LEAST, loose otherwise. A
   * commit of thousands of facts or a merge of many leaves writes a few dozen objects, and each
   * loose one is a file made, flushed and renamed (5–7 ms on this disk); a pack is two files.
   * The objects are on disk before `write`'s result is returned, so before any ref can name them.
   */
  async batchObjects<T>(write: () => Promise<T>): Promise<T> {
    if (this.pending) return write();
    this.pending = new Map();
    try {
      const result = await write();
      const objects = [...this.pending].map(([oid, object]) => ({ oid, ...object }));
      if (objects.length >= PACK_AT_LEAST) await this.writePack(objects);
      else for (const { type, content } of objects) await this.writeLoose(type as 'blob', content);
      return result;
    } finally {
      this.pending = undefined;
    }
  }

  private async writePack(objects: ReadonlyArray<{ oid: string; type: string; content: Buffer }>): Promise<void> {
    const { pack, index } = buildIndexedPack(objects);
    await storePack(this.gitdir, pack, () => index);
    // one more pack: past a few, the small ones are folded into one
    await rollUpPacks(this);
  }

  private async writeObject(type: 'blob' | 'tree' | 'commit', content: Buffer): Promise<string> {
    if (!this.pending) return this.writeLoose(type, content);
    const oid = objectId(type, content);
    if (!this.pending.has(oid) && !fs.existsSync(this.loosePath(oid))) this.pending.set(oid, { type, content });
    return oid;
  }

  private loosePath(oid: string): string {
    return this.objectsDir + oid.slice(0, 2) + path.sep + oid.slice(2);
  }

  /** A loose object, written atomically through the repository's file system unless it is already there. */
  private async writeLoose(type: 'blob' | 'tree' | 'commit', content: Buffer): Promise<string> {
    const { oid, deflated } = looseObject(type, content);
    const file = this.loosePath(oid);
    if (fs.existsSync(file)) return oid;
    await this.fs.promises.mkdir(path.dirname(file), { recursive: true });
    await this.fs.promises.writeFile(file, deflated);
    return oid;
  }
}

/** From this many objects a batch is written as a packfile (git's transfer.unpackLimit is 100, for objects received). */
const PACK_AT_LEAST = 16;

/**
 * `<type> <size>\0<content>`: a git object with its header; undefined when the header is not
 * that, or the size is not the content's (a truncated or overwritten object).
 */
function unwrap(wrapped: Buffer): { type: string; content: Buffer } | undefined {
  const space = wrapped.indexOf(0x20);
  const nul = space === -1 ? -1 : wrapped.indexOf(0, space);
  if (nul === -1) return undefined;
  const type = wrapped.toString('latin1', 0, space);
  const size = wrapped.toString('latin1', space + 1, nul);
  const content = wrapped.subarray(nul + 1);
  if (!OBJECT_TYPES.has(type) || !/^\d+$/.test(size) || Number(size) !== content.length) return undefined;
  return { type, content };
}

const OBJECT_TYPES = new Set(['blob', 'tree', 'commit', 'tag']);

/** An object that is there but cannot be read: damaged on disk, never to be guessed at. */
function corruptObject(gitdir: string, oid: string, file: string, reason: string): MemoirError {
  return new MemoirError('corrupt-object', `the git object ${oid} is corrupt (${reason}): ${file}`, {
    hint: `run "git --git-dir ${gitdir} fsck" to see the damage; restore the repository from a backup or a clone`,
    data: { oid, file },
  });
}

/** isomorphic-git's errors, in memoir's terms; any other is `other()` when given. */
function translate(error: unknown, gitdir: string, other?: () => MemoirError): unknown {
  const code = (error as { code?: string })?.code;
  if (code === 'NotFoundError')
    return new MemoirError('object-not-found', `git object not found: ${(error as Error).message}`, {
      hint: `run "git --git-dir ${gitdir} fsck" to check the repository`,
    });
  if (code === 'AmbiguousError')
    return new UsageError('ambiguous-revision', (error as Error).message, {
      hint: 'give more digits of the commit id',
    });
  if (error instanceof MemoirError || !other) return error;
  return other();
}
