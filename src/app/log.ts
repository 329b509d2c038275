import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import { parseCount } from '../core/count.js';
import type { FactChange } from '../core/factDiff.js';
import { requirePrefix } from '../core/taxonomy.js';
import { pointInTime } from './pointInTime.js';
import type { CommitInfo } from '../store/git.js';

export interface LogOptions {
  maxCount?: string;
  oneline?: boolean;
  patch?: boolean;
  stat?: boolean;
  asOf?: string;
  json?: boolean;
}

export interface LogResult {
  branch?: string;
  head?: string;
  commits: CommitInfo[];
  /** With -p: each commit's fact changes against its first parent, under the path if any. */
  patches?: Map<string, FactChange[]>;
}

/**
 * Commits on the current branch, newest first. With a prefix, only the commits that changed
 * facts under it: the prefix's tree or file id is compared with each parent's, so a commit
 * is judged without reading any fact.
 */
export async function runLog(prefix: string | undefined, options: LogOptions, context: Deps): Promise<LogResult> {
  const limit = parseCount(options.maxCount, '-n');
  const taxonomy = await context.taxonomy();
  const filter = prefix ? requirePrefix(taxonomy, prefix) : undefined;
  const memory = await context.memory();
  const head = await memory.head();
  const commits: CommitInfo[] = [];
  const start = (await pointInTime(memory, { asOf: options.asOf }, context.now())).commit;
  if (!start || limit === 0) return { branch: head.branch, head: head.oid, commits };
  for await (const commit of memory.walk(start)) {
    if (filter) {
      const mine = await memory.prefixOid(commit.oid, filter);
      const parents = await Promise.all(commit.parents.map((p) => memory.prefixOid(p, filter)));
      const changed = parents.length === 0 ? mine !== undefined : parents.every((theirs) => theirs !== mine);
      if (!changed) continue;
    }
    commits.push(commit);
    if (limit !== undefined && commits.length >= limit) break;
  }
  if (!options.patch && !options.stat) return { branch: head.branch, head: head.oid, commits };
  const cardinalityOf = cardinalityIn(taxonomy);
  const patches = new Map<string, FactChange[]>();
  for (const commit of commits)
    patches.set(commit.oid, await memory.diff(commit.parents[0], commit.oid, cardinalityOf, filter ? [filter] : []));
  return { branch: head.branch, head: head.oid, commits, patches };
}
