import { readdirSync, readFileSync } from 'node:fs';
import type { Classifier } from '../../src/classify/types.js';
import { parseConversation } from '../../src/capture/conversation.js';
import { type Proposed, proposeFacts } from '../../src/capture/propose.js';
import type { Conversation } from '../../src/capture/types.js';
import { contentWords, stemOf } from '../../src/core/terms.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';
import { type ConversationQuestion, ingest, memoirRanker, type Turn as RecallTurn } from '../recall/conversations.js';
import type { Signals } from '../recall/evaluate.js';

/*
 * The capture evaluation (conversations/README.md): each conversation read and its facts
 * proposed as `memoir capture --dry-run` proposes them, offline, then compared with its gold list.
 *
 * The matching rule: a proposal matches a gold fact when both come from the same turn and their
 * content words (stop words dropped, stemmed, as recall reads them) overlap with a Dice
 * coefficient of at least 0.5: 2·|shared| / (|proposal| + |gold|). One proposal may match several
 * gold facts (a sentence that states two) and a gold fact several proposals; recall counts the
 * gold facts matched, precision the proposals that match one. A proposal that quotes a whole
 * long turn shares too few of its words with any one fact to match: atomic facts score.
 *
 * Precision also counts a proposal that states part of a gold fact of its turn: at least 75% of
 * its content words, and at least two that are not a speaker's name, are the gold fact's ("Rosa is
 * going to Madeira" of "Rosa is flying from Manchester to Madeira on 12 April"). The gold lists
 * each fact whole, where a sentence split in two gives two true halves; without this rule each
 * half was counted wrong. Recall still needs the Dice match: a half does not recall the fact.
 */

export interface Gold {
  input: string;
  kind: 'assistant' | 'friends' | 'coding';
  speaker: string | null;
  at?: string;
  facts: Array<{ text: string; leaf: string; turn: number }>;
  questions: Array<{ question: string; answer: string[] }>;
}

const DIR = new URL('./conversations/', import.meta.url);
export const MATCH = 0.5;

export function loadGold(): Array<{ name: string; gold: Gold; text: string }> {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const gold = JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as Gold;
      return { name: f.replace('.gold.json', ''), gold, text: readFileSync(new URL(gold.input, DIR), 'utf8') };
    });
}

/** A conversation of the set, read as capture reads it, with its gold file's speaker and date. */
const conversationOf = (name: string, gold: Gold, text: string): Conversation =>
  parseConversation(text, {
    speaker: gold.speaker ?? undefined,
    at: gold.at ? new Date(`${gold.at}T12:00:00Z`) : undefined,
    name,
  });

const bag = (text: string) => new Set(contentWords(text).map(stemOf));

/** Whether `part` states part of `whole`: see the rule above (`names`: the speakers' names, stemmed). */
export function statesPartOf(part: string, whole: string, names: ReadonlySet<string>): boolean {
  const words = bag(part);
  const of = bag(whole);
  let shared = 0;
  let sharedOthers = 0;
  for (const w of words) {
    if (!of.has(w)) continue;
    shared++;
    if (!names.has(w)) sharedOthers++;
  }
  return words.size > 0 && sharedOthers >= 2 && shared / words.size >= 0.75;
}

export function dice(a: string, b: string): number {
  const x = bag(a);
  const y = bag(b);
  if (x.size + y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return (2 * shared) / (x.size + y.size);
}

export interface CaptureScore {
  conversations: number;
  turns: number;
  gold: number;
  proposals: number;
  matchedGold: number;
  matchedProposals: number;
  /** Proposals that match a gold fact by Dice alone (the stricter figure, before statesPartOf). */
  strictProposals: number;
  leafRight: number;
  leafJudged: number;
  /** Proposals from turns that hold no gold fact: chit-chat taken for a fact. */
  fromNoFactTurns: number;
  noFactTurns: number;
  ms: number;
  perKind: Record<string, { gold: number; matchedGold: number; proposals: number; matchedProposals: number }>;
  misses: Array<{ name: string; turn: number; gold: string }>;
  /** Each proposal's top confidence and whether it matched: how a confidence floor would trade recall for precision. */
  byConfidence: Array<{ confidence: number; hit: boolean }>;
  /** Matched proposals filed elsewhere than the gold leaf: the gold's rank among the suggestions (0: not among them). */
  leafWrong: Array<{ text: string; gold: string; got: string; rank: number }>;
  wrong: Array<{ name: string; turn: number; text: string }>;
}

export async function evaluateCapture(classifier: Classifier): Promise<CaptureScore> {
  const score: CaptureScore = {
    conversations: 0,
    turns: 0,
    gold: 0,
    proposals: 0,
    matchedGold: 0,
    matchedProposals: 0,
    strictProposals: 0,
    leafRight: 0,
    leafJudged: 0,
    fromNoFactTurns: 0,
    noFactTurns: 0,
    ms: 0,
    perKind: {},
    misses: [],
    wrong: [],
    leafWrong: [],
    byConfidence: [],
  };
  for (const { name, gold, text } of loadGold()) {
    const started = performance.now();
    const conversation = conversationOf(name, gold, text);
    const { proposals } = await proposeFacts(conversation, classifier);
    score.ms += performance.now() - started;
    const kind = (score.perKind[gold.kind] ??= { gold: 0, matchedGold: 0, proposals: 0, matchedProposals: 0 });
    score.conversations++;
    score.turns += conversation.turns.length;
    const factTurns = new Set(gold.facts.map((f) => f.turn));
    score.noFactTurns += conversation.turns.filter((t) => !factTurns.has(t.number)).length;
    const matched = new Set<number>();
    const names = new Set(conversation.turns.flatMap((t) => [...bag(t.speaker)]));
    for (const proposal of proposals) {
      let hit = false;
      gold.facts.forEach((fact, i) => {
        if (fact.turn !== proposal.turn || dice(proposal.text, fact.text) < MATCH) return;
        hit = true;
        if (!matched.has(i)) {
          matched.add(i);
          score.leafJudged++;
          if (proposal.classification.candidates[0]?.path === fact.leaf) score.leafRight++;
          else
            score.leafWrong.push({
              text: proposal.text,
              gold: fact.leaf,
              got: proposal.classification.candidates[0]?.path ?? '',
              rank: proposal.classification.candidates.findIndex((c) => c.path === fact.leaf) + 1,
            });
        }
      });
      score.proposals++;
      kind.proposals++;
      if (hit) score.strictProposals++;
      hit ||= gold.facts.some((fact) => fact.turn === proposal.turn && statesPartOf(proposal.text, fact.text, names));
      score.byConfidence.push({ confidence: proposal.classification.candidates[0]?.confidence ?? 0, hit });
      if (hit) {
        score.matchedProposals++;
        kind.matchedProposals++;
      } else score.wrong.push({ name, turn: proposal.turn, text: proposal.text });
      if (!factTurns.has(proposal.turn)) score.fromNoFactTurns++;
    }
    score.gold += gold.facts.length;
    kind.gold += gold.facts.length;
    score.matchedGold += matched.size;
    kind.matchedGold += matched.size;
    gold.facts.forEach((fact, i) => {
      if (!matched.has(i)) score.misses.push({ name, turn: fact.turn, gold: fact.text });
    });
  }
  return score;
}

/** What recall ranks with, as bench:recall loads it: its signals and the taxonomy. */
export interface RecallKit {
  signals: Signals;
  taxonomy: Taxonomy;
}

/**
 * The classifier as `memoir capture --yes` files what it proposed: each proposal at the leaf it
 * was proposed with (classified as said, app/capture.ts), not classified again as restated.
 */
function asProposed(classifier: Classifier, proposals: Proposed['proposals']): Classifier {
  const known = new Map(proposals.map((p) => [p.text, p.classification]));
  return {
    name: classifier.name,
    classify: async (texts, k, progress) => {
      const unknown = texts.filter((t) => !known.has(t));
      const fresh = unknown.length ? await classifier.classify(unknown, k, progress) : [];
      const of = new Map(unknown.map((t, i) => [t, fresh[i]]));
      return texts.map((t) => known.get(t) ?? of.get(t)!);
    },
  };
}

/** Whether one of the texts holds every answer string. */
const holds = (texts: readonly string[], answer: readonly string[]) =>
  texts.some((t) => answer.every((a) => t.toLowerCase().includes(a.toLowerCase())));

/**
 * The end-to-end check: each conversation's questions asked of `memoir recall -k 5` over its
 * captured facts (every proposal kept at its top leaf, as a person accepting them all would), and
 * over its raw turns stored one a fact (both speakers, `add --yes` as bench:recall stores them).
 * A question is answered when one of the five facts holds every one of its answer strings.
 */
export async function answers(
  classifier: Classifier,
  kit: RecallKit,
): Promise<{ questions: number; captured: number; raw: number; lost: string[] }> {
  const result = { questions: 0, captured: 0, raw: 0, lost: [] as string[] };
  for (const { name, gold, text } of loadGold()) {
    const conversation = conversationOf(name, gold, text);
    const dateOf = new Map(conversation.turns.map((t) => [t.number, (t.at ?? `${gold.at}T12:00:00Z`).slice(0, 10)]));
    const asTurns = (items: Array<{ text: string; turn: number; speaker: 'user' | 'assistant' }>) =>
      items.map((item, i) => ({
        id: `${name}-${i}`,
        conversation: name,
        session: 1,
        date: dateOf.get(item.turn) ?? '2024-01-01',
        speaker: item.speaker,
        text: item.text,
      }));
    const { proposals } = await proposeFacts(conversation, classifier);
    const captured = await ingest(
      asTurns(proposals.map((p) => ({ text: p.text, turn: p.turn, speaker: 'user' as const }))),
      kit.taxonomy,
      { classifier: asProposed(classifier, proposals) },
    );
    const raw = await ingest(
      asTurns(conversation.turns.map((t) => ({ text: t.text.replace(/\s+/g, ' '), turn: t.number, speaker: t.role }))),
      kit.taxonomy,
      { classifier },
    );
    const rankCaptured = memoirRanker(captured.facts, kit.signals);
    const rankRaw = memoirRanker(raw.facts, kit.signals);
    for (const q of gold.questions) {
      result.questions++;
      const viaCapture = holds(await rankCaptured(q.question, 5), q.answer);
      const viaTurns = holds(await rankRaw(q.question, 5), q.answer);
      if (viaCapture) result.captured++;
      if (viaTurns) result.raw++;
      if (viaTurns && !viaCapture) {
        const kept = holds(
          captured.facts.map((f) => f.text),
          q.answer,
        );
        result.lost.push(`${name}: ${q.question} [${q.answer.join(', ')}]${kept ? ' (captured, ranked below 5)' : ''}`);
      }
    }
  }
  return result;
}

/** The recall evaluation's turns and questions (bench/recall/conversations/). */
export interface RecallSet {
  turns: RecallTurn[];
  questions: Array<Pick<ConversationQuestion, 'conversation' | 'question' | 'evidence'>>;
}

/**
 * The end-to-end check on conversations the capture rules were not written against: the recall
 * evaluation's dialogues (five people, ten sessions each) captured as `memoir capture --yes` would
 * and stored whole as bench:recall stores them; a question is answered when one of recall's five
 * facts came from one of its evidence turns.
 */
export async function answersOnRecallSet(
  classifier: Classifier,
  kit: RecallKit,
  set: RecallSet,
): Promise<{ questions: number; captured: number; raw: number }> {
  const result = { questions: 0, captured: 0, raw: 0 };
  for (const person of new Set(set.turns.map((t) => t.conversation))) {
    const said = set.turns.filter((t) => t.conversation === person);
    const name = person.charAt(0).toUpperCase() + person.slice(1);
    const conversation: Conversation = {
      shape: 'chat',
      turns: said.map((t, i) => ({
        number: i + 1,
        speaker: t.speaker === 'user' ? name : 'assistant',
        role: t.speaker,
        text: t.text,
        at: `${t.date}T12:00:00.000Z`,
      })),
    };
    const { proposals } = await proposeFacts(conversation, classifier);
    // each stored text, to the turns it came from
    const from = (pairs: Array<[string, string]>) => {
      const map = new Map<string, Set<string>>();
      for (const [text, id] of pairs) (map.get(text) ?? map.set(text, new Set()).get(text)!).add(id);
      return map;
    };
    const capturedFrom = from(proposals.map((p) => [p.text, said[p.turn - 1].id]));
    const rawFrom = from(said.map((t) => [t.text, t.id]));
    const captured = await ingest(
      proposals.map((p, i) => ({ ...said[p.turn - 1], id: `${person}-p${i}`, speaker: 'user' as const, text: p.text })),
      kit.taxonomy,
      { classifier: asProposed(classifier, proposals) },
    );
    const raw = await ingest(said, kit.taxonomy, { classifier });
    const rankCaptured = memoirRanker(captured.facts, kit.signals);
    const rankRaw = memoirRanker(raw.facts, kit.signals);
    const hit = (texts: string[], sources: Map<string, Set<string>>, evidence: string[]) =>
      texts.some((t) => evidence.some((id) => sources.get(t)?.has(id)));
    for (const q of set.questions.filter((x) => x.conversation === person)) {
      result.questions++;
      if (hit(await rankCaptured(q.question, 5), capturedFrom, q.evidence)) result.captured++;
      if (hit(await rankRaw(q.question, 5), rawFrom, q.evidence)) result.raw++;
    }
  }
  return result;
}
