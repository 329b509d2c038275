import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpenAIClassifier } from '../../src/classify/openai.js';
import {
  CHUNK_CHARS,
  CHUNK_TURNS,
  chunkTurns,
  FileExtractionCache,
  MemoryExtractionCache,
  type ModelExtractOptions,
  ModelExtractor,
  turnLine,
} from '../../src/capture/modelExtract.js';
import { proposeFacts } from '../../src/capture/propose.js';
import type { Conversation, Turn } from '../../src/capture/types.js';
import { loadConfig } from '../../src/config/load.js';
import { findSecrets } from '../../src/core/secrets.js';
import { EXIT } from '../../src/errors/index.js';
import {
  completion,
  FixedClassifier,
  type Received,
  type Reply,
  rejection,
  serverPerTest,
  smallTaxonomy,
  TEST_KEY,
} from '../classify/helpers.js';

/*
 * Capture's extraction by a model, against a real chat-completions server on loopback: the
 * chunks and what each request carries, every returned fact checked, the cache, the offline
 * fallback, and the order of what is proposed.
 */

const THEME = 'preferences.ui.theme';
const EDITOR = 'preferences.tools.editor';
const SHELL = 'preferences.tools.shell';
/** A GitHub token's shape: the guard must find it, and it must never come out of anything. */
const SECRET = `ghp_${'a1B2c3D4e5'.repeat(3)}x9Y8z7`;

const serve = serverPerTest();
const taxonomy = smallTaxonomy();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memoir-model-extract-'));

/** Turn n, said by Caroline (odd) or the assistant (even), a day apart from 2023-05-01 (a Monday). */
function turn(n: number, text = `I said thing number ${n} today`): Turn {
  const role = n % 2 === 1 ? 'user' : 'assistant';
  return {
    number: n,
    speaker: role === 'user' ? 'Caroline' : 'assistant',
    role,
    text,
    at: new Date(Date.UTC(2023, 4, n, 13, 56)).toISOString(),
  };
}

const conversationOf = (turns: Turn[]): Conversation => ({ shape: 'chat', turns });

/** The turn lines of a request, by number. */
const linesOf = (request: Received): Map<number, string> =>
  new Map(
    (request.body.messages.at(-1).content as string)
      .split('\n')
      .map((line) => [Number(line.slice(0, line.indexOf('.'))), line] as [number, string]),
  );

const factsReply = (facts: unknown[]): Reply => ({ json: completion(JSON.stringify({ facts })) });

const fact = (turn: number, text: string, extra: Record<string, unknown> = {}) => ({
  text,
  turn,
  leaf: null,
  validFrom: null,
  validUntil: null,
  ...extra,
});

/** One fact per person's turn of the request. */
const oneEach = (request: Received): Reply =>
  factsReply(
    [...linesOf(request)]
      .filter(([, line]) => line.includes('(user)'))
      .map(([n]) => fact(n, `Caroline did thing ${n}`)),
  );

function extractor(baseURL: string, options: Partial<ModelExtractOptions> & { timeoutMs?: number } = {}) {
  const client = new OpenAIClassifier({
    taxonomy,
    model: 'test-model',
    apiKey: TEST_KEY,
    baseURL,
    timeoutMs: options.timeoutMs ?? 2_000,
    retries: 0,
  });
  return new ModelExtractor({ taxonomy, client, model: 'test-model', useFallbackOnError: false, ...options });
}

describe('chunks', () => {
  it('cut at 40 turns, at 12,000 characters, and a turn longer than that alone', () => {
    const short = Array.from({ length: 100 }, (_, i) => turn(i + 1));
    expect(chunkTurns(short).map((c) => c.length)).toEqual([CHUNK_TURNS, CHUNK_TURNS, 20]);
    expect(chunkTurns(short).flat()).toEqual(short);

    const long = Array.from({ length: 7 }, (_, i) => turn(2 * i + 1, 'x'.repeat(3_000)));
    const cut = chunkTurns(long);
    expect(cut.map((c) => c.length)).toEqual([3, 3, 1]);
    for (const chunk of cut) expect(chunk.map(turnLine).join('\n').length).toBeLessThanOrEqual(CHUNK_CHARS);

    const huge = [turn(1), turn(3, 'y'.repeat(20_000)), turn(5)];
    expect(chunkTurns(huge).map((c) => c.map((t) => t.number))).toEqual([[1], [3], [5]]);
  });

  it('send each chunk in its own request, turns numbered with their date, speaker and role', async () => {
    const server = await serve(oneEach);
    const turns = Array.from({ length: 50 }, (_, i) => turn(i + 1));
    turns[2] = turn(3, 'Next Friday I start at the "Leeds" clinic\nas a nurse');
    await extractor(server.baseURL).extract(conversationOf(turns));

    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests.map(linesOf);
    expect([...first.keys()]).toEqual(turns.slice(0, 40).map((t) => t.number));
    expect([...second.keys()]).toEqual(turns.slice(40).map((t) => t.number));
    expect(first.get(3)).toBe(
      '3. [2023-05-03 13:56 UTC, Wednesday] Caroline (user): "Next Friday I start at the \\"Leeds\\" clinic\\nas a nurse"',
    );
    expect(first.get(4)).toMatch(/^4\. \[2023-05-04 13:56 UTC, Thursday\] assistant \(assistant\): /);

    const body = server.requests[0].body;
    expect(body.model).toBe('test-model');
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'memoir_extraction' } });
    const leaf = body.response_format.json_schema.schema.properties.facts.items.properties.leaf;
    expect(leaf.anyOf[0].enum).toEqual([...taxonomy.leaves.keys()]);
    const system: string = body.messages[0].content;
    expect(system).toContain('preferences.ui.{theme,font}');
    expect(system).toMatch(/third person/i);
  });

  it('none for a conversation without turns: no request', async () => {
    const server = await serve(oneEach);
    const { proposals, report } = await extractor(server.baseURL).extract(conversationOf([]));
    expect(proposals).toEqual([]);
    expect(report.chunks).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it('leave out a turn holding a secret, and clip an assistant turn', async () => {
    const server = await serve(oneEach);
    await extractor(server.baseURL).extract(
      conversationOf([turn(1), turn(2, 'z'.repeat(5_000)), turn(3, `my token is ${SECRET}`)]),
    );
    const lines = linesOf(server.requests[0]);
    expect([...lines.keys()]).toEqual([1, 2]);
    expect(lines.get(2)!.length).toBeLessThan(2_100);
    expect(JSON.stringify(server.requests)).not.toContain(SECRET);
  });
});

describe('the facts returned', () => {
  it('are checked: turn, text, leaf, dates; a secret counted, never repeated', async () => {
    expect(findSecrets(SECRET)).not.toHaveLength(0);
    const server = await serve(() =>
      factsReply([
        fact(3, 'Caroline starts at the Leeds clinic on 2023-05-12.', {
          leaf: 'Preferences/Tools/Editor',
          validFrom: '2023-05-12',
        }),
        fact(1, 'Caroline prefers a dark theme', { leaf: 'preferences.ui.colour_scheme' }),
        fact(99, 'Caroline has a turn that does not exist'),
        fact(2, 'The assistant suggested a new editor'),
        fact(1, `Caroline's token is ${SECRET}`),
        fact(1, 'Caroline uses zsh', { leaf: `tools.${SECRET}` }),
        fact(1, 'x'.repeat(1_001)),
        fact(1, 'Caroline likes tea\nand biscuits'),
        fact(1, '   '),
        fact(1, 'Caroline prefers a dark theme.'),
        fact(3, 'Caroline moved house', { validFrom: '2023-06-01', validUntil: '2023-01-01' }),
        { turn: 1 },
        'not an object',
      ]),
    );
    const warnings: string[] = [];
    const { proposals, report } = await extractor(server.baseURL, { warn: (m) => warnings.push(m) }).extract(
      conversationOf([turn(1), turn(2), turn(3)]),
    );

    expect(proposals).toEqual([
      { text: 'Caroline prefers a dark theme', turn: 1, invented: ['preferences.ui.colour_scheme'] },
      {
        text: 'Caroline starts at the Leeds clinic on 2023-05-12',
        turn: 3,
        leaf: EDITOR,
        validFrom: '2023-05-12T00:00:00Z',
      },
      { text: 'Caroline moved house', turn: 3 },
    ]);
    expect(report).toEqual({
      extractor: 'openai:test-model',
      chunks: 1,
      cached: 0,
      fellBack: 0,
      dropped: { turn: 3, text: 4, secret: 2 },
      invented: 1,
    });
    expect(warnings).toEqual([]);
    expect(JSON.stringify({ proposals, report })).not.toContain(SECRET);
  });

  it('come back in the order of their turns and chunks, whatever order the replies arrive in', async () => {
    const server = await serve(async (request) => {
      const numbers = [...linesOf(request).keys()].filter((n) => n % 2 === 1).reverse();
      // the first chunk answers last
      if (numbers.includes(1)) await new Promise((resolve) => setTimeout(resolve, 150));
      return factsReply(numbers.flatMap((n) => [fact(n, `Caroline did ${n}a`), fact(n, `Caroline did ${n}b`)]));
    });
    const turns = Array.from({ length: 9 }, (_, i) => turn(i + 1));
    const run = () => extractor(server.baseURL, { chunkTurns: 3 }).extract(conversationOf(turns));
    const first = await run();
    expect(first.proposals.map((p) => `${p.turn}:${p.text.slice(-2)}`)).toEqual(
      [1, 3, 5, 7, 9].flatMap((n) => [`${n}:${n}a`, `${n}:${n}b`]),
    );
    expect((await run()).proposals).toEqual(first.proposals);
  });
});

describe('the cache', () => {
  it('answers a second run with the same chunks, and keeps no secret', async () => {
    const server = await serve(() => factsReply([fact(1, 'Caroline uses Neovim', { leaf: EDITOR }), fact(1, SECRET)]));
    const file = path.join(fs.mkdtempSync(path.join(dir, 'cache-')), 'extractions.json');
    const turns = [turn(1, 'I use Neovim'), turn(2)];
    const first = await extractor(server.baseURL, { cache: new FileExtractionCache(file) }).extract(
      conversationOf(turns),
    );
    const second = await extractor(server.baseURL, { cache: new FileExtractionCache(file) }).extract(
      conversationOf(turns),
    );

    expect(server.requests).toHaveLength(1);
    expect(second.proposals).toEqual(first.proposals);
    expect(second.proposals).toEqual([{ text: 'Caroline uses Neovim', turn: 1, leaf: EDITOR }]);
    expect(second.report).toMatchObject({ cached: 1, dropped: { secret: 1 } });
    expect(fs.readFileSync(file, 'utf8')).not.toContain(SECRET);

    // another chunk, or another model, is another key
    await extractor(server.baseURL, { cache: new FileExtractionCache(file) }).extract(
      conversationOf([...turns, turn(3)]),
    );
    await extractor(server.baseURL, { cache: new FileExtractionCache(file), model: 'other-model' }).extract(
      conversationOf(turns),
    );
    expect(server.requests).toHaveLength(3);
  });

  it('checks what it holds again: an edited entry proposes nothing unchecked', async () => {
    const server = await serve(() => factsReply([fact(1, 'Caroline uses Neovim')]));
    const cache = new MemoryExtractionCache();
    const turns = [turn(1)];
    await extractor(server.baseURL, { cache }).extract(conversationOf(turns));
    const [key] = cache.entries.keys();
    cache.entries.set(key, [fact(7, 'Caroline was never here'), fact(1, SECRET), fact(1, 'Caroline uses Vim')]);
    const { proposals, report } = await extractor(server.baseURL, { cache }).extract(conversationOf(turns));
    expect(proposals).toEqual([{ text: 'Caroline uses Vim', turn: 1 }]);
    expect(report.dropped).toEqual({ turn: 1, text: 0, secret: 1 });
  });
});

describe('failures', () => {
  const turns = [turn(1, 'I moved to Porto last year'), turn(2), turn(3, 'I work nights at the hospital')];

  it('a timeout with fallback: those chunks from the offline rules, one warning', async () => {
    const server = await serve(() => 'hang');
    const warnings: string[] = [];
    const { proposals, report } = await extractor(server.baseURL, {
      timeoutMs: 200,
      chunkTurns: 2,
      useFallbackOnError: true,
      warn: (m) => warnings.push(m),
    }).extract(conversationOf(turns));

    expect(proposals.map((p) => p.turn)).toEqual([1, 3]);
    expect(proposals[0].text).toMatch(/^Caroline moved to Porto/);
    expect(report).toMatchObject({ fellBack: 2, chunks: 2 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/2 of 2 parts.*offline rules/);
  });

  it('a 5xx with fallback: the chunks after it do not wait for the endpoint again', async () => {
    const server = await serve(() => ({ status: 500, json: { error: { message: 'boom' } } }));
    const warnings: string[] = [];
    const { report } = await extractor(server.baseURL, {
      chunkTurns: 1,
      useFallbackOnError: true,
      warn: (m) => warnings.push(m),
    }).extract(conversationOf(Array.from({ length: 12 }, (_, i) => turn(2 * i + 1))));
    expect(report.fellBack).toBe(12);
    // four were in flight when the first failed; the rest went straight to the rules
    expect(server.requests.length).toBeLessThanOrEqual(4);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('HTTP 500');
  });

  it.each([
    ['a 5xx', () => ({ status: 503, json: { error: { message: 'down' } } }) as Reply, 'classifier-unavailable'],
    ['a timeout', () => 'hang' as const, 'classifier-unavailable'],
    [
      'a reply that is not JSON, twice',
      () => ({ json: completion('sure! here are the facts') }),
      'classifier-bad-response',
    ],
  ])('%s without fallback: the classifier error (exit 5)', async (_, reply, code) => {
    const server = await serve(reply);
    const error = await rejection(extractor(server.baseURL, { timeoutMs: 200 }).extract(conversationOf(turns)));
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(EXIT.classifier);
    expect(JSON.stringify(error)).not.toContain(TEST_KEY);
  });

  it('a reply that is not JSON once is asked again', async () => {
    const server = await serve((_, i) =>
      i === 0 ? { json: completion('no') } : factsReply([fact(1, 'Caroline moved to Porto in 2022')]),
    );
    const { proposals } = await extractor(server.baseURL).extract(conversationOf(turns));
    expect(server.requests).toHaveLength(2);
    expect(proposals).toEqual([{ text: 'Caroline moved to Porto in 2022', turn: 1 }]);
  });
});

describe('proposeFacts', () => {
  async function configWith(env: Record<string, string>) {
    const home = fs.mkdtempSync(path.join(dir, 'home-'));
    const full = { HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg'), ...env };
    return { config: await loadConfig({ cwd: home, env: full }), env: full, cacheDir: path.join(home, 'cache') };
  }
  const modelEnv = (baseURL: string) => ({
    MEMOIR_CLASSIFIER_PROVIDER: 'openai',
    MEMOIR_CLASSIFIER_MODEL: 'test-model',
    MEMOIR_CLASSIFIER_BASE_URL: baseURL,
    MEMOIR_CLASSIFIER_API_KEY: TEST_KEY,
    MEMOIR_CLASSIFIER_RETRIES: '0',
  });
  const ranked = () =>
    new FixedClassifier([
      { path: THEME, confidence: 0.7 },
      { path: SHELL, confidence: 0.4 },
      { path: EDITOR, confidence: 0.2 },
    ]);

  it('with a model configured: the model extracts, its leaf first at the classifier confidence', async () => {
    const server = await serve(() =>
      factsReply([
        fact(1, 'Caroline uses Neovim', { leaf: EDITOR }),
        fact(1, 'Caroline likes tea', { leaf: 'health.diet.allergies' }),
        fact(3, 'Caroline works nights', { leaf: 'work.schedule.shifts' }),
      ]),
    );
    const deps = await configWith(modelEnv(server.baseURL));
    const notices: string[] = [];
    const result = await proposeFacts(conversationOf([turn(1), turn(2), turn(3)]), ranked(), {
      model: { ...deps, taxonomy, warn: () => {}, notice: (m) => notices.push(m) },
    });

    expect(server.requests).toHaveLength(1);
    expect(result.extraction).toMatchObject({ extractor: 'openai:test-model', invented: 1 });
    expect(
      result.proposals.map((p) => [p.text, p.classification.candidates.map((c) => [c.path, c.confidence])]),
    ).toEqual([
      [
        'Caroline uses Neovim',
        [
          [EDITOR, 0.2],
          [THEME, 0.7],
          [SHELL, 0.4],
        ],
      ],
      [
        'Caroline likes tea',
        [
          ['health.diet.allergies', 0],
          [THEME, 0.7],
          [SHELL, 0.4],
        ],
      ],
      [
        'Caroline works nights',
        [
          [THEME, 0.7],
          [SHELL, 0.4],
          [EDITOR, 0.2],
        ],
      ],
    ]);
    expect(result.proposals[2].classification.invented).toEqual(['work.schedule.shifts']);
    expect(result.proposals[0]).not.toHaveProperty('invented');
    expect(notices.join('\n')).toContain(server.baseURL);
  });

  it('with fallback offline and the endpoint down: the offline rules, one warning', async () => {
    const server = await serve(() => ({ status: 500, json: { error: { message: 'boom' } } }));
    const deps = await configWith({ ...modelEnv(server.baseURL), MEMOIR_CLASSIFIER_FALLBACK: 'offline' });
    const warnings: string[] = [];
    const conversation = conversationOf([turn(1, 'I moved to Porto last year'), turn(2)]);
    const result = await proposeFacts(conversation, ranked(), {
      model: { ...deps, taxonomy, warn: (m) => warnings.push(m), notice: () => {} },
    });
    const offline = await proposeFacts(conversation, ranked());
    expect(result.proposals).toEqual(offline.proposals);
    expect(result.extraction.fellBack).toBe(1);
    expect(warnings).toHaveLength(1);
  });

  it('offline: classifies each sentence as it was said, and keeps the restated text', async () => {
    const classifier = ranked();
    const conversation = { ...conversationOf([turn(1, 'I moved to Porto last year')]), shape: 'transcript' as const };
    const result = await proposeFacts(conversation, classifier);
    expect(classifier.calls[0].texts).toEqual(['I moved to Porto last year']);
    expect(result.proposals.map((p) => [p.text, p.classification.text])).toEqual([
      [result.proposals[0].text, result.proposals[0].text],
    ]);
    expect(result.proposals[0].text).not.toBe('I moved to Porto last year');
  });

  it('offline by default: no request, the rules extract', async () => {
    const server = await serve(oneEach);
    const deps = await configWith({ OPENAI_API_KEY: TEST_KEY, OPENAI_BASE_URL: server.baseURL });
    const result = await proposeFacts(conversationOf([turn(1, 'I moved to Porto last year')]), ranked(), {
      model: { ...deps, taxonomy, warn: () => {} },
    });
    expect(server.requests).toHaveLength(0);
    expect(result.extraction.extractor).toBe('offline');
    expect(result.proposals.map((p) => p.text)).toEqual(['Caroline moved to Porto in 2022']);
  });

  it('a model chosen for OpenAI without a key: classifier-no-key (exit 5)', async () => {
    const deps = await configWith({ MEMOIR_CLASSIFIER_PROVIDER: 'openai' });
    const error = await rejection(
      proposeFacts(conversationOf([turn(1)]), ranked(), { model: { ...deps, taxonomy, warn: () => {} } }),
    );
    expect(error.code).toBe('classifier-no-key');
    expect(error.exitCode).toBe(EXIT.classifier);
  });
});
