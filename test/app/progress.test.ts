import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdd } from '../../src/app/add.js';
import { runClassify } from '../../src/app/classify.js';
import { runCommit } from '../../src/app/commit.js';
import { runRecall } from '../../src/app/recall.js';
import { createContext, type Context } from '../../src/runtime/context.js';
import { testEnv } from '../helpers/cli.js';
import { repoTemplate } from '../helpers/e2e.js';
import { silentIO } from '../helpers/inProcess.js';

/*
 * What long work tells Deps.progress, heard by a recording sink: each phase of a bulk add (screening,
 * classifying, reading dates, staging), the leaves a commit writes, a classify batch, and the build of
 * the recall index; counted up to the total where the work goes item by item. Rendering it is
 * runtime/progress.ts's (test/runtime/progress.test.ts).
 */

const LEAVES = ['preferences.food.cuisine', 'relationships.pets.animals', 'workflow.review.process'];
const repo = repoTemplate();

/** Every report, by phase: how many calls, the highest count, the total. */
function recorder() {
  const phases = new Map<string, { calls: number; done: number; total?: number }>();
  const order: string[] = [];
  const sink = (phase: string, done: number, total?: number) => {
    const seen = phases.get(phase);
    if (!seen) order.push(phase);
    phases.set(phase, { calls: (seen?.calls ?? 0) + 1, done: Math.max(seen?.done ?? 0, done), total });
  };
  return { sink, phases, order };
}

function contextIn(dir: string, sink: Context['progress']): Context {
  const context = createContext(silentIO, testEnv(dir), dir, '0.0.0');
  context.progress = sink;
  return context;
}

describe('progress of long work', () => {
  it('add --file reports screening, classifying, reading dates and staging; commit the leaves it writes', async () => {
    const dir = repo();
    const placed = Array.from({ length: 120 }, (_, i) =>
      JSON.stringify({ text: `fact number ${i}, noted yesterday`, path: LEAVES[i % LEAVES.length] }),
    );
    const classified = Array.from({ length: 30 }, (_, i) => JSON.stringify({ text: `I love eating ramen, bowl ${i}` }));
    fs.writeFileSync(path.join(dir, 'facts.jsonl'), [...placed, ...classified].join('\n') + '\n');
    const { sink, phases, order } = recorder();
    const context = contextIn(dir, sink);

    const added = await runAdd([], { file: 'facts.jsonl', yes: true }, context);
    expect(added.outcomes.filter((o) => o.kind === 'staged')).toHaveLength(150);
    expect(order).toEqual(['screening', 'classifying', 'reading dates', 'staging']);
    // per item, up to the total
    expect(phases.get('screening')).toEqual({ calls: 150, done: 149, total: 150 });
    expect(phases.get('classifying')).toEqual({ calls: 30, done: 30, total: 30 });
    expect(phases.get('reading dates')).toMatchObject({ calls: 150, total: 150 });
    expect(phases.get('staging')).toEqual({ calls: 150, done: 149, total: 150 });

    const memory = await context.memory();
    const committed = await context.locked(memory, () => runCommit(memory, {}, context));
    expect(committed.added).toHaveLength(150);
    // one report per file written: the three leaves (no corrections file: no person chose a leaf)
    expect(phases.get('writing leaves')).toEqual({ calls: 3, done: 3, total: 3 });
  });

  it('the first recall after a commit reports building its index; the next one reads it and reports nothing', async () => {
    const dir = repo();
    const facts = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({ text: `We have a cat called Pixel ${i}`, path: 'relationships.pets.animals' }),
    );
    fs.writeFileSync(path.join(dir, 'facts.jsonl'), facts.join('\n'));
    await runAdd([], { file: 'facts.jsonl', commit: true }, contextIn(dir, undefined));
    const first = recorder();
    const found = await runRecall('what is the cat called', {}, contextIn(dir, first.sink));
    expect(found.hits.length).toBeGreaterThan(0);
    expect(first.order).toEqual(['reading history', 'indexing facts']);
    expect(first.phases.get('reading history')?.total).toBe(40);
    expect(first.phases.get('indexing facts')).toEqual({ calls: 40, done: 39, total: 40 });
    const again = recorder();
    await runRecall('what is the cat called', {}, contextIn(dir, again.sink));
    expect(again.order).toEqual([]);
  });

  it('classify reports each fact of a batch', async () => {
    const dir = repo();
    const { sink, phases } = recorder();
    const context = contextIn(dir, sink);
    const texts = ['I prefer dark mode', 'We have a cat', 'PRs need two approvals', 'I live in Lyon'];
    context.io = { ...silentIO, readStdin: async () => new TextEncoder().encode(texts.join('\n')) };
    const result = await runClassify(['-'], {}, context);
    expect(result.results).toHaveLength(4);
    expect(phases.get('classifying')).toEqual({ calls: 4, done: 4, total: 4 });
  });
});
