import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyKept, keepingAnswers } from '../../src/classify/kept.js';
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
        candidates: [1, 2, 3, 4].map((n) => ({ path: `length.of.${text.length}.${n}`, confidence: 0.9 / n })),
      }));
    },
  };
  return { classifier, asked, thunk: async () => classifier };
}

const never = async (): Promise<Classifier> => {
  throw new Error('the classifier was built although every answer was kept');
};

describe('classifyKept', () => {
  it("keeps the top three answers by text while the classifier's identity holds, and asks again when it changes", async () => {
    const file = path.join(tempDir(), 'cache', 'classified.jsonl');
    const first = counting('models-a');
    const answers = await classifyKept('models-a', first.thunk, ['tea', 'coffee', 'tea'], file);
    expect(answers.map((c) => c.map((x) => x.path))).toEqual([
      ['length.of.3.1', 'length.of.3.2', 'length.of.3.3'],
      ['length.of.6.1', 'length.of.6.2', 'length.of.6.3'],
      ['length.of.3.1', 'length.of.3.2', 'length.of.3.3'],
    ]);
    expect(first.asked).toEqual(['tea', 'coffee']);

    expect(await classifyKept('models-a', never, ['coffee', 'tea'], file)).toEqual([answers[1], answers[0]]);

    const corrected = counting('models-a+corrections');
    await classifyKept('models-a+corrections', corrected.thunk, ['coffee', 'tea'], file);
    expect(corrected.asked).toEqual(['coffee', 'tea']);
    // rewritten with the answers for the last texts only, and never the texts themselves
    const kept = fs.readFileSync(file, 'utf8');
    expect(kept.trim().split('\n')).toHaveLength(2);
    expect(kept).not.toContain('coffee');
  });

  it("finds what a writer's classifier answered, so consolidate builds none", async () => {
    const file = path.join(tempDir(), 'cache', 'classified.jsonl');
    const writer = counting('models-a');
    const keeping = keepingAnswers(writer.classifier, file);
    const given = await keeping.classify(['I drink tea', 'I ride a bike'], 5);
    expect(given[0]!.candidates).toHaveLength(4); // the writer gets its whole answer
    await keeping.classify(['I drink tea'], 5);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);

    const answers = await classifyKept('models-a', never, ['I ride a bike', 'I drink tea'], file);
    expect(answers).toEqual([given[1]!.candidates.slice(0, 3), given[0]!.candidates.slice(0, 3)]);
    // another identity's answers are not taken
    const other = counting('models-b');
    await classifyKept('models-b', other.thunk, ['I drink tea'], file);
    expect(other.asked).toEqual(['I drink tea']);
  });

  it('asks again over unreadable lines, and keeps nothing of a classifier without an identity', async () => {
    const file = path.join(tempDir(), 'classified.jsonl');
    fs.writeFileSync(file, '{not json\n');
    const broken = counting('models-a');
    await classifyKept('models-a', broken.thunk, ['tea'], file);
    expect(broken.asked).toEqual(['tea']);

    const remote = counting(undefined);
    const other = path.join(tempDir(), 'classified.jsonl');
    expect(keepingAnswers(remote.classifier, other)).toBe(remote.classifier);
    await classifyKept(undefined, remote.thunk, ['tea'], other);
    await classifyKept(undefined, remote.thunk, ['tea'], other);
    expect(remote.asked).toEqual(['tea', 'tea']);
    expect(fs.existsSync(other)).toBe(false);
  });
});
