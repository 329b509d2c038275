import type { Fact } from '../core/fact.js';
import type { Cardinality } from '../core/taxonomy.js';
import type { ProgressSink } from '../core/progress.js';
import type { CommitInfo } from './git.js';
import type { Memory } from './memory.js';

/** A current fact and the commit that put it where it is. */
export interface Attribution {
  fact: Fact;
  commit: CommitInfo;
}

/** What blame follows: a fact's text at its leaf under its id, so an edit that keeps the id is the edit's. */
const blameKey = (fact: Fact) => {
  // a leaf's versions share the parsed facts of their common lines (store/leafFacts.ts): a fact's key
  // is made once, not once per commit that holds it (a walk of a 500-fact leaf's 100 revisions made 100,000)
  let key = blameKeys.get(fact);
  if (key === undefined) blameKeys.set(fact, (key = `${fact.path}\n${fact.id}\n${fact.text}`));
  return key;
};
const blameKeys = new WeakMap<Fact, string>();

/** A value a fact replaced at a `one` leaf: the fact as it was, the id that replaced it, and the commit that did. */
export interface Superseded {
  fact: Fact;
  by: string;
  in: string;
}

/** How many commits past the last current fact's the walk goes on looking for the values it replaced. */
const PAST_DEPTH = 200;

/**
 * For each fact under `prefix` (a dotted path; '' for the whole memory) at `start`, the
 * commit that wrote its current text: the newest commit (in git log's order) that holds the
 * fact with that text, at that leaf under that id, while none of its parents does (a merge
 * resolved with an edit, or a git edit that kept the id, is the commit that wrote the text). A commit whose
 * subtree at the prefix equals a parent's introduced nothing there and is judged by object
 * ids alone; the walk stops as soon as every fact is attributed. With `past`, it also collects
 * the values the facts replaced at `one` leaves (and the values those replaced), for recall.
 * `progress` hears how many facts are attributed after each commit ("reading history").
 */
export async function blameFacts(
  memory: Memory,
  start: string,
  prefix: string,
  past?: Map<string, Superseded>,
  progress?: ProgressSink,
): Promise<Attribution[]> {
  const facts = await memory.readAll(start, prefix);
  const pending = new Set(facts.map(blameKey));
  const found = new Map<string, CommitInfo>();
  // the values current facts replaced at `one` leaves, followed back along their chain
  const wanted = new Map<string, string>(
    past ? facts.filter((f) => f.supersedes).map((f) => [f.supersedes!, f.id]) : [],
  );
  let extra = 0;
  for await (const commit of memory.walk(start)) {
    progress?.('reading history', facts.length - pending.size, facts.length);
    if (pending.size === 0 && (wanted.size === 0 || ++extra > PAST_DEPTH)) break;
    const mine = await memory.prefixOid(commit.oid, prefix);
    if (mine === undefined) continue;
    const parents = await Promise.all(commit.parents.map((p) => memory.prefixOid(p, prefix)));
    if (parents.includes(mine)) continue;
    // the leaves that differ from every parent; a fact in any other leaf is in some parent
    let leaves: Set<string> | undefined;
    for (const parent of commit.parents.length ? commit.parents : [undefined]) {
      const changed = new Set((await memory.changedLeaves(parent, commit.oid, [prefix])).map((c) => c.path));
      leaves = leaves ? new Set([...leaves].filter((l) => changed.has(l))) : changed;
    }
    for (const leaf of leaves ?? []) {
      if (past && wanted.size > 0) {
        for (const parent of commit.parents) {
          for (const f of await memory.readLeaf(parent, leaf)) {
            const by = wanted.get(f.id);
            if (by === undefined || past.has(f.id)) continue;
            past.set(f.id, { fact: f, by, in: commit.oid });
            wanted.delete(f.id);
            if (f.supersedes && !past.has(f.supersedes)) wanted.set(f.supersedes, f.id);
          }
        }
      }
      const here = (await memory.readLeaf(commit.oid, leaf)).map(blameKey).filter((key) => pending.has(key));
      if (here.length === 0) continue;
      const inParents = new Set<string>();
      for (const parent of commit.parents)
        for (const f of await memory.readLeaf(parent, leaf)) inParents.add(blameKey(f));
      for (const key of here) {
        if (inParents.has(key)) continue;
        found.set(key, commit);
        pending.delete(key);
      }
    }
  }
  // a fact no commit introduced cannot exist; attribute it to the start rather than drop it
  const startCommit = pending.size ? await memory.readCommit(start) : undefined;
  return facts.map((fact) => ({ fact, commit: found.get(blameKey(fact)) ?? startCommit! }));
}

/**
 * The last commit on the first-parent line from `start` made at or before `date` (by
 * committer date: when it reached the branch); undefined when the date is before them all.
 */
export async function commitAsOf(
  memory: Memory,
  start: string | undefined,
  date: Date,
): Promise<CommitInfo | undefined> {
  const limit = Math.floor(date.getTime() / 1000);
  let oid = start;
  while (oid) {
    const commit = await memory.readCommit(oid);
    if (commit.committer.timestamp <= limit) return commit;
    oid = commit.parents[0];
  }
  return undefined;
}

/**
 * The commits after `since` (newest first, up to `start`) that changed any of the given facts
 * (by id) in their leaves: who moved a fact on since a commit that is being undone.
 */
export async function commitsChangingFacts(
  memory: Memory,
  start: string,
  since: string,
  facts: ReadonlyMap<string, ReadonlySet<string>>,
  cardinalityOf: (path: string) => Cardinality,
): Promise<Map<string, CommitInfo[]>> {
  const touched = new Map<string, CommitInfo[]>();
  for await (const commit of memory.walk(start)) {
    if (commit.oid === since) break;
    for (const [leaf, ids] of facts) {
      const parent = commit.parents[0];
      const [mine, theirs] = await Promise.all([
        memory.prefixOid(commit.oid, leaf),
        parent ? memory.prefixOid(parent, leaf) : undefined,
      ]);
      if (mine === theirs) continue;
      for (const change of await memory.diff(parent, commit.oid, cardinalityOf, [leaf])) {
        const hit = [change.old?.id, change.new?.id].find((id) => id && ids.has(id));
        if (!hit) continue;
        const list = touched.get(hit) ?? touched.set(hit, []).get(hit)!;
        if (!list.includes(commit)) list.push(commit);
      }
    }
  }
  return touched;
}
