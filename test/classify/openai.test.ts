import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/classify/cache.js';
import { pad, taxonomyHash } from '../../src/classify/openai.js';
import { EXIT, MemoirError } from '../../src/errors/index.js';
import {
  batchReply,
  candidatesReply,
  closedPort,
  completion,
  factsOf,
  fallbackClassifier,
  modelClassifier,
  systemOf,
  TEST_KEY,
  rejection,
  serverPerTest,
  smallTaxonomy,
} from './helpers.js';

const THEME = 'preferences.ui.theme';
const FONT = 'preferences.ui.font';
const EDITOR = 'preferences.tools.editor';
const SHELL = 'preferences.tools.shell';
const ALLERGIES = 'health.diet.allergies';
const RESTRICTIONS = 'health.diet.restrictions';

const serve = serverPerTest();

describe('OpenAIClassifier against a chat-completions server', () => {
  it('ranks a valid reply and sends the taxonomy, the fact, the schema, the model and the key', async () => {
    const server = await serve(() =>
      candidatesReply([
        { path: EDITOR, confidence: 0.4 },
        { path: THEME, confidence: 0.9 },
        { path: FONT, confidence: 0.2 },
      ]),
    );
    const fallback = fallbackClassifier();
    const result = await modelClassifier(server.baseURL, { fallback }).classify(
      ['I prefer dark themes in every editor'],
      3,
    );

    expect(result).toEqual([
      {
        text: 'I prefer dark themes in every editor',
        classifier: 'openai:test-model',
        candidates: [
          { path: THEME, confidence: 0.9 },
          { path: EDITOR, confidence: 0.4 },
          { path: FONT, confidence: 0.2 },
        ],
      },
    ]);
    // one offline ranking: the shortlist sent, and the padding (nothing to pad here)
    expect(fallback.calls).toEqual([{ texts: ['I prefer dark themes in every editor'], k: 20 }]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(request.headers['x-memoir-call']).toBeUndefined(); // the attempt counter's header never leaves
    expect(request.body.model).toBe('test-model');
    expect(request.body.messages.at(-1)).toEqual({
      role: 'user',
      content: '1. "I prefer dark themes in every editor"',
    });
    const system = systemOf(request.body);
    // the shortlisted leaves described, the others named by path only
    for (const path of [EDITOR, THEME, SHELL, FONT])
      expect(system).toContain(`${path}: ${smallTaxonomy().leaves.get(path)!.description}`);
    expect(system).toContain('health.diet.{allergies,restrictions}');
    expect(system).not.toContain('Allergies and intolerances.');
    expect(system).toContain('"I like dark mode"');
    expect(system).not.toContain('Solarized'); // one example a leaf
    expect(system).toMatch(/rank up to 3 candidate leaves/);
    const format = request.body.response_format;
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema.required).toEqual(['1']);
    expect(format.json_schema.schema.$defs.answer.properties.candidates.items.properties.path.enum).toEqual([
      ...smallTaxonomy().leaves.keys(),
    ]);
  });

  it('retries a reply that is not JSON once, then fails with classifier-bad-response (exit 5)', async () => {
    const server = await serve(() => ({ json: completion('Sure! The answer is {candidates: [theme') }));
    const error = await rejection(modelClassifier(server.baseURL).classify(['I like dark mode'], 3));
    expect(error).toBeInstanceOf(MemoirError);
    expect(error.code).toBe('classifier-bad-response');
    expect(error.exitCode).toBe(EXIT.classifier);
    expect(server.requests).toHaveLength(2);
  });

  it('one unusable reply in a batch costs only its fact: named, and held for review (or filed by the fallback with classifier.fallback: offline); the rest go on', async () => {
    const answer = {
      candidates: [
        { path: THEME, confidence: 0.9 },
        { path: FONT, confidence: 0.1 },
        { path: SHELL, confidence: 0.05 },
      ],
    };
    // the whole batch in one request: its second answer garbled, then the retry of that fact alone garbled too
    const reply = (request: { body: any }) =>
      batchReply(factsOf(request.body).map((fact) => (fact === 'gibberish fact' ? 'no idea, sorry' : answer)));
    const texts = ['I like dark mode', 'gibberish fact', 'I like light mode'];
    for (const useFallbackOnError of [false, true]) {
      const server = await serve(reply);
      const warnings: string[] = [];
      const result = await modelClassifier(server.baseURL, {
        useFallbackOnError,
        warn: (m) => warnings.push(m),
      }).classify(texts, 3);
      expect(result.map((r) => [r.classifier, r.candidates[0].path])).toEqual([
        ['openai:test-model', THEME],
        ['offline', EDITOR],
        ['openai:test-model', THEME],
      ]);
      // held for review: the fallback's suggestions at confidence 0, so nothing files it unseen
      expect(result[1].candidates[0].confidence).toBe(useFallbackOnError ? 0.6 : 0);
      expect(warnings).toEqual([expect.stringContaining('"gibberish fact" was unusable')]);
      expect(warnings[0]).toContain(useFallbackOnError ? 'classified by the offline classifier' : 'held for review');
      expect(server.requests.map((r) => factsOf(r.body))).toEqual([texts, ['gibberish fact']]);
    }
  });

  it('accepts a good reply on the retry after a malformed one', async () => {
    const server = await serve((_, i) =>
      i === 0
        ? { json: completion('{"candidates": [') }
        : candidatesReply([
            { path: THEME, confidence: 0.8 },
            { path: FONT, confidence: 0.1 },
            { path: SHELL, confidence: 0.05 },
          ]),
    );
    const [result] = await modelClassifier(server.baseURL).classify(['I like dark mode'], 3);
    expect(result.candidates.map((c) => c.path)).toEqual([THEME, FONT, SHELL]);
    expect(server.requests).toHaveLength(2);
  });

  it('drops invented paths and pads from the fallback below the model, without repeating a path', async () => {
    const server = await serve(() =>
      candidatesReply([
        { path: 'preferences.ui.colour_scheme', confidence: 0.95 },
        { path: THEME, confidence: 0.7 },
        { path: 'made.up', confidence: 0.5 },
      ]),
    );
    const fallback = fallbackClassifier();
    const [result] = await modelClassifier(server.baseURL, { fallback }).classify(['I like dark mode'], 3);
    // fallback order EDITOR 0.6, THEME (already there), SHELL 0.3: halved and kept below 0.7
    expect(result.candidates).toEqual([
      { path: THEME, confidence: 0.7 },
      { path: EDITOR, confidence: 0.3 },
      { path: SHELL, confidence: 0.15 },
    ]);
    expect(result.invented).toEqual(['preferences.ui.colour_scheme', 'made.up']);
    expect(fallback.calls).toEqual([{ texts: ['I like dark mode'], k: 20 }]); // the shortlist's ranking pads too
    expect(server.requests).toHaveLength(1);
  });

  it('treats a reply with only invented paths as unusable: one retry, then classifier-bad-response', async () => {
    const server = await serve(() =>
      candidatesReply([
        { path: 'ui.dark', confidence: 0.9 },
        { path: 'look.theme', confidence: 0.5 },
      ]),
    );
    const error = await rejection(modelClassifier(server.baseURL).classify(['I like dark mode'], 3));
    expect(error.code).toBe('classifier-bad-response');
    expect(error.exitCode).toBe(5);
    expect(error.message).toContain('outside the taxonomy');
    expect(server.requests).toHaveLength(2);
  });

  it('maps 401 to classifier-auth (exit 5) naming the endpoint and never the key', async () => {
    const server = await serve(() => ({
      status: 401,
      json: {
        error: {
          message: `Incorrect API key provided: ${TEST_KEY}`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
    }));
    const error = await rejection(modelClassifier(server.baseURL, { retries: 2 }).classify(['I like dark mode'], 3));
    expect(error.code).toBe('classifier-auth');
    expect(error.exitCode).toBe(EXIT.classifier);
    expect(error.message).toContain(server.baseURL);
    expect(error.hint).toContain('classifier.apiKey');
    expect(error.hint).toContain('OPENAI_API_KEY');
    expect(JSON.stringify({ ...error.toJSON(), stack: error.stack })).not.toContain('secret');
    expect(server.requests).toHaveLength(1); // 401 is not retried
  });

  it('maps 403 to classifier-auth', async () => {
    const server = await serve(() => ({ status: 403, json: { error: { message: 'forbidden' } } }));
    expect((await rejection(modelClassifier(server.baseURL).classify(['x'], 3))).code).toBe('classifier-auth');
  });

  it('refuses to call api.openai.com without a key, before any request', async () => {
    const error = await rejection(modelClassifier(undefined, { apiKey: '' }).classify(['I like dark mode'], 3));
    expect(error.code).toBe('classifier-auth');
    expect(error.message).toContain('https://api.openai.com/v1: no API key is set');
  });

  it('sends a placeholder key to a local server that needs none', async () => {
    const server = await serve(() => candidatesReply([{ path: THEME, confidence: 0.9 }]));
    await modelClassifier(server.baseURL, { apiKey: '' }).classify(['I like dark mode'], 3);
    expect(server.requests[0].headers.authorization).toBe('Bearer none');
  });

  it('retries a 429 with retry-after: 0 and succeeds on the second request', async () => {
    const server = await serve((_, i) =>
      i === 0
        ? { status: 429, headers: { 'retry-after': '0' }, json: { error: { message: 'slow down' } } }
        : candidatesReply([{ path: FONT, confidence: 0.8 }]),
    );
    const [result] = await modelClassifier(server.baseURL, { retries: 2 }).classify(['JetBrains Mono 14 please'], 3);
    expect(result.candidates[0]).toEqual({ path: FONT, confidence: 0.8 });
    expect(server.requests).toHaveLength(2);
  });

  it('reports classifier-unavailable (rate limited) when 429 outlasts the retries', async () => {
    const server = await serve(() => ({
      status: 429,
      headers: { 'retry-after': '0' },
      json: { error: { message: 'slow down' } },
    }));
    const error = await rejection(modelClassifier(server.baseURL, { retries: 1 }).classify(['x'], 3));
    expect(error.code).toBe('classifier-unavailable');
    expect(error.exitCode).toBe(5);
    expect(error.message).toContain('rate limited');
    expect(error.hint).toContain('classifier.fallback: offline');
    expect(server.requests).toHaveLength(2);
  });

  it('does not sleep through a retry-after longer than the timeout', async () => {
    const server = await serve(() => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      json: { error: { message: 'come back in an hour' } },
    }));
    const started = Date.now();
    const error = await rejection(modelClassifier(server.baseURL, { retries: 3, timeoutMs: 1_000 }).classify(['x'], 3));
    expect(error.code).toBe('classifier-unavailable');
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('retries 5xx with backoff, then reports classifier-unavailable', async () => {
    const server = await serve(() => ({ status: 503, json: { error: { message: 'overloaded' } } }));
    const error = await rejection(modelClassifier(server.baseURL, { retries: 1 }).classify(['x'], 3));
    expect(error.code).toBe('classifier-unavailable');
    expect(error.message).toContain('HTTP 503');
    expect(server.requests).toHaveLength(2);
  });

  it('maps an unknown model (404) to classifier-rejected with the server reason, key redacted', async () => {
    const server = await serve(() => ({
      status: 404,
      json: { error: { message: `model "nope" not found for key ${TEST_KEY}` } },
    }));
    const error = await rejection(modelClassifier(server.baseURL).classify(['x'], 3));
    expect(error.code).toBe('classifier-rejected');
    expect(error.exitCode).toBe(5);
    expect(error.message).toContain('model "nope" not found');
    expect(error.message).not.toContain('secret');
  });

  it('gives up on a server that never answers within the timeout, retries included', async () => {
    const server = await serve(() => 'hang');
    const started = Date.now();
    const error = await rejection(modelClassifier(server.baseURL, { timeoutMs: 300, retries: 1 }).classify(['x'], 3));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('classifier-unavailable');
    expect(error.exitCode).toBe(5);
    expect(error.message).toContain('no answer within 300 ms');
    expect(error.hint).toContain('classifier.baseURL');
    expect(error.hint).toContain('classifier.fallback: offline');
    expect(server.requests).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('gives up on a body that stalls after the headers, within the overall deadline', async () => {
    const server = await serve(() => 'stall');
    const started = Date.now();
    const error = await rejection(modelClassifier(server.baseURL, { timeoutMs: 300 }).classify(['x'], 3));
    expect(error.code).toBe('classifier-unavailable');
    expect(error.message).toContain('no complete answer in time');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('maps a connection lost half-way through the body to classifier-unavailable', async () => {
    const server = await serve(() => 'stall');
    const pending = rejection(modelClassifier(server.baseURL).classify(['x'], 3));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.close();
    const error = await pending;
    expect(error.code).toBe('classifier-unavailable');
    expect(error.data.cause).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
  });

  it('maps a refused connection to classifier-unavailable naming the endpoint', async () => {
    const baseURL = `http://127.0.0.1:${await closedPort()}/v1`;
    const error = await rejection(modelClassifier(baseURL).classify(['x'], 3));
    expect(error.code).toBe('classifier-unavailable');
    expect(error.exitCode).toBe(5);
    expect(error.message).toContain(baseURL);
    expect(error.message).toContain('connection refused');
    expect(error.data).toMatchObject({ endpoint: baseURL, cause: 'ECONNREFUSED' });
  });

  it('maps a base URL that is not http(s) to classifier-unavailable', async () => {
    const error = await rejection(modelClassifier('localhost:11434').classify(['x'], 3));
    expect(error.code).toBe('classifier-unavailable');
    expect(error.hint).toContain('classifier.baseURL');
  });

  it('treats a 200 that is not a chat completion (an HTML page) as a bad response', async () => {
    const server = await serve(() => ({ text: '<html>welcome to nginx</html>' }));
    const error = await rejection(modelClassifier(server.baseURL).classify(['x'], 3));
    expect(error.code).toBe('classifier-bad-response');
  });

  it('with useFallbackOnError, warns once and answers the whole batch with the fallback', async () => {
    const baseURL = `http://127.0.0.1:${await closedPort()}/v1`;
    const warnings: string[] = [];
    const fallback = fallbackClassifier();
    const texts = ['I like dark mode', 'I use Neovim', 'allergic to peanuts'];
    const result = await modelClassifier(baseURL, {
      fallback,
      useFallbackOnError: true,
      warn: (m) => warnings.push(m),
    }).classify(texts, 3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^classifier unavailable \(.*connection refused\); using the offline classifier$/);
    expect(warnings[0]).not.toContain('secret');
    expect(result).toEqual(await fallbackClassifier().classify(texts, 3));
  });

  it('with useFallbackOnError, a bad response also falls back', async () => {
    const server = await serve(() => ({ json: completion('no idea') }));
    const warnings: string[] = [];
    const result = await modelClassifier(server.baseURL, {
      useFallbackOnError: true,
      warn: (m) => warnings.push(m),
    }).classify(['x'], 3);
    expect(warnings).toHaveLength(1);
    expect(result[0].classifier).toBe('offline');
  });

  it('with useFallbackOnError, stays on the fallback for the rest of the run after an auth failure, warning once', async () => {
    const server = await serve(() => ({ status: 401, json: { error: { message: 'bad key' } } }));
    const warnings: string[] = [];
    const memo = modelClassifier(server.baseURL, { useFallbackOnError: true, warn: (m) => warnings.push(m) });
    const first = await memo.classify(['I like dark mode'], 3);
    const second = await memo.classify(['I use Neovim'], 3);
    expect([first[0].classifier, second[0].classifier]).toEqual(['offline', 'offline']);
    expect(warnings).toEqual([
      `classifier unavailable (${server.baseURL}: the API key was rejected (HTTP 401)); using the offline classifier`,
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('with useFallbackOnError, tries again after a bad response but warns only once', async () => {
    const server = await serve(() => ({ json: completion('no idea') }));
    const warnings: string[] = [];
    const memo = modelClassifier(server.baseURL, { useFallbackOnError: true, warn: (m) => warnings.push(m) });
    await memo.classify(['a'], 3);
    await memo.classify(['b'], 3);
    expect(warnings).toHaveLength(1);
    expect(server.requests).toHaveLength(4);
  });

  it('maps a connection the server drops to classifier-unavailable', async () => {
    const server = await serve(() => 'hang');
    const pending = rejection(modelClassifier(server.baseURL).classify(['x'], 3));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.close(); // destroys the open socket without an answer
    const error = await pending;
    expect(error.code).toBe('classifier-unavailable');
    expect(error.message).toMatch(/closed the connection|connection reset/);
  });

  it('drops response_format for a server that refuses json_schema (400) and still validates the reply', async () => {
    const server = await serve((request) =>
      request.body.response_format
        ? {
            status: 400,
            json: { error: { message: "Invalid value for 'response_format': json_schema is not supported" } },
          }
        : {
            json: completion(
              '```json\n{"candidates":[{"path":"preferences.ui.theme","confidence":0.8},{"path":"ui.dark","confidence":0.7}]}\n```',
            ),
          },
    );
    const memo = modelClassifier(server.baseURL);
    const [result] = await memo.classify(['I like dark mode'], 3);
    expect(result.candidates[0]).toEqual({ path: THEME, confidence: 0.8 });
    expect(result.candidates.map((c) => c.path)).not.toContain('ui.dark');
    await memo.classify(['I use Neovim'], 3);
    expect(server.requests.map((r) => Boolean(r.body.response_format))).toEqual([true, false, false]);
    // a batch whose requests all meet the refusal at once: every one of them retries without the schema
    const batch = await modelClassifier(server.baseURL, { batch: 1 }).classify(['a', 'b', 'c', 'd'], 3);
    expect(batch.map((r) => r.candidates[0].path)).toEqual([THEME, THEME, THEME, THEME]);
  });

  it('sends nothing for an empty batch', async () => {
    const server = await serve(() => candidatesReply([{ path: THEME, confidence: 0.9 }]));
    expect(await modelClassifier(server.baseURL).classify([], 3)).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('keeps input order with at most 4 requests in flight, one per distinct fact', async () => {
    let inFlight = 0;
    let most = 0;
    const paths = [THEME, FONT, EDITOR, SHELL, ALLERGIES, RESTRICTIONS];
    const server = await serve(async (request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const [fact] = factsOf(request.body);
      await new Promise((resolve) => setTimeout(resolve, 40 + 10 * (5 - Number(fact.slice(-1)))));
      inFlight--;
      return candidatesReply([{ path: paths[Number(fact.slice(-1))], confidence: 0.9 }]);
    });
    const texts = ['fact 0', 'fact 1', 'fact 2', 'fact 3', 'fact 4', 'fact 5', 'fact 2'];
    const result = await modelClassifier(server.baseURL, { batch: 1 }).classify(texts, 3);
    expect(result.map((r) => [r.text, r.candidates[0].path])).toEqual(
      texts.map((t) => [t, paths[Number(t.slice(-1))]]),
    );
    expect(server.requests).toHaveLength(6);
    expect(most).toBe(4);
  });

  it('always returns max(3, k) candidates, from sibling leaves when there is no fallback', async () => {
    const server = await serve(() => candidatesReply([{ path: THEME, confidence: 0.9 }]));
    const [three] = await modelClassifier(server.baseURL, { fallback: undefined }).classify(['I like dark mode'], 1);
    expect(three.candidates).toEqual([
      { path: THEME, confidence: 0.9 },
      { path: FONT, confidence: 0 },
      { path: EDITOR, confidence: 0 },
    ]);
    const [five] = await modelClassifier(server.baseURL).classify(['I like dark mode'], 5);
    expect(five.candidates.map((c) => c.path)).toEqual([THEME, EDITOR, SHELL, FONT, ALLERGIES]);
    expect(new Set(five.candidates.map((c) => c.path)).size).toBe(5);
  });

  it('sends the query string of an Azure-style base URL with every request', async () => {
    const server = await serve(() => candidatesReply([{ path: THEME, confidence: 0.9 }]));
    const baseURL = server.baseURL.replace('/v1', '/openai/deployments/gpt-4o') + '?api-version=2024-10-21';
    await modelClassifier(baseURL).classify(['I like dark mode'], 3);
    expect(server.requests[0].url).toBe('/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21');
  });
});

describe('OpenAIClassifier cache', () => {
  const reply = () =>
    candidatesReply([
      { path: THEME, confidence: 0.9 },
      { path: FONT, confidence: 0.3 },
      { path: EDITOR, confidence: 0.1 },
    ]);

  it('answers an identical request from the cache; another model or taxonomy misses', async () => {
    const server = await serve(reply);
    const cache = new MemoryCache();
    const first = await modelClassifier(server.baseURL, { cache }).classify(['I like dark mode'], 3);
    const again = await modelClassifier(server.baseURL, { cache }).classify(['I like dark mode'], 3);
    expect(again).toEqual(first);
    expect(server.requests).toHaveLength(1);

    await modelClassifier(server.baseURL, { cache, model: 'other-model' }).classify(['I like dark mode'], 3);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].body.model).toBe('other-model');

    const edited = smallTaxonomy((raw) => {
      raw.preferences.ui.theme.description = 'Colour scheme of apps.';
    });
    expect(taxonomyHash(edited)).not.toBe(taxonomyHash(smallTaxonomy()));
    await modelClassifier(server.baseURL, { cache, taxonomy: edited }).classify(['I like dark mode'], 3);
    expect(server.requests).toHaveLength(3);

    await modelClassifier(server.baseURL, { cache }).classify(['I like light mode'], 3);
    expect(server.requests).toHaveLength(4);
  });

  it('misses when the corrections in the prompt differ', async () => {
    const server = await serve(reply);
    const cache = new MemoryCache();
    await modelClassifier(server.baseURL, { cache }).classify(['I like dark mode'], 3);
    await modelClassifier(server.baseURL, {
      cache,
      corrections: [{ text: 'dark mode in the terminal', path: SHELL }],
    }).classify(['I like dark mode'], 3);
    expect(server.requests).toHaveLength(2);
  });

  it('does not cache failures', async () => {
    const server = await serve((_, i) => (i < 2 ? { json: completion('garbage') } : reply()));
    const cache = new MemoryCache();
    await rejection(modelClassifier(server.baseURL, { cache }).classify(['I like dark mode'], 3));
    expect(cache.size).toBe(0);
    await modelClassifier(server.baseURL, { cache }).classify(['I like dark mode'], 3);
    expect(server.requests).toHaveLength(3);
  });
});

describe('OpenAIClassifier few-shot corrections', () => {
  it('puts the closest corrections (at most 5, live leaves only) in the system prompt', async () => {
    const server = await serve(() => candidatesReply([{ path: SHELL, confidence: 0.9 }]));
    const asked: Array<[string, number]> = [];
    const corrections = [
      { text: 'dark mode in the terminal', path: SHELL },
      { text: 'Helix is my editor now', path: EDITOR },
      { text: 'gone leaf', path: 'preferences.ui.removed' },
      { text: 'Fira Code', path: FONT },
      { text: 'no peanuts', path: ALLERGIES },
      { text: 'vegan', path: RESTRICTIONS },
      { text: 'sixth', path: THEME },
    ];
    await modelClassifier(server.baseURL, {
      closestCorrections: (text, n) => (asked.push([text, n]), corrections),
    }).classify(['dark terminal please'], 3);
    expect(asked).toEqual([['dark terminal please', 5]]);
    const system = systemOf(server.requests[0].body);
    expect(system).toContain(`This user filed "dark mode in the terminal" under ${SHELL}.`);
    expect(system).toContain(`This user filed "vegan" under ${RESTRICTIONS}.`);
    expect(system).not.toContain('gone leaf');
    expect(system).not.toContain('"sixth"');
    expect(system.match(/This user filed/g)).toHaveLength(5);
  });

  it('without closestCorrections, picks corrections sharing words with the fact', async () => {
    const server = await serve(() => candidatesReply([{ path: SHELL, confidence: 0.9 }]));
    const corrections = [
      { text: 'fish is my shell', path: SHELL },
      { text: 'vegan', path: RESTRICTIONS },
    ];
    await modelClassifier(server.baseURL, { corrections }).classify(['I switched my shell to zsh'], 3);
    const system = systemOf(server.requests[0].body);
    expect(system).toContain(`This user filed "fish is my shell" under ${SHELL}.`);
    expect(system).not.toContain('vegan');
  });

  it('has no few-shot section without corrections', async () => {
    const server = await serve(() => candidatesReply([{ path: SHELL, confidence: 0.9 }]));
    await modelClassifier(server.baseURL).classify(['zsh'], 3);
    expect(systemOf(server.requests[0].body)).not.toContain('This user filed');
  });
});

describe('pad', () => {
  const taxonomy = smallTaxonomy();
  it.each([
    [
      'keeps the model first and truncates to count',
      [
        { path: THEME, confidence: 0.9 },
        { path: FONT, confidence: 0.8 },
        { path: EDITOR, confidence: 0.7 },
        { path: SHELL, confidence: 0.6 },
      ],
      [],
      3,
      [THEME, FONT, EDITOR],
    ],
    [
      'skips fallback paths outside the taxonomy',
      [{ path: THEME, confidence: 0.9 }],
      [
        { path: 'x.y.z', confidence: 0.9 },
        { path: FONT, confidence: 0.5 },
      ],
      3,
      [THEME, FONT, EDITOR],
    ],
    [
      'prefers leaves beside the best candidate',
      [{ path: ALLERGIES, confidence: 0.9 }],
      [],
      3,
      [ALLERGIES, RESTRICTIONS, THEME],
    ],
  ])('%s', (_, model, extra, count, paths) => {
    const out = pad(model, extra, count, taxonomy);
    expect(out.map((c) => c.path)).toEqual(paths);
    for (let i = 1; i < out.length; i++) expect(out[i].confidence).toBeLessThanOrEqual(out[i - 1].confidence);
  });
});
