import * as path from 'node:path';
import { createHash } from '../core/lazyBuiltins.js';
import type { Deps } from './deps.js';
import { type AddOptions, type AddResult, addRecords } from './add.js';
import { classifierFor, queued } from './placement.js';
import { readInputFile } from './inputFile.js';
import { parseConversation } from '../capture/conversation.js';
import { proposeFacts } from '../capture/propose.js';
import type { ExtractionReport } from '../capture/modelExtract.js';
import type { CaptureDecision, CaptureItem, Conversation, Proposal, Turn } from '../capture/types.js';
import { findSecrets } from '../core/secrets.js';
import { decodeInput } from '../core/textInput.js';
import { parseWhen } from '../core/when.js';
import { normalizeFactText, recordedAtOf } from '../core/fact.js';
import type { FactRecord } from '../core/factInput.js';
import { screenWrittenText } from '../core/guardText.js';
import { UsageError } from '../errors/index.js';
import type { QueuedFact } from '../store/reviewQueue.js';
import type { Taxonomy } from '../core/taxonomy.js';

/*
 * `memoir capture`: a conversation read into turns, facts proposed from them, and each proposal
 * sent the way of `add`: the secret guard, the classifier, the duplicate check, then a person on
 * the capture screen, the thresholds (--yes), or the review queue. Each fact records the turn it
 * came from as its source: `capture:<conversation id>#<turn>`.
 */

export interface CaptureOptions
  extends Pick<
    AddOptions,
    'commit' | 'message' | 'branch' | 'dryRun' | 'json' | 'gpgSign' | 'overridePolicy' | 'reason'
  > {
  /** Who the memory is about when the input does not name the user. */
  speaker?: string;
  /** The conversation's date when the input has none. */
  at?: string;
  /** The conversation's id in each fact's source (default: the file's name, or a hash of the input). */
  id?: string;
  /** Accept the proposals the classifier is sure enough of (review.autoAccept); hold the rest for review. */
  yes?: boolean;
}

/** A turn that held a secret: no fact is proposed from it, and its text is never repeated. */
export interface RefusedTurn {
  turn: number;
  speaker: string;
  /** "a GitHub token". */
  found: string;
}

export interface CaptureResult extends AddResult {
  conversation: { id: string; shape: Conversation['shape']; turns: number; speakers: string[] };
  /** Every proposal, in order, with the turn it came from. */
  proposals: Array<Proposal & { source: string }>;
  refusedTurns: RefusedTurn[];
  /** Sentences the rules kept that the classifier found no leaf for (chit-chat): not proposed. */
  setAside: number;
  /** What proposed the facts (offline, or a model), and what of its answer was dropped: counts only. */
  extraction: ExtractionReport;
  /** Proposals a person rejected on the capture screen. */
  dismissed: number;
}

/** Shows the capture screen: one decision per item, in order (CaptureDecision). */
export type CaptureReviewer = (items: CaptureItem[], taxonomy: Taxonomy) => Promise<CaptureDecision[]>;

/** An id that fits in a source field: letters, digits, dot, dash and underscore. */
const ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A conversation's bytes, what they are for messages (`stdin`, the file), and the file's name for the id. */
export interface ConversationInput {
  bytes: Uint8Array;
  name: string;
  fileName?: string;
}

export async function runCapture(
  input: ConversationInput | ((context: Deps) => Promise<ConversationInput>),
  options: CaptureOptions,
  context: Deps,
  onScreen?: CaptureReviewer,
): Promise<CaptureResult> {
  screenWrittenText(options.speaker, '--speaker', 'nothing was captured');
  if (options.speaker !== undefined && !/\p{L}/u.test(options.speaker))
    throw new UsageError('invalid-speaker', '--speaker needs a name', { hint: 'e.g. --speaker Caroline' });
  if (options.id !== undefined && !ID.test(options.id))
    throw new UsageError('invalid-capture-id', `--id "${options.id.slice(0, 64)}" is not a usable conversation id`, {
      hint: 'use letters, digits, ".", "-" and "_" (at most 64), e.g. --id support-chat-2024-05-08',
    });
  // every fact's source holds the id, and a source that looks like a key is refused with its fact
  if (options.id !== undefined && looksLikeAKey(options.id))
    throw new UsageError('invalid-capture-id', '--id looks like a key or token to the secret guard', {
      hint: 'use words and a date, e.g. --id support-chat-2024-05-08',
    });
  const at = options.at !== undefined ? await parseWhen(options.at, context.now(), '--at') : undefined;
  const { bytes, name, fileName } = typeof input === 'function' ? await input(context) : input;
  const decoded = decodeInput(bytes, name);
  const conversation = parseConversation(decoded.text, { speaker: options.speaker, at, name });
  const id = options.id ?? conversationId(fileName, bytes, conversation);

  const refusedTurns: RefusedTurn[] = [];
  const clean: Turn[] = [];
  for (const turn of conversation.turns) {
    const found = findSecrets(turn.text)[0];
    if (found) refusedTurns.push({ turn: turn.number, speaker: turn.speaker, found: found.label });
    else clean.push(turn);
  }
  const taxonomy = await context.taxonomy();
  const memory = await context.memory();
  const classifier = await classifierFor(context, memory, taxonomy);
  // with a model configured (classifier.provider), the model proposes the facts, chunk by chunk
  const proposed = await proposeFacts({ ...conversation, turns: clean }, classifier, {
    progress: context.progress,
    model: {
      config: await context.config(),
      env: context.env,
      taxonomy,
      cacheDir: path.join(memory.stateDir, 'cache'),
      warn: (message) => context.io.err(`memoir: warning: ${message}\n`),
      notice: (message) => void (context.io.json || context.io.err(`memoir: ${message}\n`)),
    },
  });
  const proposals = proposed.proposals.map(({ classification: _, said: _said, ...p }) => ({
    ...p,
    source: `capture:${id}#${p.turn}`,
  }));
  const classifications = proposed.proposals.map((p) => p.classification);
  const turnOf = new Map(conversation.turns.map((t) => [t.number, t]));
  const recordedAt = (p: Proposal) => {
    const said = turnOf.get(p.turn)?.at;
    return said ? recordedAtOf(new Date(said)) : undefined;
  };
  const records: FactRecord[] = proposals.map((p) => ({
    text: p.text,
    source: p.source,
    recordedAt: recordedAt(p),
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    line: p.turn,
  }));
  const described = {
    conversation: {
      id,
      shape: conversation.shape,
      turns: conversation.turns.length,
      speakers: [...new Set(conversation.turns.map((t) => t.speaker))],
    },
    proposals,
    refusedTurns,
    setAside: proposed.setAside.length,
    extraction: proposed.extraction,
  };
  const problems = decoded.problems;
  const addOptions: AddOptions = {
    commit: options.commit,
    message: options.message,
    branch: options.branch,
    dryRun: options.dryRun,
    json: options.json,
    gpgSign: options.gpgSign,
    overridePolicy: options.overridePolicy,
    reason: options.reason,
  };

  const onTerminal = onScreen && context.io.canPrompt && !options.yes && !options.dryRun && !options.json;
  if (!onTerminal) {
    // --yes: the thresholds decide; otherwise every proposal waits in the review queue for a person
    const result = await addRecords(
      async () => ({ records, problems, batch: true, source: `capture:${id}` }),
      {
        ...addOptions,
        yes: false,
        holdAll: !options.yes,
        classified: new Map(records.map((r, i) => [r.text, classifications[i]])),
      },
      context,
    );
    return { ...result, ...described, dismissed: 0 };
  }

  // a person decides: those already known set aside, the rest on screen
  const head = await memory.head();
  const leaves = await memory.readLeaves(
    head.oid,
    new Set(classifications.flatMap((c) => c.candidates.map((x) => x.path))),
  );
  const knownAt = (text: string, paths: string[]) => {
    const normal = normalizeFactText(text);
    return paths.some((p) => leaves.get(p)?.some((f) => normalizeFactText(f.text) === normal));
  };
  const open: number[] = [];
  const known: number[] = [];
  records.forEach((record, i) =>
    (knownAt(
      record.text,
      classifications[i].candidates.slice(0, 3).map((c) => c.path),
    )
      ? known
      : open
    ).push(i),
  );
  const items: CaptureItem[] = open.map((i) => {
    const turn = turnOf.get(proposals[i].turn)!;
    return {
      text: records[i].text,
      turn: { number: turn.number, speaker: turn.speaker, text: turn.text, at: turn.at },
      candidates: classifications[i].candidates.map((c) => {
        const leaf = taxonomy.leaves.get(c.path);
        // at a leaf that holds one value, the value this fact would replace ("replaces: ...")
        const current = leaf?.cardinality === 'one' ? leaves.get(c.path)?.at(-1)?.text : undefined;
        return { ...c, description: leaf?.description ?? '', ...(current ? { supersedes: current } : {}) };
      }),
    };
  });
  const decisions = await onScreen(items, taxonomy);
  const accepted: FactRecord[] = [];
  const later: QueuedFact[] = [];
  let dismissed = 0;
  decisions.forEach((decision, k) => {
    const i = open[k];
    if (decision.kind === 'reject') dismissed++;
    else if (decision.kind === 'accept') accepted.push({ ...records[i], text: decision.text, path: decision.path });
    else {
      const { text, source, recordedAt, validFrom, validUntil } = records[i];
      const item = {
        text,
        source: source!,
        recordedAt: recordedAt ?? recordedAtOf(context.now()),
        validFrom,
        validUntil,
      };
      later.push(queued(item, classifications[i], i));
    }
  });
  // the known ones go through too: add reports each as a duplicate of the fact already there
  for (const i of known) accepted.push({ ...records[i], path: classifications[i].candidates[0].path });
  // the ones left for later are queued by add, under its lock, with what it holds itself
  const result = await addRecords(
    async () => ({ records: accepted, problems, batch: true, source: `capture:${id}` }),
    { ...addOptions, hold: later },
    context,
  );
  return { ...result, ...described, dismissed };
}

/** The conversation named on the command line: a file, or stdin for "-" (or nothing, from a pipe). */
export const conversationFrom =
  (file: string | undefined) =>
  async (context: Deps): Promise<ConversationInput> => {
    if (file === undefined || file === '-') {
      if (file === undefined && context.io.stdinIsTTY)
        throw new UsageError('missing-conversation', 'no conversation given', {
          hint: 'memoir capture chat.json, or pipe it in: memoir capture - < chat.json',
        });
      return { bytes: await context.io.readStdin(), name: 'stdin' };
    }
    const bytes = readInputFile(context.cwd, file, 'check the path of the conversation file');
    return { bytes, name: file, fileName: file };
  };

const looksLikeAKey = (id: string) => findSecrets(`capture:${id}#1`).length > 0;

/**
 * The conversation's id: the file's name without its extension, made fit for an id; for stdin, or
 * a name the secret guard takes for a key (a hash, a random file name: every fact's source would
 * be refused), its speakers, its first date and a short hash of the input, which reads as words.
 */
function conversationId(fileName: string | undefined, bytes: Uint8Array, conversation: Conversation): string {
  const stem = fileName
    ? path
        .basename(fileName)
        .replace(/\.[^.]*$/, '')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .slice(0, 64)
    : '';
  if (stem && ID.test(stem) && !looksLikeAKey(stem)) return stem;
  const speakers = [...new Set(conversation.turns.filter((t) => t.role === 'user').map((t) => slug(t.speaker)))]
    .filter(Boolean)
    .slice(0, 2);
  const day = conversation.turns.find((t) => t.at)?.at?.slice(0, 10);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 6);
  const id = [...(speakers.length ? speakers : ['chat']), ...(day ? [day] : []), hash].join('-').slice(0, 64);
  return looksLikeAKey(id) ? [...speakers, day ?? 'chat'].join('-').slice(0, 64) || 'chat' : id;
}

/** A name as ASCII letters and digits: "Lucía Pérez" → "lucia-perez". */
const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 20);
