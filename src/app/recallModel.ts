import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHash } from '../core/lazyBuiltins.js';
import { buildLeafModel, type LeafModel, LeafNavigator, type LeafTexts } from '../core/recallLeaves.js';
import { rankFacts, type RecallHit } from '../core/recall.js';
import { softMatcher } from '../core/recallMeaning.js';
import { timeOfQuestion } from '../core/recallTime.js';
import type { Meanings } from '../core/recallMeaning.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { builtinTaxonomy } from '../config/taxonomy.js';
import { cachedLeafModel } from '../store/recallIndex.js';
import type { Memory } from '../store/memory.js';
import type { ProgressSink } from '../core/progress.js';

/*
 * The leaf navigation model for the taxonomy in force: made by the build for the built-in
 * taxonomy; for an extended one, cached in the repository's state and rebuilt when the taxonomy
 * changes. Building it reads the training corpus (a lazy chunk), so only the first recall after
 * a change pays for it.
 */

/** Identifies a taxonomy's content: any change to a leaf's name, description or examples rebuilds the model. */
export function taxonomyKey(taxonomy: Taxonomy): string {
  const hash = createHash('sha1');
  for (const leaf of taxonomy.leaves.values())
    hash.update(JSON.stringify([leaf.path, leaf.description, leaf.examples]));
  for (const [group, description] of taxonomy.groups) hash.update(JSON.stringify([group, description]));
  return hash.digest('hex').slice(0, 16);
}

/**
 * What each leaf is known by: its names, descriptions (its own and its groups'), examples,
 * training facts. Not the facts written as said in a chat (chat-*.jsonl): they taught the
 * classifier to file a person's sentences, but moved the leaves a question points to and cost
 * recall on dialogues 2 points of hit@5 (docs/decisions.md, 2026-12-08).
 */
export async function leafTexts(taxonomy: Taxonomy): Promise<LeafTexts[]> {
  const { trainingFacts } = await import('../classify/training.js');
  const byLeaf = new Map<string, string[]>();
  for (const t of trainingFacts({ chat: false }))
    (byLeaf.get(t.path) ?? byLeaf.set(t.path, []).get(t.path)!).push(t.text);
  return [...taxonomy.leaves.values()].map((leaf) => {
    const [category, sub] = leaf.path.split('.');
    return {
      path: leaf.path,
      texts: [
        { text: leaf.path.replace(/[._]/g, ' '), weight: 3 },
        { text: leaf.description, weight: 3 },
        { text: taxonomy.groups.get(`${category}.${sub}`) ?? '', weight: 1 },
        ...leaf.examples.map((text) => ({ text, weight: 1 })),
        ...(byLeaf.get(leaf.path) ?? []).map((text) => ({ text, weight: 1 })),
      ],
    };
  });
}

export interface RecallSignals {
  navigator: LeafNavigator;
  /** Word vectors; undefined when their data files are missing (recall then goes by words alone). */
  meanings?: Meanings;
}

/** What a leaf model is built from: the taxonomy, and whether word vectors were there. */
export function leafModelKey(taxonomy: Taxonomy, meanings: Meanings | undefined): string {
  // +inflections: a word outside the vocabulary that inflects a known one has had its vector since
  return `${taxonomyKey(taxonomy)}${meanings ? '+meanings+inflections' : ''}`;
}

/** The leaf model and its key, as the build makes it for the built-in taxonomy (scripts/trainModels.mjs). */
export interface PrebuiltLeafModel {
  key: string;
  /** Whether it was built with word vectors (a damaged install may lack them). */
  meanings: boolean;
  model: LeafModel;
}

/** The file beside the bundle that holds it. */
export const PREBUILT_LEAF_MODEL = 'recall-leaves.json';

/** The file as read, once per process (a server answers many questions); null: none to read. */
let prebuilt: PrebuiltLeafModel | null | undefined;

/** The build's leaf model for the built-in taxonomy, when it was made with word vectors as they are now. */
function prebuiltLeafModel(meanings: boolean): LeafModel | undefined {
  if (prebuilt === undefined)
    try {
      const file = fileURLToPath(new URL(`../${PREBUILT_LEAF_MODEL}`, import.meta.url));
      prebuilt = JSON.parse(fs.readFileSync(file, 'utf8')) as PrebuiltLeafModel;
    } catch {
      prebuilt = null; // the sources run without a build (tests), or a damaged install: built and cached instead
    }
  return prebuilt?.meanings === meanings ? prebuilt.model : undefined;
}

/**
 * The navigator and the word vectors, for the taxonomy in force. The built-in taxonomy's model
 * comes with the build; an extended one's is built (~0.5 s) and cached in the repository's state.
 */
export async function recallSignals(memory: Memory, taxonomy: Taxonomy): Promise<RecallSignals> {
  const { loadEmbeddings } = await import('../classify/embeddings.js');
  const meanings = loadEmbeddings();
  // the built-in taxonomy's comes with the build: its key (a hash of the whole taxonomy) is not computed
  const model =
    (taxonomy === builtinTaxonomy() ? prebuiltLeafModel(meanings !== undefined) : undefined) ??
    (await cachedLeafModel(memory.gitdir, leafModelKey(taxonomy, meanings), async () =>
      buildLeafModel(await leafTexts(taxonomy), { meanings }),
    ));
  return { navigator: new LeafNavigator(model, meanings), meanings };
}

/**
 * The facts of a commit most relevant to a question, best first: the cached index of its tree
 * (kept as the cache only for the current commit, `persist`), navigation, meanings, and time:
 * "yesterday" in the question counts from `reference` (now, or the --as-of moment).
 */
export async function searchMemory(
  memory: Memory,
  taxonomy: Taxonomy,
  commit: string,
  persist: boolean,
  question: string,
  options: { k: number; prefixes?: string[]; minScore?: number; reference: Date; progress?: ProgressSink },
): Promise<RecallHit[]> {
  const { recallIndex } = await import('../store/recallIndex.js');
  const index = await recallIndex(memory, commit, persist, options.progress);
  try {
    const [{ navigator, meanings }, time] = await Promise.all([
      recallSignals(memory, taxonomy),
      timeOfQuestion(question, options.reference),
    ]);
    return rankFacts(question, index.corpus, navigator.scores(question), {
      k: options.k,
      prefixes: options.prefixes,
      minScore: options.minScore,
      similarity: meanings ? softMatcher(question, meanings) : undefined,
      time,
    });
  } finally {
    // the facts returned are read: the index file is let go (a server answers many questions)
    index.close();
  }
}
