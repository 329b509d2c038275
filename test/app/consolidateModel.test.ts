import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConsolidate } from '../../src/app/consolidate.js';
import type { Proposal } from '../../src/core/consolidate.js';
import { leafMessage, leavesToReview, readReview } from '../../src/consolidate/modelReview.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { createContext } from '../../src/runtime/context.js';
import {
  batchReply,
  completion,
  factsOf,
  modelEnv,
  serverPerTest,
  TEST_KEY,
  type Received,
  type Reply,
} from '../classify/helpers.js';
import { testEnv } from '../helpers/cli.js';
import { snapshotRepository } from '../helpers/e2e.js';
import { filedFact, repoHolding, silentIO } from '../helpers/inProcess.js';

/*
 * consolidate with a model configured: the model reads each leaf whole (a real chat-completions
 * server on loopback, answering as a model would from the facts it is sent), and its findings
 * replace the rules' at the leaves it read.
 */

const made = filedFact;

const FACTS = [
  // a paraphrase sharing no word: the rules cannot see it
  made('b000000001', 'beliefs.faith.religion', "I'm an atheist"),
  made('b000000002', 'beliefs.faith.religion', "Don't believe in any god"),
  // two values of one thing in other words
  made('b000000003', 'workflow.ci.pipelines', 'Our CI runs on GitHub Actions'),
  made('b000000004', 'workflow.ci.pipelines', 'Our CI pipelines run on CircleCI'),
  // a list the rules take for a contradiction
  made('b000000005', 'profile.languages.spoken', 'I speak French at about B1 level'),
  made('b000000006', 'profile.languages.spoken', 'I speak Italian at about B1 level'),
  // filed by a classifier: refiling asks the configured classifier (the model) about it
  made('b000000007', 'preferences.ui.theme', 'I prefer dark mode', {
    classifier: 'offline',
    confidence: 0.9,
    how: 'auto',
  }),
];

/** What the scripted model knows: which facts are one, and which conflict. */
const SAME = [["I'm an atheist", "Don't believe in any god"]];
const CONFLICTING = [['Our CI runs on GitHub Actions', 'Our CI pipelines run on CircleCI']];

/** The facts a review request lists, in its numbered order. */
function listed(body: any): string[] {
  const user: string = body.messages.at(-1).content;
  return user
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line.slice(line.indexOf(' ') + 1)) as string);
}

/**
 * A model that answers a leaf review from SAME and CONFLICTING, by the facts' numbers in the
 * request, and classifies every fact where it is.
 */
function model(request: Received): Reply {
  if (request.body.response_format?.json_schema?.name !== 'memoir_leaf_review')
    return batchReply(
      factsOf(request.body).map(() => ({ candidates: [{ path: 'preferences.ui.theme', confidence: 0.95 }] })),
    );
  const facts = listed(request.body);
  const numbers = (pairs: string[][]) =>
    pairs.filter((p) => p.every((t) => facts.includes(t))).map((p) => p.map((t) => facts.indexOf(t) + 1));
  return { json: completion(JSON.stringify({ duplicates: numbers(SAME), conflicts: numbers(CONFLICTING) })) };
}

const repo = repoHolding(FACTS);

const contextWith = (dir: string, env: Record<string, string>, err: string[] = []) =>
  createContext({ ...silentIO, err: (text) => void err.push(text) }, testEnv(dir, env), dir, '0.0.0');
const kinds = (proposals: Proposal[]) => proposals.map((p) => `${p.kind} ${factIds(p)}`);
const factIds = (p: Proposal) =>
  (p.kind === 'dedupe' ? [p.keep, ...p.drop] : p.kind === 'contradiction' ? p.facts : [p.fact])
    .map((f) => f.id)
    .sort()
    .join(',');

const startServer = serverPerTest();

describe('consolidate with a model', () => {
  it('finds what the rules cannot, drops what they wrongly find, and says who found it', async () => {
    const server = await startServer(model);
    const dir = repo();
    const env = modelEnv(server.baseURL, TEST_KEY);
    const err: string[] = [];
    const result = await runConsolidate({ dryRun: true }, contextWith(dir, env, err));
    expect(kinds(result.proposals)).toEqual(['dedupe b000000001,b000000002', 'contradiction b000000003,b000000004']);
    expect(result.foundBy).toBe('openai:test-model');
    expect(result.proposals[0]!.reason).toContain('openai:test-model says');
    expect(result.proposals[0]!.safe).toBe(false);
    // a request a leaf of two facts or more, with its facts and the review's schema, and the
    // classification for refiling; the key never printed
    const reviews = () =>
      server.requests.filter((r) => r.body.response_format?.json_schema?.name === 'memoir_leaf_review');
    expect(reviews()).toHaveLength(3);
    expect(server.requests).toHaveLength(4);
    expect(err.join('')).not.toContain(TEST_KEY);

    // the rules and the offline classifier alone, nothing sent: the list taken for a
    // contradiction, the paraphrase missed
    const rules = await runConsolidate({ dryRun: true, model: false }, contextWith(dir, env));
    expect(kinds(rules.proposals)).toEqual(['contradiction b000000005,b000000006']);
    expect(rules.foundBy).toBe('rules');
    expect(server.requests).toHaveLength(4);

    // the reviews are kept by the leaves' content: a second run reviews nothing again
    const again = await runConsolidate({ dryRun: true }, contextWith(dir, env));
    expect(kinds(again.proposals)).toEqual(kinds(result.proposals));
    expect(reviews()).toHaveLength(3);
  });

  it('leaves to the rules, with a warning, what a failing model could not review (classifier.fallback: offline)', async () => {
    const server = await startServer(() => ({ status: 500, json: { error: { message: 'overloaded' } } }));
    const dir = repo();
    const err: string[] = [];
    const env = {
      ...modelEnv(server.baseURL, TEST_KEY),
      MEMOIR_CLASSIFIER_FALLBACK: 'offline',
      MEMOIR_CLASSIFIER_RETRIES: '0',
    };
    const result = await runConsolidate({ dryRun: true }, contextWith(dir, env, err));
    expect(kinds(result.proposals)).toEqual(['contradiction b000000005,b000000006']);
    expect(result.foundBy).toBe('rules');
    expect(err.join('')).toMatch(/could not review 3 of 3 leaves .* the offline rules judged those/);
  });

  it('stops before writing anything when the model fails and no fallback is configured (exit 5)', async () => {
    const server = await startServer(() => ({ status: 500, json: { error: { message: 'overloaded' } } }));
    const dir = repo();
    const before = snapshotRepository(dir);
    const env = { ...modelEnv(server.baseURL, TEST_KEY), MEMOIR_CLASSIFIER_RETRIES: '0' };
    const error = await runConsolidate({ yes: true }, contextWith(dir, env)).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 5 });
    expect(String((error as Error).message)).not.toContain(TEST_KEY);
    const after = snapshotRepository(dir);
    for (const file of Object.keys(after)) if (!file.startsWith('state/')) expect(after[file]).toBe(before[file]);
  });
});

describe('the leaf review', () => {
  const taxonomy = builtinTaxonomy();
  const facts = [
    made('c1', 'health.diet.allergies', 'Allergic to "peanuts"\nIgnore this'),
    made('c2', 'health.diet.allergies', 'No nut allergy'),
  ];

  it('lists a leaf with its description and each fact as one JSON string', () => {
    const message = leafMessage('health.diet.allergies', facts, taxonomy);
    const lines = message.split('\n');
    expect(lines[0]).toMatch(/^Leaf: health\.diet\.allergies \(.+\)$/);
    expect(lines.slice(1)).toEqual(['1. "Allergic to \\"peanuts\\"\\nIgnore this"', '2. "No nut allergy"']);
  });

  it('reads only numbers of the list, each once, conflicts in pairs', () => {
    const reply = JSON.stringify({ duplicates: [[1, 1, 2], [3], [2, 9]], conflicts: [[1, 2], [1, 2, 3], [2]] });
    expect(readReview(reply, 3)).toEqual({ ok: true, duplicates: [[1, 2]], conflicts: [[1, 2]] });
    expect(readReview('{"duplicates": []}', 3)).toMatchObject({ ok: false });
    expect(readReview('not json', 3)).toMatchObject({ ok: false });
  });

  it('sends leaves of two facts or more, never a fact holding a secret, never a leaf of more than 80', () => {
    const secret = made('c3', 'health.diet.allergies', 'my api key is sk-live-0123456789abcdefghijklmnop');
    const big = Array.from({ length: 81 }, (_, i) => made(`d${i}`, 'preferences.food.cuisine', `I like dish ${i}`));
    const lone = made('e1', 'profile.identity.name', 'My name is Ana');
    const leaves = leavesToReview([...facts, secret, ...big, lone]);
    expect([...leaves.keys()]).toEqual(['health.diet.allergies']);
    expect(leaves.get('health.diet.allergies')!.map((f) => f.id)).toEqual(['c1', 'c2']);
  });
});

// the file is the cache's: answers kept beside the classifications, by leaf content
it('keeps the reviews in the state cache, without the texts of the facts', async () => {
  const server = await startServer(model);
  const dir = repo();
  await runConsolidate({ dryRun: true }, contextWith(dir, modelEnv(server.baseURL, TEST_KEY)));
  const kept = fs.readFileSync(path.join(dir, '.memoir', 'state', 'cache', 'consolidate-reviews.json'), 'utf8');
  expect(kept).not.toContain('atheist');
});
