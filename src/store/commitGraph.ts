import { EMPTY_TREE, type GitStore } from './git.js';
import { compareTrees } from './treeDiff.js';
import type { Memory } from './memory.js';

/*
 * What a walk through the history of some paths needs of each commit, kept in the store's cache
 * (`state/cache/commit-graph`, one JSON array a line): its committer time, its parents, and for
 * each parent the paths of the entries that differ from it. `log <leaf>` read every commit and
 * its trees down to the leaf on every run: ~0.2 s of 200 commits, ~0.6 s of 2,000. A commit never
 * changes, so an entry never goes stale; the file is memoir's own and safe to lose, and a line that
 * does not read as an entry is ignored and made again. A commit at a shallow store's boundary is
 * not kept: its parents may be fetched later.
 */

const FILE = 'commit-graph';

export interface GraphEntry {
  oid: string;
  /** Committer time, in seconds: the walk's order, as git log's. */
  time: number;
  parents: string[];
  /** For each parent (for a root commit, against the empty tree): the slash paths that differ. */
  changed: string[][];
}

const isEntry = (value: unknown): value is [string, number, string[], string[][]] =>
  Array.isArray(value) &&
  value.length === 4 &&
  typeof value[0] === 'string' &&
  /^[0-9a-f]{40}$/.test(value[0]) &&
  Number.isFinite(value[1]) &&
  Array.isArray(value[2]) &&
  value[2].every((p) => typeof p === 'string') &&
  Array.isArray(value[3]) &&
  value[3].length === Math.max(1, value[2].length) &&
  value[3].every((list) => Array.isArray(list) && list.every((p) => typeof p === 'string'));

export class CommitGraph {
  private readonly entries = new Map<string, GraphEntry>();
  /** Whether this process added entries the cache does not hold yet. */
  private added = false;

  constructor(private readonly memory: Memory) {
    for (const line of memory.readCache(FILE)?.split('\n') ?? []) {
      if (line === '') continue;
      try {
        const value: unknown = JSON.parse(line);
        if (isEntry(value))
          this.entries.set(value[0], { oid: value[0], time: value[1], parents: value[2], changed: value[3] });
      } catch {
        // a damaged line: the commit is read again
      }
    }
  }

  async entry(oid: string): Promise<GraphEntry> {
    const git = this.memory.git;
    // a commit at a shallow boundary is a root here, whatever was kept of it
    const known = git.shallowCommits().has(oid) ? undefined : this.entries.get(oid);
    if (known) return known;
    const commit = await git.readCommit(oid);
    const parentTrees = await Promise.all(commit.parents.map(async (p) => (await git.readCommit(p)).tree));
    const changed: string[][] = [];
    for (const parentTree of parentTrees.length > 0 ? parentTrees : [EMPTY_TREE])
      changed.push(await changedPaths(git, parentTree, commit.tree));
    const entry = { oid, time: commit.committer.timestamp, parents: commit.parents, changed };
    this.entries.set(oid, entry);
    if (!git.shallowCommits().has(oid)) this.added = true;
    return entry;
  }

  /**
   * Whether the commit changed anything at or under one of `files` (slash paths, as
   * prefixFilePath gives them) against every parent: for a root commit, whether it holds any.
   */
  async changes(oid: string, files: readonly string[]): Promise<boolean> {
    const { changed } = await this.entry(oid);
    return files.some((file) =>
      changed.every((paths) =>
        paths.some((path) => path === file || path.startsWith(`${file}/`) || file.startsWith(`${path}/`)),
      ),
    );
  }

  /** Commits reachable from `start`, newest first by committer time, each once: Memory.walk's order. */
  async *walk(start: readonly string[]): AsyncGenerator<GraphEntry> {
    const seen = new Set<string>(start);
    const queue: GraphEntry[] = await Promise.all([...seen].map((oid) => this.entry(oid)));
    while (queue.length > 0) {
      let best = 0;
      for (let i = 1; i < queue.length; i++) if (queue[i].time > queue[best].time) best = i;
      const [entry] = queue.splice(best, 1);
      yield entry;
      for (const parent of entry.parents) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        queue.push(await this.entry(parent));
      }
    }
  }

  /** Writes what this process added to the cache (nothing when it added nothing). */
  save(): void {
    if (!this.added) return;
    const lines = [...this.entries.values()]
      .filter((e) => !this.memory.git.shallowCommits().has(e.oid))
      .map((e) => JSON.stringify([e.oid, e.time, e.parents, e.changed]));
    this.memory.writeCache(FILE, `${lines.join('\n')}\n`);
    this.added = false;
  }
}

/**
 * The paths of the files that differ between two trees. A prefix changed when a path at or under
 * it did, or a file at a path above it (a file replaced by a folder, or the reverse).
 */
async function changedPaths(git: GitStore, before: string, after: string): Promise<string[]> {
  const paths: string[] = [];
  await compareTrees(git, before, after, '', (path, a, b) => {
    // a file (or a link) that changed, came or went, including one a tree replaced or was replaced by
    if ((a && a.type !== 'tree') || (b && b.type !== 'tree')) paths.push(path);
  });
  return paths;
}
