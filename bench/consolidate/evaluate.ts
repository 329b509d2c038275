import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  factsOf,
  findProposals,
  type LeafReview,
  placedByClassifier,
  type Proposal,
  type Thresholds,
} from '../../src/core/consolidate.js';
import type { Fact } from '../../src/core/fact.js';
import type { Classifier } from '../../src/classify/types.js';
import type { Meanings } from '../../src/core/recallMeaning.js';
import type { Taxonomy } from '../../src/core/taxonomy.js';

/*
 * consolidate's evaluation: a memory of clean facts (base.jsonl) with problems planted in it
 * (planted.jsonl: facts said twice, word for word or in other words; two values of one slot;
 * facts filed at the wrong leaf; facts whose validity ended) and decoys that look like problems
 * and are not (two cats; a fact worded oddly). The memory is written as memoir's users write it:
 * the clean facts as add and review leave them (at the classifier's leaf where it was sure enough
 * to file them itself, otherwise where a person confirmed the gold leaf), the planted problems and
 * the decoys by agents giving a path over MCP (so the refile check runs on them, and a decoy
 * refiled is a false proposal).
 *   found: a planted problem with the proposal it calls for (a dedupe holding both texts, the
 *          contradiction of both, a refile to the right leaf, a retire);
 *   false: a proposal that no planted problem calls for (about decoys, base facts, or the wrong
 *          repair of a planted one: a contradiction merged as a duplicate).
 * The cases alternate between two halves: thresholds are tuned on "dev", reported on "test".
 */

const here = fileURLToPath(new URL('.', import.meta.url));

interface Case {
  kind: 'duplicate' | 'exact' | 'contradiction' | 'misfiled' | 'ended' | 'decoy-pair' | 'decoy-fact';
  leaf?: string;
  leaves?: [string, string];
  right?: string;
  text?: string;
  texts?: [string, string];
  validUntil?: string;
}

const lines = (file: string) =>
  readFileSync(join(here, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

export const NOW = new Date('2026-06-01T00:00:00Z');

/** A planted problem: the facts it is made of, and the proposal that finds it. */
interface Planted {
  kind: Case['kind'];
  half: 'dev' | 'test';
  facts: Fact[];
  /** Whether a proposal is the repair this problem calls for. */
  foundBy(p: Proposal): boolean;
}

/** The shipped classifier's leaf and confidence for each text, as add would have filed it. */
export type Placements = Map<string, { path: string; confidence: number }>;

export async function placements(texts: string[], classifier: Classifier): Promise<Placements> {
  const classified = await classifier.classify(texts, 1);
  return new Map(classified.map((c, i) => [texts[i]!, c.candidates[0] ?? { path: '', confidence: 0 }]));
}

/** Base facts filed as add files them: the classifier's leaf at or above this, a person's below. */
const AUTO_ACCEPT = 0.8;

export function baseTexts(): string[] {
  return lines('base.jsonl').map((b: { text: string }) => b.text);
}

export function buildMemory(placed: Placements): { facts: Fact[]; planted: Planted[]; decoys: Planted[] } {
  let n = 0;
  const fact = (path: string, text: string, extra: Partial<Fact> = {}): Fact => {
    n++;
    return {
      id: n.toString(16).padStart(10, '0'),
      path,
      text,
      recordedAt: `2026-0${1 + (n % 5)}-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00Z`,
      source: 'mcp',
      classifier: 'manual',
      ...extra,
    };
  };
  const facts: Fact[] = lines('base.jsonl').map((b: { leaf: string; text: string }) => {
    const auto = placed.get(b.text);
    return auto && auto.confidence >= AUTO_ACCEPT
      ? fact(auto.path, b.text, { source: 'cli', classifier: 'offline', confidence: auto.confidence, how: 'auto' })
      : fact(b.leaf, b.text, {
          source: 'cli',
          classifier: 'offline',
          confidence: auto?.confidence ?? 0.5,
          how: 'accepted',
        });
  });
  const planted: Planted[] = [];
  const decoys: Planted[] = [];
  const ids = (p: Proposal) => new Set(factsOf(p).map((f) => f.id));
  const holds = (p: Proposal, made: Fact[]) => made.every((f) => ids(p).has(f.id));
  (lines('planted.jsonl') as Case[]).forEach((c, i) => {
    const half = i % 2 === 0 ? 'dev' : 'test';
    let made: Fact[];
    let foundBy: Planted['foundBy'] = () => false;
    switch (c.kind) {
      case 'duplicate':
      case 'contradiction':
      case 'decoy-pair':
        made = c.texts!.map((t) => fact(c.leaf!, t));
        foundBy = (p) => p.kind === (c.kind === 'duplicate' ? 'dedupe' : 'contradiction') && holds(p, made);
        break;
      case 'exact':
        made = c.leaves!.map((leaf) => fact(leaf, c.text!));
        foundBy = (p) => p.kind === 'dedupe' && holds(p, made);
        break;
      case 'misfiled':
        made = [fact(c.leaf!, c.text!)];
        foundBy = (p) => p.kind === 'refile' && p.fact.id === made[0]!.id && p.to === c.right;
        break;
      case 'ended':
        made = [fact(c.leaf!, c.text!, { validUntil: `${c.validUntil}T00:00:00Z` })];
        foundBy = (p) => p.kind === 'retire' && p.fact.id === made[0]!.id;
        break;
      default:
        made = [fact(c.leaf!, c.text!)];
    }
    facts.push(...made);
    (c.kind.startsWith('decoy') ? decoys : planted).push({ kind: c.kind, half, facts: made, foundBy });
  });
  return { facts, planted, decoys };
}

export interface Score {
  half: 'dev' | 'test' | 'all';
  planted: number;
  found: number;
  byKind: Record<string, { planted: number; found: number }>;
  proposals: number;
  falseProposals: number;
  /** False proposals about decoys. */
  onDecoys: number;
  misses: Planted[];
  falses: Proposal[];
}

/** How the proposals score against the planted problems of one half (or all). */
export function score(proposals: Proposal[], planted: Planted[], decoys: Planted[], half: Score['half']): Score {
  const inHalf = (p: Planted) => half === 'all' || p.half === half;
  const wanted = planted.filter(inHalf);
  const ids = (list: Planted[]) => new Set(list.flatMap((p) => p.facts.map((f) => f.id)));
  // proposals are judged where their facts are: the half's planted and decoy facts, and the base facts for "all"
  const otherHalf = ids([...planted, ...decoys].filter((p) => !inHalf(p)));
  const touches = (p: Proposal) => factsOf(p).map((f) => f.id);
  const judged = proposals.filter((p) => p.kind !== 'stale' && !touches(p).some((id) => otherHalf.has(id)));
  const byKind: Score['byKind'] = {};
  const misses: Planted[] = [];
  let found = 0;
  for (const p of wanted) {
    const k = (byKind[p.kind] ??= { planted: 0, found: 0 });
    k.planted++;
    if (judged.some(p.foundBy)) {
      found++;
      k.found++;
    } else misses.push(p);
  }
  const falses = judged.filter((p) => !wanted.some((w) => w.foundBy(p)));
  const decoyIds = ids(decoys);
  return {
    half,
    planted: wanted.length,
    found,
    byKind,
    proposals: judged.length,
    falseProposals: falses.length,
    onDecoys: falses.filter((p) => touches(p).some((id) => decoyIds.has(id))).length,
    misses,
    falses,
  };
}

/** The classifier's opinion of every fact, as consolidate asks it. */
export async function opinionsOf(
  facts: Fact[],
  classifier: Classifier,
): Promise<Map<string, Array<{ path: string; confidence: number }>>> {
  const placed = facts.filter(placedByClassifier);
  const classified = await classifier.classify(
    placed.map((f) => f.text),
    3,
  );
  return new Map(classified.map((c, i) => [placed[i]!.id, c.candidates]));
}

export function run(
  facts: Fact[],
  taxonomy: Taxonomy,
  opinions: Map<string, Array<{ path: string; confidence: number }>>,
  meanings: Meanings | undefined,
  thresholds?: Thresholds,
  review?: LeafReview,
): Proposal[] {
  const cardinality = (path: string) => taxonomy.leaves.get(path)?.cardinality ?? 'many';
  return findProposals({ facts, cardinalityOf: cardinality, now: NOW, opinions, meanings, thresholds, review });
}
