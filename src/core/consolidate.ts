import { type Fact, normalizeFactText } from './fact.js';
import type { Candidate } from './classification.js';
import type { Cardinality } from './taxonomy.js';
import { charGrams, contentWords, stemOf } from './terms.js';
import { cosine, type Meanings, softCoverage, softWords, type SoftWords } from './recallMeaning.js';
import { MONTHS, WEEKDAYS } from './dateMention.js';
import { byCodeUnit } from './order.js';
import { createHash } from './lazyBuiltins.js';
import { alignFacts, negated, type Token } from './factAlignment.js';

/*
 * What `memoir consolidate` finds in a memory: the repairs that writers leave to be made.
 *   - dedupe: facts that say the same thing, at one leaf (or, said word for word, at two);
 *   - refile: a fact a classifier placed where the classifier, knowing the user's corrections,
 *     now places elsewhere with high confidence (a person's placement is never second-guessed);
 *   - retire: a fact whose validity ended, still in the tree;
 *   - contradiction: two facts at a `many` leaf that fill one slot with two values and say
 *     nothing of when ("We deploy on Tuesdays" / "We deploy every Friday"): listed for a person;
 *   - stale: the value of a `one` leaf older than consolidate.staleAfter: flagged.
 * Pure: the facts, the classifier's opinions and the word vectors come in; proposals go out.
 * "Safe" proposals are those a rule settles (the same text twice, an ended validity): `--yes`
 * applies them and nothing else.
 */

export type ProposalKind = 'dedupe' | 'refile' | 'retire' | 'contradiction' | 'stale';

interface ProposalBase {
  /** Stable across runs while the facts are the same: what a person's decision is recorded by. */
  id: string;
  kind: ProposalKind;
  /** A rule settles it: `--yes` applies it. */
  safe: boolean;
  /** Why, in a line. */
  reason: string;
}

export type Proposal =
  | (ProposalBase & { kind: 'dedupe'; keep: Fact; drop: Fact[]; score: number })
  | (ProposalBase & { kind: 'refile'; fact: Fact; to: string; confidence: number })
  | (ProposalBase & { kind: 'retire'; fact: Fact })
  | (ProposalBase & { kind: 'contradiction'; facts: [Fact, Fact] })
  | (ProposalBase & { kind: 'stale'; fact: Fact; ageDays: number });

export interface Thresholds {
  /** Two texts at one leaf are the same fact at or above this similarity (0–1). */
  duplicate: number;
  /** At two leaves, only at or above this. */
  duplicateAcross: number;
  /** A refile is proposed at or above this confidence of the classifier. */
  refile: number;
}

/** Tuned on the dev half of bench/consolidate (npm run bench:consolidate -- --learn). */
export const DEFAULT_THRESHOLDS: Thresholds = { duplicate: 0.76, duplicateAcross: 0.92, refile: 0.8 };

export interface ConsolidateInput {
  facts: readonly Fact[];
  cardinalityOf(path: string): Cardinality;
  now: Date;
  /** Days after which a `one` leaf's value is flagged; undefined: never. */
  staleAfterDays?: number;
  /** The classifier's candidates for the facts a classifier placed, by fact id. */
  opinions?: ReadonlyMap<string, readonly Candidate[]>;
  meanings?: Meanings;
  thresholds?: Thresholds;
  /** A model's review of some leaves: it decides the pairs of those leaves instead of the rules. */
  review?: LeafReview;
}

/**
 * What a model found reading whole leaves (consolidate/modelReview.ts): the facts of each that
 * say the same thing, and the pairs that give two values of one thing. Every other pair of a
 * reviewed leaf is two facts.
 */
export interface LeafReview {
  /** `openai:<model>`: shown in the reasons. */
  by: string;
  leaves: ReadonlySet<string>;
  /** Groups of fact ids, each one fact said several times. */
  duplicates: ReadonlyArray<readonly string[]>;
  /** Pairs of fact ids. */
  conflicts: ReadonlyArray<readonly [string, string]>;
}

const DAY_MS = 86_400_000;

/** Sources of agents: their explicit paths are guesses, as a classifier's are. */
const AGENT_SOURCE = /^(mcp|library)(:|$)/;

/**
 * Whether nobody decided where the fact goes: a classifier placed it and no person confirmed it,
 * or an agent gave the path (MCP, the library). Only those are ever refiled: a person's
 * placement (a path at the command line, a choice in review) is never second-guessed.
 */
export function placedByClassifier(fact: Fact): boolean {
  if (fact.confidence === undefined) return fact.classifier === 'manual' && AGENT_SOURCE.test(fact.source);
  return fact.how === undefined || fact.how === 'auto' || fact.how === 'yes';
}

/**
 * A proposal's id: its kind and its facts (their ids, paths and texts) hashed as fact ids are, so
 * a decision outlives a rerun while the facts stay as they were, and a fact edited since makes a
 * proposal of its own.
 */
function proposalId(kind: ProposalKind, facts: readonly Fact[], extra = ''): string {
  const parts = facts.map((f) => `${f.id} ${f.path} ${f.text}`).sort(byCodeUnit);
  const hash = createHash('sha1')
    .update(`${kind}:${parts.join('\n')}:${extra}`)
    .digest('hex');
  return `${kind.slice(0, 1)}${hash.slice(0, 8)}`;
}

/** The facts a proposal is about: the kept one first for a merge, the two of a contradiction, or its one. */
export function factsOf(p: Proposal): Fact[] {
  switch (p.kind) {
    case 'dedupe':
      return [p.keep, ...p.drop];
    case 'contradiction':
      return p.facts;
    default:
      return [p.fact];
  }
}

/** A fact's words as the detectors compare them. */
export interface Words {
  fact: Fact;
  normal: string;
  /** Its content words, as said (recall's terms.ts). */
  words: string[];
  /** The same, in order, with their stems and whether each is a value or a name. */
  tokens: Token[];
  /** It says "not" ("no", "never", "don't"). */
  negated: boolean;
  /** Digits in order: "born in 1985" and "born in 1986" are two facts. */
  numbers: string;
  stems: Set<string>;
  /** Stems of the words that fill a slot: numbers, names, days, months. */
  values: Set<string>;
  /** The names among them (capitalised words inside the sentence), as written but in lower case. */
  names: Set<string>;
  /** The days and months among them. */
  days: Set<string>;
  /** Character 4-grams of the content words: "allergic" and "allergy" share most of theirs. */
  grams: Set<string>;
  /** An indefinite "a cat", "another", "also": one of several, not the one value of a slot. */
  oneOfSeveral: boolean;
  /** It says when ("in 2019", "since March"): one of a history, not a slot's value now. */
  dated: boolean;
  vector?: Float32Array;
  /** Its words for the soft match, worked out on first comparison. */
  soft?: SoftWords;
}

const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred';
const VALUE_WORD = new RegExp(`^(\\d.*|${WEEKDAYS}|${MONTHS}|${NUMBER_WORDS})s?$`);
/** One of several: "another", "also", "a cat named…", "a meeting with…" (but "£10 a month" is a rate). */
const SEVERAL =
  /\b(another|also|too|one of|some|several|both)\b|\b(a|an) (?!(day|night|week|month|year)\b)[\p{L}-]+ (named|called|with|from|at|in|for)\b/iu;
/** A fact that says when ("in 2019", "from 2011 to 2017", "since March"): one of a history, not a slot's value now. */
const DATED = /\b(1[89]|20)\d\d\b|\b(since|until|till|from|ago|last|next|used to|anymore|no longer)\b/i;
/** Words of a slot's frame that say nothing of its value ("every Friday", "each week"). */
const FRAME_NOISE = new Set(['everi', 'each', 'usual', 'alwai', 'now', 'current', 'still', 'normal']);

/** The capitalised words inside a text's sentences ("our dog Bramble"): names, in lower case. */
export function namesInside(text: string): string[] {
  return [...text.matchAll(/(?<=\s)\p{Lu}[\p{L}\p{N}'-]*/gu)].map((m) => m[0].toLowerCase().replace(/'s$/, ''));
}

/**
 * A fact's words. A capitalised word inside the sentence is a name: a value, not the frame; so is
 * the first word when the memory names it inside a sentence elsewhere (`known`: "Olive eats wet
 * food", where another fact says "our cat Olive").
 */
export function wordsOf(fact: Fact, meanings: Meanings | undefined, known: ReadonlySet<string> = new Set()): Words {
  const stems = new Set<string>();
  const values = new Set<string>();
  const days = new Set<string>();
  const first = /^\p{Lu}[\p{L}\p{N}'-]*/u.exec(fact.text)?.[0].toLowerCase().replace(/'s$/, '');
  const names = new Set([...namesInside(fact.text), ...(first && known.has(first) ? [first] : [])]);
  const words = contentWords(fact.text);
  const tokens: Token[] = [];
  for (const word of words) {
    const stem = stemOf(word);
    const value = VALUE_WORD.test(word);
    tokens.push({ word, stem, value, name: names.has(word) });
    if (value && !/^\d/.test(word)) days.add(stem);
    if (value || names.has(word)) values.add(stem);
    else if (!FRAME_NOISE.has(stem)) stems.add(stem);
  }
  return {
    fact,
    normal: normalizeFactText(fact.text),
    words,
    tokens,
    negated: negated(fact.text),
    numbers: (fact.text.match(/\d+/g) ?? []).join(' '),
    stems,
    values,
    names,
    days,
    grams: new Set(charGrams(fact.text)),
    oneOfSeveral: SEVERAL.test(fact.text),
    dated: DATED.test(fact.text),
    vector: meanings?.embed(fact.text),
  };
}

/** How many members two sets share. */
function sharedIn(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared;
}

const dice = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
  a.size + b.size === 0 ? 0 : (2 * sharedIn(a, b)) / (a.size + b.size);

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && sharedIn(a, b) === a.size;

/**
 * How alike two texts are, in [0, 1]: the larger of the overlap of their words' character
 * 4-grams (forms of one word: "allergic", "allergy") and recall's soft word match (each word of
 * one found in the other, or near a word of it by its vector, taken both ways and averaged).
 */
export function alike(a: Words, b: Words, meanings?: Meanings, weight?: (word: string) => number): number {
  const forms = dice(a.grams, b.grams);
  if (!meanings) return forms;
  a.soft ??= softWords(a.fact.text, meanings);
  b.soft ??= softWords(b.fact.text, meanings);
  return Math.max(forms, (softCoverage(a.soft, b.soft, weight) + softCoverage(b.soft, a.soft, weight)) / 2);
}

/** How much a word says in this memory: rare words (a name, "Sequoia") more than common ones ("work"). */
function rarity(all: readonly Words[]): (word: string) => number {
  const df = new Map<string, number>();
  for (const w of all) for (const word of new Set(w.words)) df.set(word, (df.get(word) ?? 0) + 1);
  return (word) => Math.log(1 + all.length / (df.get(word) ?? 1));
}

/** One name is the other, or the other's start ("Postgres", "PostgreSQL"). */
const sameName = (x: string, y: string) =>
  x === y || (Math.min(x.length, y.length) >= 4 && (x.startsWith(y) || y.startsWith(x)));

/**
 * The values agree: the same numbers, and every name of the fact that names fewer among the
 * other's ("Our dog Bramble" and "Bramble, a Border Collie" agree; "a cat named Miso" and "a cat
 * named Tofu" do not).
 */
function sameValues(a: Words, b: Words): boolean {
  if (a.numbers !== b.numbers) return false;
  const [fewer, more] = a.names.size <= b.names.size ? [a, b] : [b, a];
  for (const name of fewer.names) if (![...more.names].some((other) => sameName(name, other))) return false;
  // a day or a month is a value too: "on Tuesdays" and "on Fridays"
  return a.days.size === 0 || b.days.size === 0 || sameSet(a.days, b.days);
}

/** At most this many facts at a leaf are compared all with all by meaning; a larger leaf by shared words alone. */
const MEANING_PAIRS_UP_TO = 400;
/** Texts this near in meaning (their vectors' cosine) are compared though they share no word. */
const NEAR_IN_MEANING = 0.7;

/**
 * The pairs of a leaf worth comparing: those sharing a word that few of the leaf's facts have (a
 * word most of them have, "deploy" at a leaf of deployments, joins everything and says nothing),
 * and, at a leaf of a few hundred facts, those near in meaning though they share no word. Every
 * pair of a large leaf would be millions of comparisons.
 */
function pairsWorthComparing(leaf: readonly Words[]): Array<[Words, Words]> {
  const few = Math.max(12, Math.ceil(leaf.length * 0.05));
  const byWord = new Map<string, number[]>();
  leaf.forEach((w, i) => {
    for (const s of [...w.stems, ...w.values]) (byWord.get(s) ?? byWord.set(s, []).get(s)!).push(i);
  });
  const seen = new Set<number>();
  const pairs: Array<[Words, Words]> = [];
  const add = (i: number, j: number) => {
    const key = i * leaf.length + j;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push([leaf[i]!, leaf[j]!]);
  };
  for (const list of byWord.values())
    if (list.length <= few)
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) add(list[x]!, list[y]!);
  if (leaf.length <= MEANING_PAIRS_UP_TO)
    for (let i = 0; i < leaf.length; i++) {
      const a = leaf[i]!.vector;
      if (!a) continue;
      for (let j = i + 1; j < leaf.length; j++) {
        const b = leaf[j]!.vector;
        if (b && cosine(a, b) >= NEAR_IN_MEANING) add(i, j);
      }
    }
  return pairs;
}

/**
 * The fact a merge of duplicates keeps: one a person placed, then the one saying more (more
 * words), then the older.
 */
export function betterWorded(facts: readonly Fact[]): Fact {
  const rank = (f: Fact) => [placedByClassifier(f) ? 0 : 1, contentWords(f.text).length];
  return [...facts].sort((x, y) => {
    const [px, wx] = rank(x);
    const [py, wy] = rank(y);
    return py - px || wy - wx || byCodeUnit(x.recordedAt, y.recordedAt) || byCodeUnit(x.id, y.id);
  })[0]!;
}

/**
 * A merge of one fact filed at several leaves keeps the copy at the leaf the classifier ranks
 * first among them (`ranked`: its candidates for the text), not the one `betterWorded` chose: the
 * same words say nothing of which leaf is right, and --yes applies this merge unasked.
 */
export function keepAtBestLeaf(
  p: Extract<Proposal, { kind: 'dedupe' }>,
  ranked: readonly Candidate[],
): Extract<Proposal, { kind: 'dedupe' }> {
  const members = [p.keep, ...p.drop];
  const rank = (f: Fact) => {
    const i = ranked.findIndex((c) => c.path === f.path);
    return i < 0 ? ranked.length : i;
  };
  const keep = members.reduce((best, f) => (rank(f) < rank(best) ? f : best), p.keep);
  return { ...p, keep, drop: members.filter((f) => f !== keep) };
}

/** Groups of facts joined by pairs (union–find): each group one fact said several times. */
function groups(
  pairs: ReadonlyArray<[Pick<Words, 'fact'>, Pick<Words, 'fact'>, number]>,
): Array<{ members: Fact[]; score: number }> {
  const parent = new Map<Fact, Fact>();
  const find = (f: Fact): Fact => {
    const p = parent.get(f) ?? f;
    if (p === f) return f;
    const root = find(p);
    parent.set(f, root);
    return root;
  };
  for (const [a, b] of pairs) parent.set(find(a.fact), find(b.fact));
  const byRoot = new Map<Fact, { members: Set<Fact>; score: number }>();
  for (const [a, b, score] of pairs) {
    const root = find(a.fact);
    const group = byRoot.get(root) ?? byRoot.set(root, { members: new Set(), score: 1 }).get(root)!;
    group.members.add(a.fact).add(b.fact);
    group.score = Math.min(group.score, score);
  }
  return [...byRoot.values()].map((g) => ({ members: [...g.members], score: g.score }));
}

/** Same text word for word (after case and spacing): safe to merge, at one leaf or two. */
function exactDuplicates(all: readonly Words[]): Array<[Words, Words, number]> {
  const byText = new Map<string, Words>();
  const pairs: Array<[Words, Words, number]> = [];
  for (const w of all) {
    const first = byText.get(w.normal);
    if (first) pairs.push([first, w, 1]);
    else byText.set(w.normal, w);
  }
  return pairs;
}

/** The word vectors, each text's (a word's, mostly) worked out once however many pairs it is in. */
function remembered(meanings: Meanings | undefined): Meanings | undefined {
  if (!meanings) return undefined;
  const seen = new Map<string, Float32Array | undefined>();
  return {
    embed: (text) => {
      if (!seen.has(text)) seen.set(text, meanings.embed(text));
      return seen.get(text);
    },
  };
}

/** A pair of facts the detectors compare: at one leaf (of `many` cardinality, or not), or at two. */
interface Compared {
  a: Words;
  b: Words;
  sameLeaf: boolean;
  many: boolean;
  /** Neither fills a frame that a third fact of the leaf fills too (a list of things, not one slot). */
  oneSlot: boolean;
}

/**
 * The pairs worth comparing among facts not already settled: at each leaf those pairsWorthComparing
 * finds, and across leaves those sharing a rare-enough word (an index of stems) with the same
 * values. Each pair once; texts the same word for word are exactDuplicates' business.
 */
function* comparedPairs(live: readonly Words[], cardinalityOf: (path: string) => Cardinality): Generator<Compared> {
  const byLeaf = new Map<string, Words[]>();
  for (const w of live) (byLeaf.get(w.fact.path) ?? byLeaf.set(w.fact.path, []).get(w.fact.path)!).push(w);
  for (const [path, leaf] of byLeaf) {
    const many = cardinalityOf(path) === 'many';
    // a frame that three facts of the leaf fill is a list of things ("item 12", "item 40"), not one slot
    const frames = new Map<string, number>();
    const frameOf = (w: Words) => [...w.stems].sort(byCodeUnit).join(' ');
    for (const w of leaf) frames.set(frameOf(w), (frames.get(frameOf(w)) ?? 0) + 1);
    const oneSlot = (w: Words) => frames.get(frameOf(w))! <= 2;
    for (const [a, b] of pairsWorthComparing(leaf))
      if (a.normal !== b.normal) yield { a, b, sameLeaf: true, many, oneSlot: oneSlot(a) && oneSlot(b) };
  }
  const byStem = new Map<string, Words[]>();
  for (const w of live) for (const s of w.stems) (byStem.get(s) ?? byStem.set(s, []).get(s)!).push(w);
  const compared = new Set<string>();
  for (const [, sharing] of byStem) {
    if (sharing.length > 50) continue; // a common word joins too much to say anything
    for (let i = 0; i < sharing.length; i++)
      for (let j = i + 1; j < sharing.length; j++) {
        const a = sharing[i]!;
        const b = sharing[j]!;
        if (a.fact.path === b.fact.path || a.normal === b.normal || !sameValues(a, b)) continue;
        const key = pairKey(a.fact, b.fact);
        if (compared.has(key)) continue;
        compared.add(key);
        yield { a, b, sameLeaf: false, many: false, oneSlot: false };
      }
  }
}

/** A pair's key (the two fact ids in order): each pair compared once. */
export const pairKey = (a: Fact, b: Fact) => (a.id < b.id ? `${a.id} ${b.id}` : `${b.id} ${a.id}`);

export function findProposals(given: ConsolidateInput): Proposal[] {
  const meanings = remembered(given.meanings);
  const known = new Set(given.facts.flatMap((f) => namesInside(f.text)));
  const all = given.facts.map((f) => wordsOf(f, meanings, known));
  const weight = rarity(all);
  // a validity that ended settles a fact whatever anyone thinks of it
  const ended = all.filter((w) => w.fact.validUntil && Date.parse(w.fact.validUntil) < given.now.getTime());
  const endedFacts = new Set(ended);
  const live = all.filter((w) => !endedFacts.has(w));
  const thresholds = given.thresholds ?? DEFAULT_THRESHOLDS;
  const proposals: Proposal[] = [];
  const settled = new Set<Fact>();

  // retire: an ended validity is a rule's decision
  for (const w of ended) {
    settled.add(w.fact);
    proposals.push({
      id: proposalId('retire', [w.fact]),
      kind: 'retire',
      safe: true,
      fact: w.fact,
      reason: `valid until ${w.fact.validUntil!.slice(0, 10)}`,
    });
  }

  // dedupe: the same text anywhere, then near-duplicates at one leaf (and, nearer still, across
  // leaves); and two values of one slot. At a leaf a model reviewed, the model decides; the
  // rules decide the rest.
  const exact = exactDuplicates(live);
  const near: Array<[Words, Words, number]> = [];
  const contradictions: Array<[Words, Words, number]> = [];
  // a reviewed leaf's pairs are the model's: merge's number guard holds whoever judges, and
  // facts that say when they hold never contradict
  const review = given.review;
  const byId = new Map(live.map((w) => [w.fact.id, w]));
  const judged = new Set<Fact>();
  const liveAt = (ids: readonly string[]) =>
    ids.map((id) => byId.get(id)).filter((w): w is Words => w !== undefined && review!.leaves.has(w.fact.path));
  for (const ids of review?.duplicates ?? []) {
    const [first, ...rest] = liveAt(ids);
    for (const other of rest)
      if (first && other.fact.path === first.fact.path && other.numbers === first.numbers) {
        near.push([first, other, alike(first, other, meanings, weight)]);
        judged.add(first.fact).add(other.fact);
      }
  }
  for (const ids of review?.conflicts ?? []) {
    const [a, b] = liveAt(ids);
    if (!a || !b || a.fact.path !== b.fact.path || given.cardinalityOf(a.fact.path) !== 'many') continue;
    if (datedByValidity(a) || datedByValidity(b)) continue;
    contradictions.push([a, b, 1 + Math.min(...alignFacts(a, b, meanings).shared)]);
    judged.add(a.fact).add(b.fact);
  }
  for (const { a, b, sameLeaf, many, oneSlot } of comparedPairs(live, given.cardinalityOf)) {
    if (sameLeaf && review?.leaves.has(a.fact.path)) continue;
    if (sameValues(a, b)) {
      const score = alike(a, b, meanings, weight);
      if (score >= (sameLeaf ? thresholds.duplicate : thresholds.duplicateAcross)) {
        near.push([a, b, score]);
        continue;
      }
    }
    if (!sameLeaf || !many || !oneSlot) continue;
    const conflict = slotConflict(a, b, meanings);
    if (conflict > 0) contradictions.push([a, b, conflict]);
  }
  for (const { members, score } of groups([...exact, ...near])) {
    const keep = betterWorded(members);
    const drop = members.filter((f) => f !== keep);
    const safe = members.every((f) => normalizeFactText(f.text) === normalizeFactText(keep.text));
    const leaves = new Set(members.map((f) => f.path)).size;
    for (const f of members) settled.add(f);
    proposals.push({
      id: proposalId('dedupe', members),
      kind: 'dedupe',
      safe,
      keep,
      drop,
      score: Math.round(score * 1000) / 1000,
      reason: safe
        ? `the same text ${members.length} times${leaves > 1 ? ` at ${leaves} leaves` : ''}`
        : members.some((f) => judged.has(f))
          ? `${members.length} facts say the same thing (${review!.by} says)`
          : `${members.length} facts say the same thing (similarity ${score.toFixed(2)})`,
    });
  }

  // two values of one slot, each fact paired with the one it shares most with: a fact in two
  // pairs ("deployed to EKS" and "deploy on Tuesdays", "deploy on Tuesdays" and "deploys every
  // Thursday") belongs to the nearer
  const open = contradictions.filter(([a, b]) => !settled.has(a.fact) && !settled.has(b.fact));
  for (const [a, b] of mutuallyNearest(open)) {
    const facts: [Fact, Fact] = [a.fact, b.fact];
    const by = judged.has(a.fact) ? ` (${review!.by} says)` : '';
    proposals.push({
      id: proposalId('contradiction', facts),
      kind: 'contradiction',
      safe: false,
      facts,
      reason: `two values for one thing, and nothing says which is current${by} (give one a validUntil, or remove it)`,
    });
  }

  // refile: the classifier now places a fact it placed elsewhere, surely, and the memory does not
  // keep facts like it where it is
  const atLeaf = new Map<string, Words[]>();
  for (const w of live) (atLeaf.get(w.fact.path) ?? atLeaf.set(w.fact.path, []).get(w.fact.path)!).push(w);
  const nearestAt = (w: Words, path: string) =>
    Math.max(0, ...(atLeaf.get(path) ?? []).filter((x) => x !== w).map((x) => alike(w, x, meanings, weight)));
  for (const w of live) {
    if (settled.has(w.fact) || !placedByClassifier(w.fact)) continue;
    const opinion = given.opinions?.get(w.fact.id) ?? [];
    const best = opinion[0];
    if (!best || best.path === w.fact.path || best.confidence < thresholds.refile) continue;
    // a leaf the classifier still gives a chance (5% or more) is a judgment call, not a mistake
    if (opinion.some((c) => c.path === w.fact.path && c.confidence >= 0.05)) continue;
    // so is a leaf where the memory keeps a fact as like it as any at the proposed one ("Isla has
    // swimming on Saturdays" beside "Mateo has football on Saturdays"): how this memory files things
    const here = nearestAt(w, w.fact.path);
    if (here >= KEPT_ALIKE && here >= nearestAt(w, best.path)) continue;
    proposals.push({
      id: proposalId('refile', [w.fact], best.path),
      kind: 'refile',
      safe: false,
      fact: w.fact,
      to: best.path,
      confidence: best.confidence,
      reason: `the classifier now places it at ${best.path} (${Math.round(best.confidence * 100)}%)`,
    });
  }

  // stale: a one leaf's value not restated for a long time
  if (given.staleAfterDays !== undefined)
    for (const w of live) {
      if (given.cardinalityOf(w.fact.path) !== 'one' || w.fact.validUntil) continue;
      const ageDays = Math.floor((given.now.getTime() - Date.parse(w.fact.recordedAt)) / DAY_MS);
      if (!(ageDays > given.staleAfterDays)) continue;
      proposals.push({
        id: proposalId('stale', [w.fact]),
        kind: 'stale',
        safe: false,
        fact: w.fact,
        ageDays,
        reason: `recorded ${ageDays} days ago (consolidate.staleAfter: ${given.staleAfterDays})`,
      });
    }
  return proposals;
}

/**
 * Two facts of a `many` leaf that fill one slot with two values: the words around the value
 * nearly the same, the values different, neither saying it is one of several ("a cat named
 * Tofu", "also"), and neither dated.
 */
/** The pairs whose facts are each other's best match (the higher score; ties to the first found). */
function mutuallyNearest<T>(pairs: ReadonlyArray<[T, T, number]>): Array<[T, T]> {
  const best = new Map<T, [T, T, number]>();
  for (const pair of pairs)
    for (const side of [pair[0], pair[1]]) {
      const known = best.get(side);
      if (!known || pair[2] > known[2]) best.set(side, pair);
    }
  return pairs.filter((p) => best.get(p[0]) === p && best.get(p[1]) === p).map(([a, b]) => [a, b]);
}

/**
 * Whether two facts of a `many` leaf fill one slot with two values, and how surely (0: not): the
 * words around the slot the same, one difference on each side and of a kind (two days, two
 * names, "nurse" and "teacher"), or one fact denying the other; neither saying it is one of
 * several ("a cat named Tofu", "also"), and neither dated. The share of words they have in
 * common is the score.
 */
function slotConflict(a: Words, b: Words, meanings: Meanings | undefined): number {
  if (a.oneOfSeveral || b.oneOfSeveral || a.dated || b.dated) return 0;
  if (datedByValidity(a) || datedByValidity(b)) return 0;
  const alignment = alignFacts(a, b, meanings);
  const { shared, runs, negationDiffers } = alignment;
  const frame = Math.min(...shared);
  if (frame < FRAME_SHARE) return 0;
  // "Tally does CQRS" / "Tally doesn't do CQRS": one claim and its denial
  if (negationDiffers) return frame >= 0.5 && runs[0].length <= 1 && runs[1].length <= 1 ? frame : 0;
  if (runs[0].length !== 1 || runs[1].length !== 1 || !alignment.parallel) return 0;
  // "Isla has swimming lessons" / "Mateo has football lessons": a name and a word on each side are who and what, two things
  const whoAndWhat = (run: readonly Token[]) => run.some((t) => t.name) && run.some((t) => !t.name && !t.value);
  return whoAndWhat(runs[0][0]!) && whoAndWhat(runs[1][0]!) ? 0 : frame;
}

/** A fact has company at its leaf when another fact there is this alike (0–1). */
const KEPT_ALIKE = 0.35;

/** A fact that says when it holds: one value of a history, not a slot's only value. */
const datedByValidity = (w: Words) => Boolean(w.fact.validFrom || w.fact.validUntil);

/** The share of each fact's words the other must have as they are: the frame around the slot. */
const FRAME_SHARE = 0.4;
