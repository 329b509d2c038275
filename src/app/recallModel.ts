import { createHash } from '../core/lazyBuiltins.js';
import { buildLeafModel, LeafNavigator, type LeafTexts } from '../core/recallLeaves.js';
import { rankFacts, type RecallHit } from '../core/recall.js';
import { softMatcher } from '../core/recallMeaning.js';
import { timeOfQuestion } from '../core/recallTime.js';
import type { Meanings } from '../core/recallMeaning.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { cachedLeafModel } from '../store/recallIndex.js';
import type { Memory } from '../store/memory.js';
import type { ProgressSink } from '../core/progress.js';

/*
 * The leaf navigation model for the taxonomy in force, cached in the repository's state and
 * rebuilt when the taxonomy changes. Building it reads the training corpus (a lazy chunk),
 * so only the first recall after a change pays for it.
 */

/** Identifies a taxonomy's content: any change to a leaf's name, description or examples rebuilds the model. */
export function taxonomyKey(taxonomy: Taxonomy): string {
  const hash = createHash('sha1');
  for (const leaf of taxonomy.leaves.values())
    hash.update(JSON.stringify([leaf.path, leaf.description, leaf.examples]));
  for (const [group, description] of taxonomy.groups) hash.update(JSON.stringify([group, description]));
  return hash.digest('hex').slice(0, 16);
}

/** What each leaf is known by: its names, descriptions (its own and its groups'), examples, training facts. */
export async function leafTexts(taxonomy: Taxonomy): Promise<LeafTexts[]> {
  const { trainingFacts } = await import('../classify/training.js');
  const byLeaf = new Map<string, string[]>();
  for (const t of trainingFacts()) (byLeaf.get(t.path) ?? byLeaf.set(t.path, []).get(t.path)!).push(t.text);
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

/** The navigator (cached model) and the word vectors, for the taxonomy in force. */
export async function recallSignals(memory: Memory, taxonomy: Taxonomy): Promise<RecallSignals> {
  const { loadEmbeddings } = await import('../classify/embeddings.js');
  const meanings = loadEmbeddings();
  // +inflections: a word outside the vocabulary that inflects a known one has had its vector since
  const key = `${taxonomyKey(taxonomy)}${meanings ? '+meanings+inflections' : ''}`;
  const model = await cachedLeafModel(memory.gitdir, key, async () =>
    buildLeafModel(await leafTexts(taxonomy), { meanings }),
  );
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
  const [index, { navigator, meanings }, time] = await Promise.all([
    recallIndex(memory, commit, persist, options.progress),
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
}
