import { plural } from '../core/words.js';
import { isRefName } from '../core/refName.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recordedAtOf, type Fact } from '../core/fact.js';
import { type LeafLine, leafFilePath, ROOT_FILES, writeLeafFile, prefixFilePath } from '../core/leafFile.js';
import { leafFacts, leafLines } from './leafFacts.js';
import { RefusedError, UsageError } from '../errors/index.js';
import type { Stage } from '../core/stage.js';
import { CORRECTIONS_FILE, parseCorrections, type Correction } from '../core/corrections.js';
import { GitStore, type CommitInfo, type Person } from './git.js';
import { acquireLock, isAlive } from './lock.js';
import { readFileIfExists, sweepTemporaryFiles } from './atomicFile.js';
import { brokenBranchRefs, isCommit, type BrokenRef } from './integrity.js';
import type { HistoryEdit, RawObject, RewrittenHistory } from './rewriteHistory.js';
import { repositoryModes } from './modes.js';
import { mkdirInside, refuseLinks, tmpDirOf, writeError, writeInside } from './safeWrite.js';
import { deleteRef, listBranches, listRefs, readRef, renameReflog, setHead, symbolicHead, updateRef } from './refs.js';
import type { BranchUpdate, RemoteRefs, TransferOptions, Transport } from './remote/transport.js';
import { updateShallow } from './shallow.js';
import { aheadBehind, type AheadBehind, commitsInRange } from './aheadBehind.js';
import { type Tracking, upstreamForTrackingRef, upstreamOf } from './upstream.js';
import { ancestorsOfAll, isAncestor, mergeBases } from './mergeBases.js';
import { mergeCommits, type MergeOptions, type TreeMerge } from './treeMerge.js';
import { clearMergeState, readMergeState, writeMergeState, type MergeState, type SideChange } from './mergeState.js';
import { STATE_DIR } from './repository.js';
import { resolveRevision } from './revisions.js';
import { changedLeaves, commitFactChanges, treeFactChanges } from './factChanges.js';
import { readStage, writeStage } from './stageFile.js';
import { readReviewQueue, writeReviewQueue, type ReviewQueue } from './reviewQueue.js';
import { readRejections, writeRejections, type Rejections } from './consolidateRejections.js';
import { writeTreeWithChanges } from './treeWriter.js';
import type { LeafFileChange } from './treeDiff.js';
import type { FactChange } from '../core/factDiff.js';
import type { Cardinality } from '../core/taxonomy.js';
import type { ProgressSink } from '../core/progress.js';
import { type LeafFile, leavesOfTree } from './leafList.js';

export interface Head {
  /** `refs/heads/main`; undefined when HEAD is detached. */
  ref?: string;
  branch?: string;
  /** The commit HEAD names; undefined on a branch with no commits yet. */
  oid?: string;
}

export type { LeafFile } from './leafList.js';

export interface NewCommit {
  parents: string[];
  /** Leaf path → its complete new list of facts (an empty list deletes the file). */
  leaves: Map<string, Fact[]>;
  message: string;
  author: Person;
  committer: Person;
  /** Other files to write, by slash path (null deletes), e.g. the corrections file. */
  files?: Map<string, string | null>;
  /** Hears each file written ("writing leaves"), for a person watching a big commit. */
  progress?: ProgressSink;
}

/**
 * The memory repository in domain terms: facts at leaves, commits, the stage, the lock.
 * Commands and the core never see git objects; this is where facts meet trees.
 */
export class Memory {
  readonly git: GitStore;
  /** Told once per leaf written that keeps lines memoir cannot read (a one-line stderr warning). */
  warn?: (message: string) => void;

  constructor(readonly gitdir: string) {
    this.git = new GitStore(gitdir);
  }

  get stateDir(): string {
    return path.join(this.gitdir, STATE_DIR);
  }

  /** The commit a ref names (`refs/heads/main`, `HEAD`); undefined when there is no such ref. */
  resolveRef(ref: string): Promise<string | undefined> {
    return this.git.resolveRef(ref);
  }

  /** A blob's text, by its id (as listLeaves gives a leaf file's). */
  readBlobText(oid: string): Promise<string> {
    return this.git.readBlobText(oid);
  }

  /** Whether a blob is UTF-8 text (a leaf file memoir can read). */
  isUtf8Blob(oid: string): Promise<boolean> {
    return this.git.isUtf8Blob(oid);
  }

  /** Whether an object id names a commit that can be read. */
  isCommit(oid: string): Promise<boolean> {
    return isCommit(this.git, oid);
  }

  /** Whether the store holds an object (loose or packed). */
  hasObject(oid: string): Promise<boolean> {
    return this.git.hasObject(oid);
  }

  /** An object's type and content as stored (see forget's verification). */
  readObject(oid: string): Promise<{ type: string; content: Buffer }> {
    return this.git.readObject(oid);
  }

  /** The commits of a shallow store read as roots (git's `shallow` file). */
  shallowCommits(): ReadonlySet<string> {
    return this.git.shallowCommits();
  }

  /**
   * A file of memoir's cache (`state/cache/<name>`), derived from objects and safe to lose; undefined
   * when absent. Local to this store: nothing here is fetched or pushed.
   */
  readCache(name: string): string | undefined {
    try {
      return readFileIfExists(path.join(this.stateDir, 'cache', name));
    } catch {
      return undefined; // unreadable (a file where the folder should be): worked out again
    }
  }

  /** Writes a cache file, best effort: a read-only store just works it out again next time. */
  writeCache(name: string, text: string): void {
    try {
      writeInside(this.gitdir, path.join(this.stateDir, 'cache', name), text);
    } catch {
      // not worth failing a command for
    }
  }

  /** Writes a scratch file a person edits (`state/<name>`) and returns its path. */
  scratchFile(name: string, text: string): string {
    const file = path.join(this.stateDir, name);
    writeInside(this.gitdir, file, text);
    return file;
  }

  /** Moves the loose objects, and the packs when there are several, into one packfile (memoir gc); the caller holds the lock. */
  async packLoose(): Promise<{ count: number; packs: number; pack?: string }> {
    return (await import('./repack.js')).packLooseObjects(this.git);
  }

  /** The store's packfiles, by name (`pack-<sha>`). */
  async packNames(): Promise<string[]> {
    return (await import('./repack.js')).packNames(this.gitdir);
  }

  /** Removes packfiles that no ref reaches into (what a refused fetch received). */
  async removePacks(names: readonly string[]): Promise<void> {
    if (names.length > 0) (await import('./repack.js')).removePacks(this.gitdir, names);
  }

  /** History from `tips` rewritten by `edit`, nothing written (see rewriteHistory.ts). */
  async rewriteHistory(tips: readonly string[], edit: HistoryEdit): Promise<RewrittenHistory> {
    const { rewriteHistory } = await import('./rewriteHistory.js');
    return rewriteHistory(this.git, tips, edit);
  }

  /**
   * Packs every object reachable from `tips` (new ones from `fresh`, the rest from the store) into
   * one new packfile, and returns its name (`pack-<sha>`).
   */
  async packReachable(
    tips: Iterable<string>,
    fresh: ReadonlyMap<string, RawObject>,
    shallow: ReadonlySet<string>,
  ): Promise<string> {
    const { reachableObjects, writePackOf } = await import('./repack.js');
    return writePackOf(this.git, await reachableObjects(this.git, tips, fresh, shallow));
  }

  /** Branch refs that name no readable commit (for fsck). */
  brokenBranchRefs(): Promise<BrokenRef[]> {
    return brokenBranchRefs(this.gitdir, this.git);
  }

  async head(): Promise<Head> {
    const ref = symbolicHead(this.gitdir);
    const oid = await this.git.resolveRef('HEAD');
    return { ref, branch: ref?.replace(/^refs\/heads\//, ''), oid };
  }

  /** The commit a revision names: `HEAD`, a branch, a full or abbreviated id, with `~N`/`^N`, `main@{N}`. */
  resolve(rev: string): Promise<string> {
    return resolveRevision(this.git, this.gitdir, rev);
  }

  async readCommit(oid: string): Promise<CommitInfo> {
    return this.git.readCommit(oid);
  }

  /** The facts at a leaf in a commit (none when the commit is undefined: an unborn branch). */
  async readLeaf(commit: string | undefined, leafPath: string): Promise<Fact[]> {
    if (!commit) return [];
    const { tree } = await this.git.readCommit(commit);
    const entry = await this.git.entryAt(tree, leafFilePath(leafPath));
    if (entry?.type !== 'blob') return [];
    return leafFacts(this.git, entry.oid, leafPath);
  }

  async readLeaves(commit: string | undefined, leafPaths: Iterable<string>): Promise<Map<string, Fact[]>> {
    const result = new Map<string, Fact[]>();
    for (const leafPath of new Set(leafPaths)) result.set(leafPath, await this.readLeaf(commit, leafPath));
    return result;
  }

  /** The populated leaf files of a commit, optionally under a dotted prefix, in path order. */
  async listLeaves(
    commit: string | undefined,
    prefix?: string,
    { fromTrees = false }: { fromTrees?: boolean } = {},
  ): Promise<LeafFile[]> {
    if (!commit) return [];
    const { tree } = await this.git.readCommit(commit);
    // the whole tree's listing is kept (store/leafList.ts), but for a check of the store itself
    // (fromTrees: fsck), which reads the trees; a prefix takes its part of the listing
    const all = await leavesOfTree(this.git, tree, {
      read: (n) => (fromTrees ? undefined : this.readCache(n)),
      write: (n, t) => this.writeCache(n, t),
    });
    if (!prefix) return all;
    // a file at the root memoir reads beside the leaves (policy.yaml) is no leaf, nor holds any
    if (ROOT_FILES.has(prefix)) return [];
    return all.filter((leaf) => leaf.path === prefix || leaf.path.startsWith(`${prefix}.`));
  }

  /** Every fact in a commit, optionally under a prefix, grouped by leaf in path order. */
  async readAll(commit: string | undefined, prefix?: string): Promise<Fact[]> {
    const facts: Fact[] = [];
    for (const leaf of await this.listLeaves(commit, prefix))
      facts.push(...(await leafFacts(this.git, leaf.oid, leaf.path)));
    return facts;
  }

  /** The object id at a dotted prefix in a commit's tree; compares history without reading files. */
  async prefixOid(commit: string, prefix: string): Promise<string | undefined> {
    const { tree } = await this.git.readCommit(commit);
    return (await this.git.entryAt(tree, prefixFilePath(prefix)))?.oid;
  }

  /** The corrections recorded in a commit (none before the first). */
  async readCorrections(commit: string | undefined): Promise<Correction[]> {
    if (!commit) return [];
    const entry = await this.git.entryAt((await this.git.readCommit(commit)).tree, CORRECTIONS_FILE);
    return entry?.type === 'blob' ? parseCorrections(await this.git.readBlobText(entry.oid)) : [];
  }

  /** A file of a commit's tree at a slash path (`policy.yaml`), as text with its blob id; undefined when absent or empty memory. */
  async readFileAt(commit: string | undefined, file: string): Promise<{ oid: string; text: string } | undefined> {
    if (!commit) return undefined;
    const entry = await this.git.entryAt((await this.git.readCommit(commit)).tree, file);
    return entry?.type === 'blob' ? { oid: entry.oid, text: await this.git.readBlobText(entry.oid) } : undefined;
  }

  /** Fact-level changes from one tree to another (before undefined: an empty memory), grouped by leaf in path order (see diffLeaf). */
  treeChanges(
    before: string | undefined,
    after: string,
    cardinalityOf: (path: string) => Cardinality,
  ): Promise<FactChange[]> {
    return treeFactChanges(this.git, before, after, cardinalityOf);
  }

  /** The leaf files that differ between two commits (either undefined: an empty memory), optionally only under some prefixes. */
  changedLeaves(
    from: string | undefined,
    to: string | undefined,
    prefixes: readonly string[] = [],
  ): Promise<LeafFileChange[]> {
    return changedLeaves(this.git, from, to, prefixes);
  }

  /** Fact-level changes from one commit to another, grouped by leaf in path order (see diffLeaf). */
  diff(
    from: string | undefined,
    to: string | undefined,
    cardinalityOf: (path: string) => Cardinality,
    prefixes: readonly string[] = [],
  ): Promise<FactChange[]> {
    return commitFactChanges(this.git, from, to, cardinalityOf, prefixes);
  }

  /** Writes the tree and commit for new leaf contents; the branch is not moved (see updateBranch). */
  async writeCommit(commit: NewCommit): Promise<string> {
    const tree = await this.writeTree(commit.parents[0], commit.leaves, commit.files, commit.progress);
    return this.commitTree({
      tree,
      parents: commit.parents,
      message: commit.message,
      author: commit.author,
      committer: commit.committer,
    });
  }

  /** Writes the tree of `parent` with new leaf contents and other files (null deletes); returns its id. */
  async writeTree(
    parent: string | undefined,
    leaves: ReadonlyMap<string, Fact[]>,
    files?: ReadonlyMap<string, string | null>,
    progress?: ProgressSink,
  ): Promise<string> {
    const base = parent ? (await this.git.readCommit(parent)).tree : undefined;
    const changes = new Map<string, string | null>();
    // lines memoir did not write are kept: each leaf is written over the file it replaces
    for (const [leaf, facts] of leaves) {
      const { text, unreadable } = writeLeafFile(await this.leafLines(base, leaf), leaf, facts);
      if (unreadable > 0)
        this.warn?.(
          `${leafFilePath(leaf)} keeps ${plural(unreadable, 'line')} memoir cannot read as facts (see "memoir fsck")`,
        );
      changes.set(leafFilePath(leaf), text ?? null);
    }
    for (const [file, content] of files ?? []) changes.set(file, content);
    // the blobs and trees of a big change as one pack (see GitStore.batchObjects)
    return this.git.batchObjects(() => writeTreeWithChanges(this.git, base, changes, progress));
  }

  /** A leaf file's lines in a tree, refused when its bytes are not UTF-8 (rewriting it would lose them). */
  private async leafLines(
    tree: string | undefined,
    leaf: string,
  ): Promise<{ lines: readonly LeafLine[]; unended: boolean } | undefined> {
    const entry = tree ? await this.git.entryAt(tree, leafFilePath(leaf)) : undefined;
    if (entry?.type !== 'blob') return undefined;
    if (!(await this.git.isUtf8Blob(entry.oid)))
      throw new RefusedError(
        'leaf-not-utf8',
        `${leafFilePath(leaf)} is not valid UTF-8; memoir will not rewrite it and lose its bytes`,
        { hint: 'fix the file\'s encoding with git, then retry ("memoir fsck" lists such files)' },
      );
    return leafLines(this.git, entry.oid, leaf);
  }

  /** Writes a commit object for a tree already written. */
  commitTree(commit: Omit<CommitInfo, 'oid'>): Promise<string> {
    return this.git.writeCommit(commit, this.signer);
  }

  /** Signs the commits this process writes from now on (commit -S, commit.sign); undefined stops. */
  signer: ((payload: Buffer) => Promise<string>) | undefined;

  /** The public key (SSH wire format) of `signer`, for the policy's signing rules. */
  signerKey: Buffer | undefined;

  /** A commit object as stored, for its signature to be checked. */
  async rawCommit(oid: string): Promise<Buffer> {
    const { type, content } = await this.git.readObject(oid);
    if (type !== 'commit') throw new UsageError('wrong-object-type', `${oid} is a ${type}, not a commit`);
    return content;
  }

  updateBranch(ref: string, oid: string, old: string | undefined, who: Person, message: string): void {
    updateRef(this.gitdir, { ref, oid, old, who, message });
  }

  /**
   * Commits reachable from `start` (one commit or several), newest first by committer date
   * (git log's order), each visited once.
   */
  async *walk(start: string | string[]): AsyncGenerator<CommitInfo> {
    const seen = new Set<string>(typeof start === 'string' ? [start] : start);
    const queue: CommitInfo[] = await Promise.all([...seen].map((oid) => this.git.readCommit(oid)));
    while (queue.length > 0) {
      let best = 0;
      for (let i = 1; i < queue.length; i++)
        if (queue[i].committer.timestamp > queue[best].committer.timestamp) best = i;
      const [commit] = queue.splice(best, 1);
      yield commit;
      for (const parent of commit.parents) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        queue.push(await this.git.readCommit(parent));
      }
    }
  }

  /** The local branches with their commits, in name order. */
  branches(): Array<{ name: string; oid: string }> {
    return listBranches(this.gitdir);
  }

  /** The remote-tracking branches (`origin/main`), in name order. */
  remoteBranches(): Array<{ name: string; oid: string }> {
    return listRefs(this.gitdir, 'refs/remotes/');
  }

  /** The commits every local branch and remote-tracking ref names: what this store is known to hold. */
  knownTips(): string[] {
    return [...new Set([...this.branches(), ...this.remoteBranches()].map((r) => r.oid))];
  }

  /**
   * Brings a remote's branches' objects into the store (no ref moves), records where a shallow
   * history now stops, and returns the remote's branches.
   */
  async fetchFrom(transport: Transport, options?: TransferOptions): Promise<RemoteRefs> {
    const fetched = await transport.fetch(this.git, this.knownTips(), options);
    // a remote's branch names are data: one that is no valid ref name (`../../config`) is ignored
    for (const name of fetched.branches.keys()) if (!isRefName(`refs/heads/${name}`)) fetched.branches.delete(name);
    if (fetched.head !== undefined && !fetched.branches.has(fetched.head)) delete fetched.head;
    if (fetched.shallow && (fetched.shallow.add.length > 0 || fetched.shallow.remove.length > 0)) {
      updateShallow(this.gitdir, fetched.shallow.add, fetched.shallow.remove);
      this.git.forgetShallow();
    }
    return fetched;
  }

  /** Sends branch updates to a remote, with the objects they need; `plan` decides them from the remote's branches. */
  pushTo(transport: Transport, plan: (remote: RemoteRefs) => Promise<BranchUpdate[]>, options?: TransferOptions) {
    return transport.push(this.git, plan, options);
  }

  /** Points HEAD at a branch or (detached) at a commit, with a reflog entry. The caller holds the lock. */
  setHead(
    target: { ref: string } | { oid: string },
    reflog: { old?: string; new?: string; who: Person; message: string },
  ): void {
    setHead(this.gitdir, target, reflog);
  }

  /** Deletes a branch ref and its reflog. The caller holds the lock. */
  deleteBranch(ref: string): void {
    deleteRef(this.gitdir, ref);
  }

  /** Renames a branch: the new ref written (with the reflog carried over), the old one deleted. The caller holds the lock. */
  renameBranch(from: string, to: string, oid: string, who: Person): void {
    renameReflog(this.gitdir, from, to);
    updateRef(this.gitdir, {
      ref: to,
      oid,
      old: oid,
      who,
      message: `Branch: renamed ${from.replace(/^refs\/heads\//, '')} to ${to.replace(/^refs\/heads\//, '')}`,
    });
    deleteRef(this.gitdir, from);
  }

  /** Every commit reachable from any of `commits`, themselves included. */
  ancestorsOf(commits: readonly string[]): Promise<Set<string>> {
    return ancestorsOfAll(this.git, commits);
  }

  mergeBases(a: string, b: string): Promise<string[]> {
    return mergeBases(this.git, a, b);
  }

  isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return isAncestor(this.git, ancestor, descendant);
  }

  /** Commits on `ours` and not `theirs`, and the reverse, walking only above where they meet. */
  aheadBehind(ours: string, theirs: string): Promise<AheadBehind> {
    return aheadBehind(this.git, ours, theirs);
  }

  /** The commits of `exclude..include` (or, symmetric, `exclude...include`), as git log selects them. */
  commitsInRange(exclude: string, include: string, symmetric = false): Promise<Set<string>> {
    return commitsInRange(this.git, exclude, include, symmetric);
  }

  /**
   * The branch `branch` follows (`branch.<b>.remote`/`.merge`), with the tip of its
   * remote-tracking ref: `oid` undefined when that ref is missing (git's `[gone]`).
   */
  async upstream(branch: string): Promise<(Tracking & { oid?: string }) | undefined> {
    const tracking = upstreamOf(this.gitdir, branch);
    return tracking && { ...tracking, oid: readRef(this.gitdir, tracking.ref) };
  }

  /**
   * The upstream a ref stands for: a remote-tracking ref (`refs/remotes/origin/main`) maps to
   * the remote branch it mirrors, a local branch to itself (remote `.`, as git records it).
   */
  async upstreamFor(ref: string): Promise<{ remote: string; merge: string } | undefined> {
    if (ref.startsWith('refs/heads/')) return { remote: '.', merge: ref };
    return upstreamForTrackingRef(this.gitdir, ref);
  }

  /** Records (or, with undefined, forgets) the upstream of a branch. The caller holds the lock. */
  async setUpstream(branch: string, upstream: { remote: string; merge: string } | undefined): Promise<void> {
    const { setUpstream } = await import('./gitConfig.js');
    await setUpstream(this.gitdir, branch, upstream);
  }

  /** The fact-level three-way merge of `theirs` into `ours` (nothing written). */
  mergeCommits(ours: string, theirs: string, options: MergeOptions): Promise<TreeMerge> {
    return mergeCommits(this.git, ours, theirs, options);
  }

  /**
   * The newest commit on `head`'s side that changed a leaf's file, skipping the commits in
   * `below` (the merge bases' history, see ancestorsOf): who changed a conflicting fact, and when.
   */
  async lastChange(head: string, leaf: string, below: ReadonlySet<string>): Promise<SideChange | undefined> {
    let looked = 0;
    for await (const commit of this.walk(head)) {
      if (++looked > 1000) return undefined;
      if (below.has(commit.oid)) continue;
      const parent = commit.parents[0];
      if ((await this.prefixOid(commit.oid, leaf)) === (parent ? await this.prefixOid(parent, leaf) : undefined))
        continue;
      return {
        commit: commit.oid,
        name: commit.author.name,
        email: commit.author.email,
        date: recordedAtOf(new Date(commit.author.timestamp * 1000)),
      };
    }
    return undefined;
  }

  /** The merge stopped on conflicts, or undefined when none is in progress. */
  readMerge(): MergeState | undefined {
    return readMergeState(this.gitdir);
  }

  writeMerge(state: MergeState): void {
    writeMergeState(this.gitdir, state);
  }

  clearMerge(): void {
    clearMergeState(this.gitdir);
  }

  readStage(): Stage {
    return readStage(this.gitdir);
  }

  writeStage(stage: Stage): void {
    writeStage(this.gitdir, stage);
  }

  /** The consolidation proposals a person rejected (store/consolidateRejections.ts). */
  readRejections(): Rejections {
    return readRejections(this.gitdir);
  }

  writeRejections(rejections: Rejections): void {
    writeRejections(this.gitdir, rejections);
  }

  readReviewQueue(): ReviewQueue {
    return readReviewQueue(this.gitdir);
  }

  writeReviewQueue(queue: ReviewQueue): void {
    writeReviewQueue(this.gitdir, queue);
  }

  /**
   * Takes the repository's writer lock; returns the function that releases it. Holding it,
   * temporary files left by writers that were killed are swept away.
   */
  async lock(command: string, timeoutMs: number, onWait?: () => void): Promise<() => void> {
    const file = path.join(this.stateDir, 'lock');
    const tmpDir = tmpDirOf(this.gitdir);
    // the places most writes go through: a link planted there stops the command before it changes anything
    const ref = symbolicHead(this.gitdir);
    for (const place of [tmpDir, 'objects', 'refs/heads', 'logs/HEAD', ...(ref ? [`logs/${ref}`] : [])])
      refuseLinks(this.gitdir, path.resolve(this.gitdir, place), true);
    refuseLinks(this.gitdir, file);
    if (ref) refuseLinks(this.gitdir, path.join(this.gitdir, ref));
    let release: () => void;
    try {
      // a store made by plain git has no state directory yet
      mkdirInside(this.gitdir, this.stateDir);
      release = await acquireLock(file, { command, timeoutMs, onWait, mode: repositoryModes(this.gitdir)?.file });
    } catch (error) {
      throw writeError(file, error);
    }
    sweepTemporaryFiles(tmpDir, isAlive);
    // a forget killed half-way is finished before anything else writes (see forgetJournal.ts)
    if (fs.existsSync(path.join(this.stateDir, 'forget-journal.json'))) {
      try {
        (await import('./forgetJournal.js')).finishPendingForget(this.gitdir);
      } catch (error) {
        release();
        throw error;
      }
    }
    return release;
  }
}
