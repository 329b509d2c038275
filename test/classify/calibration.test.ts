import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrated, calibrationSplit, fitCalibration, type Calibration } from '../../src/classify/calibration.js';
import { OfflineClassifier } from '../../src/classify/offline.js';
import { smallTaxonomy } from './helpers.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));
const top = (probability: number) => ({ probability, score: 0.5, margin: 0.1 });

describe('calibration', () => {
  it('fits a logistic map of the raw probability: recovers the slope and bias it was drawn from', () => {
    // deterministic points: at each raw probability, the share that is right follows sigmoid(-1 + 0.5 logit p)
    const points = [];
    for (let i = 1; i < 40; i++) {
      const p = i / 40;
      const right = Math.round(sigmoid(-1 + 0.5 * logit(p)) * 100);
      for (let k = 0; k < 100; k++) points.push({ top: top(p), correct: k < right });
    }
    const { weights } = fitCalibration(points, 0);
    expect(weights[0]).toBeCloseTo(-1, 1);
    expect(weights[1]).toBeCloseTo(0.5, 1);
    expect(calibrated({ version: 1, weights }, top(0.9))).toBeCloseTo(sigmoid(-1 + 0.5 * logit(0.9)), 2);
  });

  it('leaves the raw probability as it is without a calibration', () => {
    expect(calibrated(undefined, top(0.42))).toBe(0.42);
  });

  it('is applied by the offline classifier to its top suggestion; the others stay below it', () => {
    const taxonomy = smallTaxonomy();
    const calibration: Calibration = { version: 1, weights: [-0.5, 0.3] };
    const raw = new OfflineClassifier(taxonomy);
    const calibratedClassifier = new OfflineClassifier(taxonomy, { calibration });
    const text = 'I prefer the dark theme in my editor';
    const expected = calibrated(calibration, raw.topSuggestion(text));
    const candidates = calibratedClassifier.classifyOne(text, 3);
    expect(candidates[0].path).toBe(raw.classifyOne(text, 3)[0].path);
    expect(candidates[0].confidence).toBeCloseTo(expected, 3);
    expect(candidates[0].confidence).not.toBeCloseTo(raw.classifyOne(text, 1)[0].confidence, 2);
    for (const c of candidates.slice(1)) expect(c.confidence).toBeLessThanOrEqual(candidates[0].confidence);
    expect(candidates.reduce((s, c) => s + c.confidence, 0)).toBeLessThanOrEqual(1.001);
  });

  it('the no-memory pseudo-leaf is never a candidate, and takes the confidence of chit-chat', () => {
    const taxonomy = smallTaxonomy();
    const noMemory = ['Hi there!', 'thanks a lot', 'ok cool', 'haha nice', 'see you later', 'sounds good'];
    const plain = new OfflineClassifier(taxonomy);
    const aware = new OfflineClassifier(taxonomy, { noMemory });
    const chat = aware.classifyOne('haha ok, thanks!', 10);
    expect(chat.map((c) => c.path).every((p) => taxonomy.leaves.has(p))).toBe(true);
    expect(chat[0].confidence).toBeLessThan(plain.classifyOne('haha ok, thanks!', 1)[0].confidence);
    expect(aware.classifyOne('I like dark mode', 1)[0].path).toBe('preferences.ui.theme');
    expect([...aware.scores('haha ok').keys()].every((p) => taxonomy.leaves.has(p))).toBe(true);
  });

  it('is fitted on a held-out split of facts that keeps the evaluation away and every leaf trained', () => {
    const taxonomy = smallTaxonomy();
    const training = Array.from({ length: 12 }, (_, i) => ({ text: `dark theme ${i}`, path: 'preferences.ui.theme' }));
    const split = calibrationSplit(taxonomy, training, ['hi', 'ok', 'thanks']);
    expect(split.training).toHaveLength(10);
    expect(split.noMemory).toEqual(['ok', 'thanks']);
    // a third of the no-memory texts is held back from training, and not fitted on: confidence is about facts
    expect(split.held.filter((h) => h.path === undefined)).toEqual([]);
    expect(split.taxonomy.leaves.get('preferences.ui.theme')!.examples).toEqual(['Solarized light everywhere']);
  });

  it('the build ships its parameters beside the model (dist/calibration.json), monotone in the raw probability', () => {
    const shipped = JSON.parse(
      fs.readFileSync(new URL('../../dist/calibration.json', import.meta.url), 'utf8'),
    ) as Calibration;
    expect(shipped.version).toBe(1);
    expect(shipped.weights).toHaveLength(2);
    expect(calibrated(shipped, top(0.99))).toBeGreaterThan(calibrated(shipped, top(0.5)));
  });
});
