import type { Deps, FactReviewer } from './deps.js';
import type { AddOutcome } from '../core/stage.js';
import type { CommitResult } from './commitChanges.js';
import type { Correction } from '../core/corrections.js';
import { recordedAtOf, type Fact } from '../core/fact.js';
import { settleFact } from '../core/settle.js';
import { withResolvedDates } from '../core/factDates.js';
import { requireLeaf, type Taxonomy } from '../core/taxonomy.js';
import { CancelledError, UsageError } from '../errors/index.js';
import { requestedBranch } from './target.js';
import { stageNewFacts } from './staging.js';
import type { Memory } from '../store/memory.js';
import type { QueuedFact } from '../store/reviewQueue.js';
import { runCommit } from './commit.js';

/** What `memoir review` did: the result its renderers read. */
export interface ReviewResult {
  /** What is still waiting after this run. */
  waiting: QueuedFact[];
  accepted: AddOutcome[];
  rejected: QueuedFact[];
  commit?: CommitResult;
  /** Nothing was settled: the queue was only listed. */
  listed: boolean;
}

export interface ReviewOptions {
  acceptAll?: boolean;
  rejectAll?: boolean;
  accept?: string;
  reject?: string;
  path?: string;
  commit?: boolean;
  json?: boolean;
}

type Settlement =
  | { item: QueuedFact; path: string; how: NonNullable<Fact['how']> }
  | { item: QueuedFact; reject: true };

function findItem(queue: QueuedFact[], id: string): QueuedFact {
  const matches = queue.filter((i) => i.id.startsWith(id));
  if (matches.length === 0)
    throw new UsageError('not-in-review', `nothing with id ${id} is waiting for review`, {
      hint: '"memoir review --json" lists the queue',
    });
  if (matches.length > 1)
    throw new UsageError('ambiguous-id', `id "${id}" is ambiguous: ${matches.map((m) => m.id).join(', ')}`, {
      hint: 'give more digits',
    });
  return matches[0];
}

/** How a chosen leaf relates to the suggestions: the first, another one, or one a person typed. */
function howChosen(item: QueuedFact, path: string, byFlag: boolean): NonNullable<Fact['how']> {
  const index = item.candidates.findIndex((c) => c.path === path);
  if (index === 0) return byFlag ? 'yes' : 'accepted';
  return index > 0 ? 'picked' : 'edited';
}

/** Decisions from flags, or from a person in the review screen; undefined: only list the queue. */
async function decide(
  queue: QueuedFact[],
  options: ReviewOptions,
  taxonomy: Taxonomy,
  memory: Memory,
  onScreen: FactReviewer | undefined,
): Promise<Settlement[] | undefined> {
  if (options.acceptAll) return queue.map((item) => ({ item, path: item.candidates[0].path, how: 'yes' as const }));
  if (options.rejectAll) return queue.map((item) => ({ item, reject: true as const }));
  if (options.reject) return [{ item: findItem(queue, options.reject), reject: true }];
  if (options.accept) {
    const item = findItem(queue, options.accept);
    const path = options.path !== undefined ? requireLeaf(taxonomy, options.path).path : item.candidates[0].path;
    return [{ item, path, how: howChosen(item, path, true) }];
  }
  if (!onScreen || queue.length === 0) return undefined;
  const outcome = await onScreen(queue, taxonomy, memory);
  if (outcome.aborted) throw new CancelledError('cancelled', 'review aborted: the queue is unchanged');
  // a skipped fact stays in the queue for later
  return outcome.decisions.flatMap((d, i): Settlement[] =>
    d.kind === 'accept' ? [{ item: queue[i], path: d.path, how: d.how }] : [],
  );
}

/** Settles the review queue by the flags, or by a person on `onScreen`; with neither, lists it. */
export async function runReview(options: ReviewOptions, context: Deps, onScreen?: FactReviewer): Promise<ReviewResult> {
  const chosen = [options.acceptAll, options.rejectAll, options.accept, options.reject].filter(Boolean).length;
  if (chosen > 1)
    throw new UsageError('conflicting-options', 'choose one of --accept-all, --reject-all, --accept ID, --reject ID');
  if (options.path !== undefined && !options.accept)
    throw new UsageError('path-needs-accept', '--path applies only with --accept ID');
  if (options.commit) requestedBranch(undefined, context.env);
  const memory = await context.memory();
  const taxonomy = await context.taxonomy();
  const settlements = await decide(memory.readReviewQueue().items, options, taxonomy, memory, onScreen);
  if (!settlements) return { waiting: memory.readReviewQueue().items, accepted: [], rejected: [], listed: true };

  return context.locked(memory, async () => {
    const settled = new Set(settlements.map((s) => s.item.id));
    const facts: Fact[] = [];
    const corrections: Correction[] = [];
    const ids = new Set<string>();
    for (const s of settlements) {
      if ('reject' in s) continue;
      const { fact, correction } = settleFact(s.item, s.path, s.how, ids, recordedAtOf(context.now()));
      facts.push(fact);
      if (correction) corrections.push(correction);
    }
    // a held fact's dates count from when it was said, which the queue kept
    const { stage, outcomes } = await stageNewFacts(memory, taxonomy, await withResolvedDates(facts), corrections);
    memory.writeStage(stage);
    const queue = memory.readReviewQueue();
    memory.writeReviewQueue({ ...queue, items: queue.items.filter((i) => !settled.has(i.id)) });
    const result: ReviewResult = {
      waiting: memory.readReviewQueue().items,
      accepted: outcomes,
      rejected: settlements.filter((s) => 'reject' in s).map((s) => s.item),
      listed: false,
    };
    if (options.commit && stage.ops.length > 0) result.commit = await runCommit(memory, {}, context);
    return result;
  });
}
