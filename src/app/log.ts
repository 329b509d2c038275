import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import { parseCount } from '../core/count.js';
import type { FactChange } from '../core/factDiff.js';
import { requirePrefix } from '../core/taxonomy.js';
import { UsageError } from '../errors/index.js';
import { parseWhen } from '../core/when.js';
import { commitAsOf } from '../store/history.js';
import type { CommitInfo } from '../store/git.js';
import type { Memory } from '../store/memory.js';
import { splitOperands } from './operands.js';
import { commitsOf, inSelection, selectRange } from './range.js';
import { allowedSigners, type CommitVerification, verifications } from './verifyCommit.js';
import { prefixFilePath, ROOT_FILES } from '../core/leafFile.js';
import { CommitGraph } from '../store/commitGraph.js';
import { isConsolidation } from '../core/commitMessage.js';

export interface LogOptions {
  maxCount?: string;
  oneline?: boolean;
  patch?: boolean;
  stat?: boolean;
  asOf?: string;
  json?: boolean;
  /** Check each commit's SSH signature (against gpg.ssh.allowedSignersFile). */
  showSignature?: boolean;
  /** true: only the repairs `memoir consolidate` committed; false: none of them; undefined: every commit. */
  consolidation?: boolean;
}

export interface LogResult {
  branch?: string;
  head?: string;
  /** The revision or range given, when one was: the walk did not start from HEAD. */
  revision?: string;
  /** The branches and remote-tracking branches (`origin/main`) at each shown commit, by commit id. */
  refs?: Map<string, string[]>;
  /** With --show-signature: each commit's signature, by commit id. */
  signatures?: Map<string, CommitVerification>;
  commits: CommitInfo[];
  /** With -p: each commit's fact changes against its first parent, under the path if any. */
  patches?: Map<string, FactChange[]>;
}

/**
 * Commits on the current branch, or on a revision, or in a range (`main..origin/main`: what a
 * fetch brought; `a...b`: what either side has alone), newest first. With path prefixes, only
 * the commits that changed facts under one of them: each prefix's tree or file id is compared
 * with each parent's, so a commit is judged without reading any fact.
 */
export async function runLog(
  operands: string[],
  pathCount: number,
  options: LogOptions,
  context: Deps,
): Promise<LogResult> {
  const limit = parseCount(options.maxCount, '-n');
  const taxonomy = await context.leafIndex();
  const memory = await context.memory();
  const { revs, paths } = await splitOperands(operands, pathCount, memory, taxonomy);
  const filters = paths.map((path) => (ROOT_FILES.has(path) ? path : requirePrefix(taxonomy, path)));
  const head = await memory.head();
  const commits: CommitInfo[] = [];
  if (revs.length > 1)
    throw new UsageError(
      'too-many-revisions',
      `log shows one revision or range, got ${revs.length}: ${revs.join(' ')}`,
      {
        hint: 'give a range for the commits on one side only ("memoir log main..origin/main"), and paths after --',
      },
    );
  const { start, only } = await selectRange(memory, revs[0], head.oid);
  const shown = { branch: head.branch, head: head.oid, ...(revs.length > 0 ? { revision: revs[0] } : {}) };
  const from = options.asOf === undefined ? start : await asOf(memory, start, options.asOf, context.now());
  if (limit === 0) return { ...shown, commits };
  const wanted = (commit: CommitInfo) =>
    options.consolidation === undefined || isConsolidation(commit.message) === options.consolidation;
  if (filters.length === 0)
    for await (const commit of commitsOf(memory, from, only)) {
      if (!wanted(commit)) continue;
      commits.push(commit);
      if (limit !== undefined && commits.length >= limit) break;
    }
  else commits.push(...(await commitsChanging(memory, from, only, filters.map(prefixFilePath), limit, wanted)));
  const refs = refsAt(memory, commits, head.branch);
  const signatures = options.showSignature
    ? new Map(
        (
          await verifications(
            memory,
            commits.map((c) => c.oid),
            await allowedSigners(undefined, context),
          )
        ).map((v) => [v.commit, v]),
      )
    : undefined;
  if (!options.patch && !options.stat) return { ...shown, commits, refs, ...(signatures ? { signatures } : {}) };
  const cardinalityOf = cardinalityIn(taxonomy);
  const patches = new Map<string, FactChange[]>();
  for (const commit of commits)
    patches.set(commit.oid, await memory.diff(commit.parents[0], commit.oid, cardinalityOf, filters));
  return { ...shown, commits, refs, patches, ...(signatures ? { signatures } : {}) };
}

/** The names that point at the shown commits, the current branch left out (HEAD names it). */
function refsAt(memory: Memory, commits: CommitInfo[], current: string | undefined): Map<string, string[]> {
  const shown = new Set(commits.map((c) => c.oid));
  const refs = new Map<string, string[]>();
  for (const ref of [...memory.branches(), ...memory.remoteBranches()])
    if (shown.has(ref.oid) && ref.name !== current) refs.set(ref.oid, [...(refs.get(ref.oid) ?? []), ref.name]);
  return refs;
}

/** The last commit at or before a moment on each line of history the walk starts from. */
async function asOf(memory: Memory, starts: string[], when: string, now: Date): Promise<string[]> {
  const moment = await parseWhen(when, now, '--as-of');
  const found = await Promise.all(starts.map((start) => commitAsOf(memory, start, moment)));
  return found.flatMap((commit) => (commit ? [commit.oid] : []));
}

/**
 * The commits of a selection that changed something under one of the files (against each parent),
 * newest first, up to `limit`: judged from the commit graph (store/commitGraph.ts), so only the
 * commits shown are read whole.
 */
async function commitsChanging(
  memory: Memory,
  start: string[],
  only: ReadonlySet<string> | undefined,
  files: string[],
  limit: number | undefined,
  wanted: (commit: CommitInfo) => boolean,
): Promise<CommitInfo[]> {
  const graph = new CommitGraph(memory);
  const found: CommitInfo[] = [];
  for await (const entry of inSelection(start, only, (tips) => graph.walk(tips))) {
    if (!(await graph.changes(entry.oid, files))) continue;
    const commit = await memory.readCommit(entry.oid);
    if (wanted(commit)) found.push(commit);
    if (limit !== undefined && found.length >= limit) break;
  }
  graph.save();
  return found;
}
