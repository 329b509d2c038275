import { describe, expect, it } from 'vitest';
import { loadEmbeddings } from '../../src/classify/embeddings.js';
import { leafHash, trainOfflineModel, DEFAULT_WEIGHTS } from '../../src/classify/model.js';
import { OfflineClassifier } from '../../src/classify/offline.js';
import { trainingFacts } from '../../src/classify/training.js';
import { builtinTaxonomy, mergeTaxonomies } from '../../src/config/taxonomy.js';
import { buildTaxonomy } from '../../src/core/taxonomy.js';

const taxonomy = builtinTaxonomy();
const training = trainingFacts();
const embeddings = loadEmbeddings();
const model = trainOfflineModel(taxonomy, training, DEFAULT_WEIGHTS, embeddings);
const classifier = new OfflineClassifier(taxonomy, { model, training, embeddings });
const top = (c: OfflineClassifier, text: string) => c.classifyOne(text, 3)[0].path;

describe('the offline classifier', () => {
  it.each([
    ['I prefer dark mode in every app', 'preferences.ui.theme'],
    ['We have a cat named Miso', 'relationships.pets.animals'],
    ['I am allergic to peanuts', 'health.diet.allergies'],
    ['PRs need two approvals before merging', 'workflow.review.process'],
    ['We deploy to Fly.io from the main branch', 'project.infrastructure.deployment'],
  ])('places %j at %s', (text, leaf) => {
    expect(top(classifier, text)).toBe(leaf);
  });

  it('returns k candidates (at least 3), best first, confidences in [0, 1] summing to at most 1', async () => {
    const [result] = await classifier.classify(['Likes jazz and Bach'], 7);
    expect(result.classifier).toBe('offline');
    expect(result.candidates).toHaveLength(7);
    const confidences = result.candidates.map((c) => c.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    expect(confidences.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.001);
    expect((await classifier.classify(['x'], 1))[0].candidates).toHaveLength(3);
  });

  it('is deterministic, and a prebuilt model classifies exactly as one trained on the spot', () => {
    const fresh = new OfflineClassifier(taxonomy, { training, embeddings });
    for (const text of ['Vegan since 2019', 'Never force-push to main', 'My daughter starts school in September']) {
      expect(fresh.classifyOne(text, 5)).toEqual(classifier.classifyOne(text, 5));
    }
  });

  it('a serialised model (JSON) round-trips', () => {
    const revived = new OfflineClassifier(taxonomy, { model: JSON.parse(JSON.stringify(model)), training, embeddings });
    expect(revived.classifyOne('I use neovim with a lot of plugins', 5)).toEqual(
      classifier.classifyOne('I use neovim with a lot of plugins', 5),
    );
  });

  it('learns from corrections: the same and a reworded fact go to the corrected leaf', () => {
    const text = 'Project Bluebird ships the onboarding flow in March';
    const before = top(classifier, text);
    const chosen = before === 'events.upcoming.deadlines' ? 'goals.career.aspirations' : 'events.upcoming.deadlines';
    const corrected = new OfflineClassifier(taxonomy, {
      model,
      training,
      embeddings,
      corrections: [{ text, path: chosen, at: '2026-01-01T00:00:00Z' }],
    });
    expect(top(corrected, text)).toBe(chosen);
    expect(top(corrected, 'Bluebird, the project, ships its onboarding flow in March')).toBe(chosen);
    // other facts are not disturbed
    expect(top(corrected, 'I prefer dark mode in every app')).toBe('preferences.ui.theme');
  });

  it('learns leaves a taxonomy extension adds or redefines, at run time, over the prebuilt model', () => {
    const { taxonomy: extension, problems } = buildTaxonomy({
      preferences: {
        ui: {
          density: {
            description: 'How dense the user likes interfaces: compact or roomy layouts, padding, spacing.',
            cardinality: 'one',
            examples: ['Compact tables with tight padding', 'Roomy layouts with whitespace please'],
          },
        },
      },
    });
    expect(problems).toEqual([]);
    const merged = mergeTaxonomies(taxonomy, extension);
    expect(model.leaves['preferences.ui.density']).toBeUndefined();
    const extended = new OfflineClassifier(merged, { model, training, embeddings });
    expect(top(extended, 'I want compact layouts with tight padding everywhere')).toBe('preferences.ui.density');
    expect(model.leaves['preferences.ui.theme']).toBe(leafHash(taxonomy.leaves.get('preferences.ui.theme')!));
  });

  it('works without word vectors (lexical features only)', () => {
    const lexical = new OfflineClassifier(taxonomy, { training, weights: { semantic: 0 } });
    expect(top(lexical, 'I prefer dark mode in every app')).toBe('preferences.ui.theme');
  });
});

describe('word vectors', () => {
  it('load from data/embeddings and put related words close, unrelated ones apart', () => {
    expect(embeddings).toBeDefined();
    const e = embeddings!;
    const sim = (a: string, b: string) => {
      const x = e.embed(a)!;
      const y = e.embed(b)!;
      return x.reduce((s, v, i) => s + v * y[i], 0);
    };
    for (const word of ['vegetarian', 'meat', 'mortgage', 'dog', 'cat', 'salary'])
      expect(e.embed(word), word).toBeDefined();
    expect(sim('vegetarian', 'meat')).toBeGreaterThan(sim('vegetarian', 'mortgage'));
    expect(sim('dog', 'cat')).toBeGreaterThan(sim('dog', 'salary'));
    expect(sim('mortgage', 'salary')).toBeGreaterThan(sim('mortgage', 'cat'));
    expect(e.embed('zzqxj qqqq')).toBeUndefined();
  });

  it("find a word's nearest neighbours among candidates, nearest first, above a floor", () => {
    const near = embeddings!.neighbours('dog', ['mortgage', 'cat', 'salary', 'dog'], 3, 0.2);
    expect(near[0].word).toBe('cat');
    expect(near.map((n) => n.word)).not.toContain('dog');
    for (const n of near) expect(n.similarity).toBeGreaterThanOrEqual(0.2);
    expect(embeddings!.neighbours('zzqxj', ['cat'], 3, 0)).toEqual([]);
  });
});
