import { cardinalityIn } from '../core/taxonomy.js';
import type { PolicyOverride } from './policyGate.js';
import type { Deps, FactReviewer } from './deps.js';
import type { AddOutcome } from '../core/stage.js';
import type { QueuedFact } from '../store/reviewQueue.js';
import type { Classification } from '../core/classification.js';
import type { CommitResult } from './commitChanges.js';
import * as path from 'node:path';
import { admitFacts, type RejectedFact } from '../core/admit.js';
import { recordedAtOf, type Validity } from '../core/fact.js';
import { parseWhen } from '../core/when.js';
import { withResolvedDates } from '../core/factDates.js';
import { stageNewFacts } from './staging.js';
import { readInputFile } from './inputFile.js';
import { classifierFor, placeFacts } from './placement.js';
import { parseFactInput, screenInput, type FactRecord, type InputProblem } from '../core/factInput.js';
import { decodeInput, type DecodedInput } from '../core/textInput.js';
import { emptyStage, stageAdds } from '../core/stage.js';
import { requireLeaf } from '../core/taxonomy.js';
import { CONTROL_CHARACTER_HINT } from '../core/controlChars.js';
import { parseAuthor } from '../config/author.js';
import { CancelledError, EXIT, type ExitCode, type MemoirError, RefusedError, UsageError } from '../errors/index.js';
import { requestedBranch, writeTarget } from './target.js';
import { commitChanges } from './commitChanges.js';
import { screenWrittenText } from '../core/guardText.js';
import { prefetchAuthor, signature } from './signature.js';

/** What `memoir add` (and MCP memoir_remember) is asked to do, and what it did: the result its renderers read. */
export interface AddOptions extends PolicyOverride {
  /** Sign the commit (-S). */
  gpgSign?: boolean;
  path?: string;
  file?: string;
  source?: string;
  commit?: boolean;
  message?: string;
  author?: string;
  dryRun?: boolean;
  json?: boolean;
  yes?: boolean;
  branch?: string;
  validFrom?: string;
  validUntil?: string;
}

export interface AddResult {
  outcomes: AddOutcome[];
  rejected: RejectedFact[];
  /** Facts classified but not settled: waiting in the review queue (exit 3). */
  held: QueuedFact[];
  /** Review-queue ids of the facts a person skipped in the review screen (they are among `held`). */
  skipped: string[];
  batch: boolean;
  commit?: CommitResult;
  dryRun: boolean;
  /** Facts for which the model answered paths outside the taxonomy (dropped), and those paths. */
  invented?: Array<{ text: string; paths: string[] }>;
}

/** Fact records from decoded input, with the lines that could not be decoded among the problems. */
function parseDecoded(input: DecodedInput): { records: FactRecord[]; problems: InputProblem[] } {
  const parsed = parseFactInput(input.text);
  return { records: parsed.records, problems: [...input.problems, ...parsed.problems].sort((a, b) => a.line - b.line) };
}

async function collectRecords(args: string[], options: AddOptions, context: Deps): Promise<RecordInput> {
  if (options.file && args.length > 0) {
    throw new UsageError('conflicting-input', `facts given both as arguments and with --file ${options.file}`, {
      hint: 'give the facts one way: as arguments, on stdin with "-", or in a file with --file',
    });
  }
  if (options.file) {
    const bytes = readInputFile(context.cwd, options.file, 'check the path given to --file');
    return {
      ...parseDecoded(decodeInput(bytes, `--file ${options.file}`)),
      batch: true,
      source: `file:${path.basename(options.file)}`,
    };
  }
  if (args.length === 1 && args[0] === '-') {
    if (context.io.stdinIsTTY && !context.io.json)
      context.io.err('memoir: reading facts from the terminal, one per line; finish with Ctrl-D\n');
    return { ...parseDecoded(decodeInput(await context.io.readStdin(), 'stdin')), batch: true, source: 'stdin' };
  }
  if (args.length === 0)
    throw new UsageError('missing-fact', 'no fact given', {
      hint: 'memoir add "<fact>" --path <leaf>, or read facts from stdin with "memoir add -" or a file with --file F',
    });
  return { records: [{ text: args.join(' ') }], problems: [], batch: false, source: 'cli' };
}

/**
 * Screens, validates and stages facts. With --commit it is a one-step write: everything is
 * checked before the lock, then, holding it, exactly these facts are committed to the branch
 * as it is then, without reading or writing the stage (facts others staged stay staged).
 */
export async function runAdd(
  args: string[],
  options: AddOptions,
  context: Deps,
  onScreen?: FactReviewer,
): Promise<AddResult> {
  return addRecords(() => collectRecords(args, options, context), options, context, onScreen);
}

/** What addRecords reads: the records, the lines that could not be read, and what they came from. */
export interface RecordInput {
  records: FactRecord[];
  problems: InputProblem[];
  /** Many facts (a file, stdin, a conversation): a bad one is listed, not fatal. */
  batch: boolean;
  /** The source of records that name none. */
  source: string;
}

/**
 * `add` once its records are read (`input` is called after the flags are checked): screened,
 * placed (the review screen, --yes, the thresholds, or `holdAll`: every fact to the review
 * queue), then staged or committed. `capture` gives it the facts it proposes.
 */
export async function addRecords(
  input: () => Promise<RecordInput>,
  options: AddOptions & {
    holdAll?: boolean;
    classified?: ReadonlyMap<string, Classification>;
    /** Facts a person left for later elsewhere (the capture screen): queued with this add's, under its lock. */
    hold?: readonly QueuedFact[];
  },
  context: Deps,
  onScreen?: FactReviewer,
): Promise<AddResult> {
  const taxonomy = await context.taxonomy();
  // every check on the flags comes before anything is staged
  const commitFlag =
    options.message !== undefined
      ? '-m/--message'
      : options.author !== undefined
        ? '--author'
        : options.branch !== undefined
          ? '--branch'
          : undefined;
  if (commitFlag && !options.commit)
    throw new UsageError('needs-commit', `${commitFlag} applies only with --commit`, {
      hint: 'add --commit to stage and commit in one step, or give it to "memoir commit" later',
    });
  if (options.author) parseAuthor(options.author);
  if (options.commit) {
    // who commits is checked (and screened) before anything is staged, once the input is read and
    // classified: git, when it is asked, answers meanwhile; the commit signs again, at the time it
    // is written (a review screen may take minutes)
    await prefetchAuthor(context, options.author);
    requestedBranch(options.branch, context.env);
  }
  screenWrittenText(options.source, '--source', 'nothing was staged');
  screenWrittenText(options.message, 'the commit message', 'nothing was staged', { lineBreaks: true });
  if (options.path !== undefined) requireLeaf(taxonomy, options.path);
  const validity = await validityFromFlags(options, context.now());
  const { batch, source, ...read } = await input();
  // the input as a whole first: a key block spread over lines is refused whole
  const { records, refused } = screenInput(read.records);
  const recordedAt = recordedAtOf(context.now());
  const admitted = admitFacts(records, {
    taxonomy,
    path: options.path,
    source: options.source,
    defaultSource: source,
    recordedAt,
    classify: true,
    validity,
    progress: context.progress,
  });
  const rejected: RejectedFact[] = [
    ...read.problems.map((p) => ({ line: p.line, kind: 'invalid-line' as const, message: p.message })),
    ...refused.map((r) => ({ line: r.line, kind: 'secret' as const, message: r.message })),
    ...admitted.rejected,
  ].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));

  if (!batch && rejected.length > 0) throw singleError(rejected[0]);
  // one step that commits: all or nothing, so the facts around a secret are not committed without it
  if (options.commit && rejected.some((r) => r.kind === 'secret')) throw refusedBatch(rejected);
  if (options.commit) await signature(context, options.author);
  const memory = await context.memory();
  const oneStep = Boolean(options.commit && !options.dryRun);
  // a commit that would have to wait for a merge in progress is refused before anything else
  if (oneStep) await writeTarget(memory, options.branch, context.env);
  // classify, and let a person review, before taking the lock: no writer waits on a person
  const placement = admitted.unplaced.length
    ? await placeFacts(admitted.unplaced, await classifierFor(context, memory, taxonomy), taxonomy, memory, context, {
        yes: Boolean(options.yes),
        holdAll: options.holdAll,
        classified: options.classified,
        reviewer: options.dryRun || options.json ? undefined : onScreen,
      })
    : undefined;
  if (placement?.aborted) throw new CancelledError('cancelled', 'review aborted: nothing from this add was staged');
  // dates the facts mention ("yesterday") are resolved from when each was said, and kept beside its text
  const facts = await withResolvedDates(
    [...admitted.facts, ...(placement?.placed.map((p) => p.fact) ?? [])],
    context.progress,
  );
  // a fact skipped on screen is held too: skip means "decide later", never "throw away"
  const held = [...(placement?.held ?? []), ...(placement?.skipped ?? []), ...(options.hold ?? [])];
  // review-queue ids of the facts skipped on screen (they wait in the queue with the held ones)
  const skipped = placement?.skipped.map((s) => s.id) ?? [];
  const queueHeld = () => {
    if (held.length === 0) return;
    const queue = memory.readReviewQueue();
    const waiting = new Set(queue.items.map((i) => i.id));
    memory.writeReviewQueue({ ...queue, items: [...queue.items, ...held.filter((h) => !waiting.has(h.id))] });
  };
  // what this add did, whichever way it wrote: the same fields for staging and for the one step
  const resultOf = (outcomes: AddResult['outcomes']): AddResult => ({
    outcomes,
    rejected,
    held,
    skipped,
    batch,
    dryRun: Boolean(options.dryRun),
    invented: placement?.invented,
  });
  const stageThem = async (): Promise<AddResult> => {
    const { stage, outcomes } = await stageNewFacts(memory, taxonomy, facts, placement?.corrections, context.progress);
    const result = resultOf(outcomes);
    if (options.dryRun) return result;
    queueHeld();
    memory.writeStage(stage);
    return result;
  };
  // one step: the branch is re-read under the lock and exactly these facts are committed; the stage is neither read nor written
  const commitThem = async (): Promise<AddResult> => {
    const target = await writeTarget(memory, options.branch, context.env);
    const current = await memory.readLeaves(
      target.oid,
      facts.map((f) => f.path),
    );
    const { stage, outcomes } = stageAdds(emptyStage(), facts, cardinalityIn(taxonomy), current, context.progress);
    const result = resultOf(outcomes);
    queueHeld();
    if (stage.ops.length > 0)
      result.commit = await commitChanges(
        memory,
        target,
        stage.ops,
        placement?.corrections ?? [],
        {
          message: options.message,
          author: options.author,
          branch: options.branch,
          overridePolicy: options.overridePolicy,
          reason: options.reason,
          gpgSign: options.gpgSign,
        },
        context,
        { current, messageScreened: true },
      );
    return result;
  };
  const result = options.dryRun
    ? await stageThem()
    : await context.locked(memory, oneStep ? commitThem : stageThem, { oneStep });
  return result;
}

/** The exit code an add ends with: refused secrets (4), facts left for a person (3), other rejected lines (2). */
export function addExitCode(result: AddResult, options: Pick<AddOptions, 'yes'>): ExitCode {
  if (result.rejected.some((r) => r.kind === 'secret')) return EXIT.refused;
  // --yes asked for no review: text no leaf fits, held and listed, is its expected outcome, not a decision left open
  if (result.held.some((h) => !(options.yes && h.reason === 'no-leaf-fits'))) return EXIT.conflict;
  if (result.rejected.length > 0) return EXIT.usage;
  return EXIT.ok;
}

/** --valid-from/--valid-until as UTC instants; a bare date is the start (from) or end (until) of that day. */
async function validityFromFlags(options: AddOptions, now: Date): Promise<Validity> {
  const validity: Validity = {};
  if (options.validFrom) {
    const from = await parseWhen(options.validFrom, now, '--valid-from');
    // parseWhen reads a bare date as the end of the day; a validity starts at its beginning
    if (/^\d{4}-\d{2}-\d{2}$/.test(options.validFrom.trim())) from.setHours(0, 0, 0);
    validity.validFrom = recordedAtOf(from);
  }
  if (options.validUntil) validity.validUntil = recordedAtOf(await parseWhen(options.validUntil, now, '--valid-until'));
  if (validity.validFrom && validity.validUntil && validity.validFrom > validity.validUntil) {
    throw new UsageError(
      'invalid-validity',
      `--valid-from ${options.validFrom} is after --valid-until ${options.validUntil}`,
      { hint: 'a fact is valid from a date until a later one' },
    );
  }
  return validity;
}

function refusedBatch(rejected: readonly RejectedFact[]): RefusedError {
  const secrets = rejected.filter((r) => r.kind === 'secret');
  const lines = secrets
    .map((r) => (r.line === undefined ? '' : `line ${r.line}`))
    .filter(Boolean)
    .join(', ');
  return new RefusedError(
    'secret-detected',
    `refused: ${secrets.length === 1 ? 'a secret' : `${secrets.length} secrets`} in the input${lines ? ` (${lines})` : ''}; nothing was staged or committed`,
    {
      hint: 'remove the secrets from the input and run again; without --commit the other facts are staged and each refusal listed; memoir never stores credentials',
      data: { rejected: rejected.map((r) => ({ line: r.line ?? null, kind: r.kind, message: r.message })) },
    },
  );
}

function singleError(rejection: RejectedFact): MemoirError {
  if (rejection.kind === 'secret')
    return new RefusedError('secret-detected', `${rejection.message}; nothing was staged`, {
      hint: 'remove the secret from the fact; memoir never stores credentials',
    });
  const code = rejection.kind === 'no-path' ? 'missing-path' : rejection.kind;
  const hints: Record<string, string> = {
    empty: 'give the fact as text: memoir add "<fact>" --path <leaf>',
    'too-long': 'split it into shorter facts, one idea each',
    'control-character': CONTROL_CHARACTER_HINT,
  };
  return new UsageError(code, rejection.message, { hint: rejection.hint ?? hints[rejection.kind] });
}
