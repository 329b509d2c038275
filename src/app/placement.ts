import type { Deps } from './deps.js';
import * as path from 'node:path';
import type { Classification, Classifier } from '../classify/types.js';
import type { ClassifierDeps } from '../classify/select.js';
import { mergeCorrections, type Correction } from '../core/corrections.js';
import { makeFactId, validityOf, type Fact, type Validity } from '../core/fact.js';
import { settleFact } from '../core/settle.js';
import { decideUnattended } from '../core/review.js';
import type { Taxonomy } from '../core/taxonomy.js';
import type { Memory } from '../store/memory.js';
import type { QueuedFact } from '../store/reviewQueue.js';
import type { FactReviewer } from './deps.js';

/** A fact that passed the screen but has no leaf yet. */
export interface Unplaced extends Validity {
  text: string;
  source: string;
  recordedAt: string;
  line?: number;
  /** Its review-queue id, when it comes from the queue. */
  queueId?: string;
}

export interface Placement {
  /** Facts with their leaf settled, ready to stage, with provenance. */
  placed: Array<{ fact: Fact; from: Unplaced }>;
  /** Facts no one could settle: they wait in the review queue. */
  held: QueuedFact[];
  /** Facts a person skipped in the review screen ("decide later"): they wait in the review queue too. */
  skipped: QueuedFact[];
  /** Leaves a person chose against the first suggestion. */
  corrections: Correction[];
  /** q/Esc in the review screen: nothing from this run is kept. */
  aborted: boolean;
  classifier: string;
  /** Facts for which the model answered paths outside the taxonomy (dropped), and those paths. */
  invented: Array<{ text: string; paths: string[] }>;
}

export interface PlacementOptions {
  /** Accept every top suggestion (--yes). */
  yes: boolean;
  /** A person in the review screen, where the front end has one (a terminal); otherwise --yes and the thresholds decide. */
  reviewer?: FactReviewer;
  /** Candidates to show and keep per fact. */
  k?: number;
  /** Hold every fact for review, classified (capture without --yes where no one can be asked). */
  holdAll?: boolean;
  /** Classifications already made, by text (capture classifies what it proposes): not made again. */
  classified?: ReadonlyMap<string, Classification>;
}

/** What choosing a classifier takes: the configuration, and the corrections committed and staged. */
export async function classifierDeps(
  context: Deps,
  memory: Memory | undefined,
  taxonomy: Taxonomy,
): Promise<ClassifierDeps> {
  const config = await context.config();
  const head = memory ? await memory.head() : undefined;
  const committed = memory ? await memory.readCorrections(head?.oid) : [];
  const staged = memory?.readStage().corrections ?? [];
  return {
    config,
    env: context.env,
    taxonomy,
    corrections: mergeCorrections(committed, staged),
    cacheDir: memory ? path.join(memory.stateDir, 'cache') : undefined,
    warn: (message) => context.io.err(`memoir: warning: ${message}\n`),
    notice: (message) => void (context.io.json || context.io.err(`memoir: ${message}\n`)),
  };
}

/**
 * The classifier the configuration names, knowing the corrections committed and staged. In a
 * repository, its answers are kept as it gives them (classify/kept.ts): consolidate reads them.
 */
export async function classifierFor(
  context: Deps,
  memory: Memory | undefined,
  taxonomy: Taxonomy,
): Promise<Classifier> {
  return classifierFrom(await classifierDeps(context, memory, taxonomy), memory);
}

/** classifierFor with its dependencies worked out already; `offline`: the offline one whatever is configured. */
export async function classifierFrom(
  deps: ClassifierDeps,
  memory: Memory | undefined,
  { offline = false } = {},
): Promise<Classifier> {
  // the classifiers and their training data load only when something is classified
  const [{ createClassifier, offlineClassifier }, { keepingAnswers, keptAnswersFile }] = await Promise.all([
    import('../classify/select.js'),
    import('../classify/kept.js'),
  ]);
  const classifier = offline ? offlineClassifier(deps) : await createClassifier(deps);
  return memory ? keepingAnswers(classifier, keptAnswersFile(memory.stateDir)) : classifier;
}

/** A fact waiting for a person in the review queue, with its suggestions. */
export function queued(item: Unplaced, classification: Classification, salt: number): QueuedFact {
  return {
    id: item.queueId ?? makeFactId('review', item.text, item.recordedAt, salt),
    text: item.text,
    source: item.source,
    recordedAt: item.recordedAt,
    classifier: classification.classifier,
    candidates: classification.candidates,
    ...validityOf(item),
  };
}

/**
 * Settles the leaf of each fact: a person in the review screen (interactive), or --yes and
 * the review.autoAccept threshold; what neither settles is held for `memoir review`.
 */
export async function placeFacts(
  items: Unplaced[],
  classifier: Classifier,
  taxonomy: Taxonomy,
  memory: Memory,
  context: Deps,
  options: PlacementOptions,
): Promise<Placement> {
  const result: Placement = {
    placed: [],
    held: [],
    skipped: [],
    corrections: [],
    aborted: false,
    classifier: classifier.name,
    invented: [],
  };
  if (items.length === 0) return result;
  const known = options.classified;
  const unknown = items.filter((i) => !known?.has(i.text));
  const fresh = unknown.length
    ? await classifier.classify(
        unknown.map((i) => i.text),
        options.k ?? 5,
        context.progress,
      )
    : [];
  const made = new Map(unknown.map((item, i) => [item, fresh[i]]));
  const classifications = items.map((item) => known?.get(item.text) ?? made.get(item)!);
  for (const c of classifications) if (c.invented?.length) result.invented.push({ text: c.text, paths: c.invented });
  const ids = new Set<string>();
  const place = (item: Unplaced, leaf: string, classification: Classification, how: NonNullable<Fact['how']>) => {
    const { fact, correction } = settleFact({ ...item, ...classification }, leaf, how, ids, item.recordedAt);
    result.placed.push({ fact, from: item });
    if (correction) result.corrections.push(correction);
  };

  if (options.reviewer && !options.yes) {
    const outcome = await options.reviewer(classifications, taxonomy, memory);
    if (outcome.aborted) return { ...result, aborted: true };
    outcome.decisions.forEach((decision, i) => {
      if (decision.kind === 'skip') result.skipped.push(queued(items[i], classifications[i], i));
      else place(items[i], decision.path, classifications[i], decision.how);
    });
    return result;
  }

  const autoAccept = (await context.config()).get('review.autoAccept');
  classifications.forEach((classification, i) => {
    const unattended = decideUnattended(classification, { yes: options.yes, autoAccept });
    const decision =
      options.holdAll && unattended.kind === 'accept'
        ? ({ kind: 'hold', reason: 'low-confidence' } as const)
        : unattended;
    if (decision.kind === 'accept') place(items[i], decision.path, classification, decision.how);
    else
      result.held.push({
        ...queued(items[i], classification, i),
        ...(decision.reason === 'no-leaf-fits' ? { reason: decision.reason } : {}),
      });
  });
  return result;
}
