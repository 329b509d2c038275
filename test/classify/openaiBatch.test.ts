import { describe, expect, it } from 'vitest';
import { rerank } from '../../src/classify/rerank.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import {
  batchReply,
  completion,
  factsOf,
  FixedClassifier,
  modelClassifier,
  systemOf,
  TEST_KEY,
  rejection,
  serverPerTest,
  smallTaxonomy,
} from './helpers.js';

/*
 * The model path's shape on the wire: a shortlist per batch, several facts a request, each
 * fact's answer read on its own, and errors that name the endpoint (never the key) and count
 * the attempts really made.
 */

const THEME = 'preferences.ui.theme';
const FONT = 'preferences.ui.font';
const EDITOR = 'preferences.tools.editor';
const SHELL = 'preferences.tools.shell';

const serve = serverPerTest();

const describedLeaves = (body: any) =>
  [...systemOf(body).matchAll(/^([a-z_]+\.[a-z_]+\.[a-z_]+): /gm)].map((m) => m[1]);
const answer = (path: string, confidence = 0.9) => ({ candidates: [{ path, confidence }] });

describe('the shortlist', () => {
  it('describes the offline top 20 leaves (of 213) and names every other by path', async () => {
    const taxonomy = builtinTaxonomy();
    const paths = [...taxonomy.leaves.keys()];
    const ranked = new FixedClassifier(paths.slice(0, 30).map((path, i) => ({ path, confidence: 0.9 - i / 100 })));
    const server = await serve((request) => batchReply(factsOf(request.body).map(() => answer(paths[200]))));
    const [result] = await modelClassifier(server.baseURL, { taxonomy, fallback: ranked }).classify(
      ['I speak Portuguese at home'],
      5,
    );

    const body = server.requests[0].body;
    expect(describedLeaves(body)).toEqual(paths.slice(0, 20));
    for (const path of paths.slice(20)) expect(systemOf(body)).toContain(path.slice(path.lastIndexOf('.') + 1));
    // an answer outside the shortlist but inside the taxonomy is the model's to give
    expect(result.candidates[0]).toEqual({ path: paths[200], confidence: 0.9 });
    expect(JSON.stringify(body).length / 4).toBeLessThan(4_000); // the whole taxonomy took ~13,900 tokens
  });

  it('describes every leaf with classifier.shortlist 0', async () => {
    const server = await serve((request) => batchReply(factsOf(request.body).map(() => answer(THEME))));
    await modelClassifier(server.baseURL, { shortlist: 0 }).classify(['I like dark mode'], 3);
    expect(describedLeaves(server.requests[0].body)).toEqual([...smallTaxonomy().leaves.keys()]);
  });
});

describe('batches', () => {
  it('sends N distinct facts in ceil(N / 12) requests, at most four in flight, and keeps input order', async () => {
    let inFlight = 0;
    let most = 0;
    const paths = [THEME, FONT, EDITOR, SHELL];
    const server = await serve(async (request) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      return batchReply(factsOf(request.body).map((fact) => answer(paths[Number(fact.split(' ')[1]) % 4])));
    });
    const texts = Array.from({ length: 30 }, (_, i) => `fact ${i}`);
    const result = await modelClassifier(server.baseURL).classify([...texts, 'fact 3'], 3);
    expect(result.map((r) => r.candidates[0].path)).toEqual(
      [...texts, 'fact 3'].map((t) => paths[Number(t.split(' ')[1]) % 4]),
    );
    expect(server.requests.map((r) => factsOf(r.body).length)).toEqual([12, 12, 6]);
    expect(server.requests[0].body.response_format.json_schema.schema.required).toHaveLength(12);
    expect(most).toBeLessThanOrEqual(4);
  });

  it('asks again only for the fact whose answer was missing, and takes the second answer', async () => {
    // the first reply forgets fact 2; the second (fact 2 alone) answers it
    const server = await serve((request, i) =>
      i === 0
        ? { json: completion(JSON.stringify({ '1': answer(THEME), '3': answer(FONT) })) }
        : batchReply(factsOf(request.body).map(() => answer(SHELL))),
    );
    const result = await modelClassifier(server.baseURL).classify(
      ['I like dark mode', 'I use fish', 'Fira Code 13'],
      3,
    );
    expect(result.map((r) => [r.classifier, r.candidates[0].path])).toEqual([
      ['openai:test-model', THEME],
      ['openai:test-model', SHELL],
      ['openai:test-model', FONT],
    ]);
    expect(server.requests.map((r) => factsOf(r.body))).toEqual([
      ['I like dark mode', 'I use fish', 'Fira Code 13'],
      ['I use fish'],
    ]);
  });

  it("one fact answered with invented paths only costs that fact alone; the others keep the model's answer", async () => {
    const server = await serve((request) =>
      batchReply(factsOf(request.body).map((fact) => (fact === 'odd one' ? answer('ui.made_up') : answer(THEME)))),
    );
    const warnings: string[] = [];
    const result = await modelClassifier(server.baseURL, { warn: (m) => warnings.push(m) }).classify(
      ['I like dark mode', 'odd one', 'light themes please'],
      3,
    );
    expect(result.map((r) => r.classifier)).toEqual(['openai:test-model', 'offline', 'openai:test-model']);
    expect(result[1].candidates.every((c) => c.confidence === 0)).toBe(true); // held for review
    expect(warnings).toEqual([expect.stringContaining('ui.made_up')]);
    expect(server.requests).toHaveLength(2);
  });

  it('an empty answer says no leaf fits: the offline suggestions at confidence 0, not asked again', async () => {
    const server = await serve((request) =>
      batchReply(factsOf(request.body).map((fact) => (fact === 'thanks!' ? { candidates: [] } : answer(THEME)))),
    );
    const [thanks, theme] = await modelClassifier(server.baseURL).classify(['thanks!', 'I like dark mode'], 3);
    expect(thanks.classifier).toBe('openai:test-model');
    expect(thanks.candidates).toEqual([
      { path: EDITOR, confidence: 0 },
      { path: THEME, confidence: 0 },
      { path: SHELL, confidence: 0 },
    ]);
    expect(theme.candidates[0]).toEqual({ path: THEME, confidence: 0.9 });
    expect(server.requests).toHaveLength(1);
  });

  it('reports invented paths beside a usable answer', async () => {
    const server = await serve(() =>
      batchReply([
        {
          candidates: [
            { path: 'preferences.ui.colours', confidence: 0.8 },
            { path: THEME, confidence: 0.7 },
          ],
        },
        answer(FONT),
      ]),
    );
    const result = await modelClassifier(server.baseURL).classify(['I like dark mode', 'Fira Code 13'], 3);
    expect(result.map((r) => r.invented)).toEqual([['preferences.ui.colours'], undefined]);
  });
});

describe('errors name the endpoint, never the key, and count the attempts made', () => {
  it('says one attempt when a retry-after longer than the timeout stops the retries', async () => {
    const server = await serve(() => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      json: { error: { message: 'later' } },
    }));
    const error = await rejection(modelClassifier(server.baseURL, { retries: 3, timeoutMs: 1_000 }).classify(['x'], 3));
    expect(error.code).toBe('classifier-unavailable');
    expect(server.requests).toHaveLength(1);
    expect(error.message).toContain('(1 attempt)');
    expect(error.message).toContain(server.baseURL);
  });

  it('says three attempts when a short retry-after was honoured twice', async () => {
    const server = await serve(() => ({
      status: 429,
      headers: { 'retry-after': '0' },
      json: { error: { message: 'slow down' } },
    }));
    const error = await rejection(modelClassifier(server.baseURL, { retries: 2 }).classify(['x'], 3));
    expect(server.requests).toHaveLength(3);
    expect(error.message).toContain('(3 attempts)');
    expect(server.requests.every((r) => r.headers['x-memoir-call'] === undefined)).toBe(true);
  });

  it('an unusable reranking reply names the endpoint URL, not the key', async () => {
    const server = await serve(() => ({ json: completion('the first one, I think') }));
    const model = modelClassifier(server.baseURL);
    const fact = (text: string) => ({ fact: { text, path: THEME } as any, score: 1 });
    const error = await rejection(rerank('which theme?', [fact('dark mode'), fact('light mode')], model, model.name));
    expect(error.code).toBe('classifier-bad-response');
    expect(error.message).toContain(server.baseURL);
    expect(JSON.stringify({ ...error.toJSON(), stack: error.stack })).not.toContain(TEST_KEY.slice(3));
  });
});
