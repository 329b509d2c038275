import { describe, expect, it } from 'vitest';
import { loadEmbeddings } from '../../src/classify/embeddings.js';
import { LinearClassifier, linearFeatures, trainLinearModel } from '../../src/classify/linear.js';

const embeddings = loadEmbeddings()!;
const paths = ['health.diet.allergies', 'relationships.pets.animals', 'preferences.ui.theme'];
const texts = [
  ['I am allergic to peanuts', 0],
  ['Shellfish gives me hives', 0],
  ['She carries an EpiPen for her nut allergy', 0],
  ['Lactose intolerant since childhood', 0],
  ['We have a cat named Miso', 1],
  ['Our dog Rex loves the beach', 1],
  ['Two goldfish in the kitchen', 1],
  ['The rabbit lives in the garden', 1],
  ['I prefer dark mode', 2],
  ['Solarized light everywhere', 2],
  ['High contrast theme in the editor', 2],
  ['Dracula theme in the terminal', 2],
].map(([text, i]) => ({ text: text as string, path: paths[i as number], weight: 1 }));
const model = trainLinearModel(texts, paths, embeddings, { epochs: 30 });
const top = (c: LinearClassifier, text: string) => paths[c.predict(text).indexOf(Math.max(...c.predict(text)))];

describe('the linear classifier', () => {
  it('features: stemmed words and word bigrams', () => {
    expect(linearFeatures('I prefer dark mode')).toEqual([
      'w:prefer',
      'w:dark',
      'w:mode',
      'b:prefer_dark',
      'b:dark_mode',
    ]);
  });

  it('learns its training texts; words it never saw carry no evidence', () => {
    const c = LinearClassifier.fromModel(model);
    for (const t of texts) expect(top(c, t.text), t.text).toBe(t.path);
    expect(top(c, 'the cat at the beach')).toBe('relationships.pets.animals');
    const p = c.predict('allergic to nuts');
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect([...c.predict('zzqxj')]).toEqual([0, 0, 0]);
  });

  it('trains deterministically, and survives quantised serialisation', () => {
    expect(trainLinearModel(texts, paths, embeddings, { epochs: 30 })).toEqual(model);
    const revived = LinearClassifier.fromModel(
      JSON.parse(JSON.stringify(LinearClassifier.fromModel(model).serialize())),
    );
    const original = LinearClassifier.fromModel(model);
    for (const t of texts) expect(top(revived, t.text)).toBe(top(original, t.text));
  });

  it('moves towards a correction', () => {
    const c = LinearClassifier.fromModel(model);
    const text = 'the cat likes the garden';
    const before = c.predict(text)[2];
    for (let i = 0; i < 8; i++) c.learn(text, 'preferences.ui.theme', 0.3);
    expect(c.predict(text)[2]).toBeGreaterThan(before);
    expect(top(c, text)).toBe('preferences.ui.theme');
  });
});
