import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyKept } from '../../src/classify/kept.js';
import type { Classification, Classifier } from '../../src/classify/types.js';
import { tempDir } from '../helpers/cli.js';

/** A classifier that files every text at a leaf named after its length, and counts what it was asked. */
function counting(identity: string | undefined) {
  const asked: string[] = [];
  const classifier: Classifier = {
    name: 'offline',
    identity,
    async classify(texts): Promise<Classification[]> {
      asked.push(...texts);
      return texts.map((text) => ({
        text,
        classifier: 'offline',
        candidates: [{ path: `length.of.${text.length}`, confidence: 0.9 }],
      }));
    },
  };
  return { classifier, asked };
}

describe('classifyKept', () => {
  it("keeps the answers by text while the classifier's identity holds, and asks again when it changes", async () => {
    const file = path.join(tempDir(), 'cache', 'opinions.json');
    const first = counting('models-a');
    const answers = await classifyKept(first.classifier, ['tea', 'coffee', 'tea'], 3, file);
    expect(answers.map((c) => c[0]!.path)).toEqual(['length.of.3', 'length.of.6', 'length.of.3']);
    expect(first.asked).toEqual(['tea', 'coffee']);

    const again = counting('models-a');
    expect(await classifyKept(again.classifier, ['coffee', 'tea'], 3, file)).toEqual([answers[1], answers[0]]);
    expect(again.asked).toEqual([]);

    const corrected = counting('models-a+corrections');
    await classifyKept(corrected.classifier, ['coffee', 'tea'], 3, file);
    expect(corrected.asked).toEqual(['coffee', 'tea']);
    // and the file holds the answers for the last texts only, never the texts themselves
    const kept = fs.readFileSync(file, 'utf8');
    expect(Object.keys(JSON.parse(kept).answers)).toHaveLength(2);
    expect(kept).not.toContain('coffee');
  });

  it('asks again when the file is unreadable, and never keeps answers of a classifier without an identity', async () => {
    const file = path.join(tempDir(), 'opinions.json');
    fs.writeFileSync(file, '{not json');
    const broken = counting('models-a');
    await classifyKept(broken.classifier, ['tea'], 3, file);
    expect(broken.asked).toEqual(['tea']);
    const remote = counting(undefined);
    const other = path.join(tempDir(), 'opinions.json');
    await classifyKept(remote.classifier, ['tea'], 3, other);
    await classifyKept(remote.classifier, ['tea'], 3, other);
    expect(remote.asked).toEqual(['tea', 'tea']);
    expect(fs.existsSync(other)).toBe(false);
  });
});
