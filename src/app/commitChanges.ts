import { cardinalityIn } from '../core/taxonomy.js';
import type { Deps } from './deps.js';
import { commitMessage, listFacts, summarize } from '../core/commitMessage.js';
import { CORRECTIONS_FILE, formatCorrections, mergeCorrections, type Correction } from '../core/corrections.js';
import type { Fact } from '../core/fact.js';
import { diffLeaf, type FactChange } from '../core/factDiff.js';
import { applyInRounds, type SupersededInBatch } from '../core/rounds.js';
import type { StagedOp } from '../core/stage.js';
import { screenWrittenText } from '../core/guardText.js';
import { MemoirError } from '../errors/index.js';
import type { Memory } from '../store/memory.js';
import { prefetchAuthor, signature } from './signature.js';
import type { WriteTarget } from './target.js';
import { enforcePolicy, type PolicyOverride } from './policyGate.js';
import { type SignOption, signIfAsked } from './signing.js';

export interface CommitOptions extends PolicyOverride, SignOption {
  message?: string;
  author?: string;
  dryRun?: boolean;
  /** Commit to this branch without switching to it (created from the current branch when missing). */
  branch?: string;
  /** Trailers after memoir's own, on the first commit (`Memoir-Consolidate: dedupe`). */
  trailers?: readonly string[];
}

/**
 * What the caller already holds, so that a write does each thing once: the leaves it read from
 * `head` under the same lock, and that it screened the message.
 */
export interface Known {
  current?: ReadonlyMap<string, Fact[]>;
  messageScreened?: boolean;
}

export interface CommitResult {
  /** The new commit's id (the last of the chain); undefined in a dry run. */
  commit?: string;
  /** Every commit written, oldest first: more than one when the batch gave a `one` leaf several values. */
  commits: string[];
  branch?: string;
  subject: string;
  added: Array<{ fact: Fact; supersedes: Fact[] }>;
  removed: Fact[];
  /** The batch's net change, as every command counts and lists them: added, removed, modified, superseded (core/factDiff.ts). */
  changes: FactChange[];
  /** Values written by one commit of the batch and replaced by a later one: in history, not in the tree. */
  supersededInBatch: SupersededInBatch[];
  dryRun: boolean;
}

/**
 * Commits these operations to `head`, the branch they go to as the caller found it under the
 * lock (app/target.ts writeTarget). The caller holds the lock; the stage is neither read nor written, so the two-step commit
 * passes the staged operations and a one-step write only its own. A batch that gives a `one`
 * leaf several values becomes a chain of commits (core/rounds.ts) and the branch moves once,
 * after every object is written: one reflog entry, and a writer killed before that leaves
 * the branch as it was.
 */
export async function commitChanges(
  memory: Memory,
  head: WriteTarget,
  ops: readonly StagedOp[],
  corrections: readonly Correction[],
  options: CommitOptions,
  context: Deps,
  known: Known = {},
): Promise<CommitResult> {
  if (!known.messageScreened)
    screenWrittenText(options.message, 'the commit message', 'nothing was committed', { lineBreaks: true });
  // git may be asked who the author is: that runs while the leaves are read and changed
  if (!options.dryRun) await prefetchAuthor(context, options.author);
  const taxonomy = await context.taxonomy();
  const current =
    known.current ??
    (await memory.readLeaves(
      head.oid,
      ops.map((o) => o.fact.path),
    ));
  const cardinalityOf = cardinalityIn(taxonomy);
  const effect = applyInRounds(ops, current, cardinalityOf);
  if (effect.rounds.length === 0) {
    throw new MemoirError(
      'nothing-to-commit',
      `nothing to commit: the ${ops.length} change(s) are already on the branch`,
      { hint: 'run "memoir reset" to clear the stage' },
    );
  }
  const removedOf = (round: { added: Array<{ supersedes: Fact[] }>; removed: Fact[] }) => [
    ...round.removed,
    ...round.added.flatMap((a) => a.supersedes),
  ];
  // the batch's net change names it: values superseded within the batch are in history, not forgotten
  const inBatch = new Set(effect.supersededInBatch.map((s) => s.fact.id));
  const net = (facts: readonly Fact[]) => facts.filter((f) => !inBatch.has(f.id));
  const subject =
    options.message?.trim().split('\n')[0] || summarize(net(effect.added.map((a) => a.fact)), net(removedOf(effect)));
  // the key first: a signing rule asks who signs
  await signIfAsked(memory, options, context);
  // the rules of the tree the change lands on; an override is recorded in the first commit
  const overrides = await enforcePolicy(
    memory,
    head.oid,
    { branch: head.branch, kind: 'commit', added: effect.added.map((a) => a.fact), leaves: effect.leaves },
    options,
  );
  const changes = [...effect.leaves.keys()]
    .sort()
    .flatMap((leaf) => diffLeaf(leaf, current.get(leaf) ?? [], effect.leaves.get(leaf)!, cardinalityOf(leaf)));
  const result: CommitResult = {
    commits: [],
    branch: head.branch,
    subject,
    added: effect.added,
    removed: effect.removed,
    changes,
    supersededInBatch: effect.supersededInBatch,
    dryRun: Boolean(options.dryRun),
  };
  if (options.dryRun) return result;

  const who = await signature(context, options.author);
  let parent = head.oid;
  for (const [index, round] of effect.rounds.entries()) {
    const added = round.added.map((a) => a.fact);
    const removed = removedOf(round);
    // later commits of a chain name the values they supersede, under the user's message too
    const listed =
      index > 0 && options.message?.trim()
        ? `${options.message.trim()}\n\n${listFacts(added, removed)}`
        : options.message;
    const files = new Map<string, string | null>();
    if (index === 0 && corrections.length > 0)
      files.set(
        CORRECTIONS_FILE,
        formatCorrections(mergeCorrections(await memory.readCorrections(head.oid), corrections)),
      );
    parent = await memory.writeCommit({
      parents: parent ? [parent] : [],
      leaves: round.leaves,
      files,
      message: commitMessage({
        added,
        removed,
        message: listed,
        version: context.version,
        trailers: index === 0 ? [...(options.trailers ?? []), ...overrides] : [],
      }),
      author: who,
      committer: who,
      progress: context.progress,
    });
    result.commits.push(parent);
  }
  memory.updateBranch(
    head.ref ?? 'HEAD',
    parent!,
    head.created ? undefined : head.oid,
    who,
    `commit${head.oid ? '' : ' (initial)'}: ${subject}`,
  );
  return { ...result, commit: parent };
}
