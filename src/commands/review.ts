import type { Command } from 'commander';
import type { ReviewResult } from '../app/review.js';
import type { Correction } from '../core/corrections.js';
import { recordedAtOf, type Fact } from '../core/fact.js';
import { settleFact } from '../core/settle.js';
import { withResolvedDates } from '../core/factDates.js';
import { requireLeaf, type Taxonomy } from '../core/taxonomy.js';
import { EXIT, MemoirError, UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { requestedBranch } from '../runtime/target.js';
import { stageNewFacts } from '../runtime/staging.js';
import { reviewOnScreen } from '../runtime/placement.js';
import type { Memory } from '../store/memory.js';
import type { QueuedFact } from '../store/reviewQueue.js';
import { reportReview } from '../output/review.js';
import { runCommit } from './commit.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';

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
  context: Context,
): Promise<Settlement[] | undefined> {
  if (options.acceptAll) return queue.map((item) => ({ item, path: item.candidates[0].path, how: 'yes' as const }));
  if (options.rejectAll) return queue.map((item) => ({ item, reject: true as const }));
  if (options.reject) return [{ item: findItem(queue, options.reject), reject: true }];
  if (options.accept) {
    const item = findItem(queue, options.accept);
    const path = options.path !== undefined ? requireLeaf(taxonomy, options.path).path : item.candidates[0].path;
    return [{ item, path, how: howChosen(item, path, true) }];
  }
  if (!context.io.canPrompt || options.json || queue.length === 0) return undefined;
  const outcome = await reviewOnScreen(queue, taxonomy, memory, context.io.color);
  if (outcome.aborted)
    throw new MemoirError('cancelled', 'review aborted: the queue is unchanged', { exitCode: EXIT.cancelled });
  // a skipped fact stays in the queue for later
  return outcome.decisions.flatMap((d, i): Settlement[] =>
    d.kind === 'accept' ? [{ item: queue[i], path: d.path, how: d.how }] : [],
  );
}

export async function runReview(options: ReviewOptions, context: Context, command: Command): Promise<ReviewResult> {
  const chosen = [options.acceptAll, options.rejectAll, options.accept, options.reject].filter(Boolean).length;
  if (chosen > 1)
    throw new UsageError('conflicting-options', 'choose one of --accept-all, --reject-all, --accept ID, --reject ID');
  if (options.path !== undefined && !options.accept)
    throw new UsageError('path-needs-accept', '--path applies only with --accept ID');
  if (options.commit) requestedBranch(undefined, context.env);
  const memory = await context.memory(command);
  const taxonomy = await context.taxonomy(command);
  const settlements = await decide(memory.readReviewQueue().items, options, taxonomy, memory, context);
  if (!settlements) return { waiting: memory.readReviewQueue().items, accepted: [], rejected: [], listed: true };

  return context.locked(command, memory, async () => {
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
    if (options.commit && stage.ops.length > 0) result.commit = await runCommit(memory, {}, context, command);
    return result;
  });
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('review')
    .description('Settle the facts waiting for review: in a terminal, the review screen; in scripts, by flags')
    .option('--accept-all', 'stage every waiting fact at its top suggestion')
    .option('--reject-all', 'drop every waiting fact')
    .option('--accept <id>', 'stage one waiting fact (at its top suggestion, or at --path)')
    .option('-p, --path <leaf>', 'with --accept: the leaf to stage it at (recorded as a correction)')
    .option('--reject <id>', 'drop one waiting fact')
    .option('-c, --commit', 'commit what was staged')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'list the queue (or the result) as JSON; never opens the review screen')
    .action(async (options: ReviewOptions, cmd: Command) => {
      const result = await runReview(options, context, cmd);
      reportReview(context, options, result);
    });
  withExamples(command, [
    ['memoir review', 'review the waiting facts in a terminal: accept, pick another leaf, edit, skip'],
    ['memoir review --json', "list the queue with each fact's suggestions"],
    ['memoir review --accept 3fa2c9 --path preferences.ui.font', 'settle one fact at a leaf of your choice'],
    ['memoir review --accept-all --commit', 'take every top suggestion and commit'],
  ]);
}
