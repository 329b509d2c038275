import * as http from 'node:http';
import { afterEach } from 'vitest';
import type { AddressInfo } from 'node:net';
import { buildTaxonomy, type Taxonomy } from '../../src/core/taxonomy.js';
import type { Candidate, Classification, Classifier } from '../../src/classify/types.js';
import { OpenAIClassifier, type OpenAIClassifierOptions } from '../../src/classify/openai.js';

/** Six leaves in two categories, with examples, so the prompt has something of everything. */
export function smallTaxonomy(edit: (raw: any) => void = () => {}): Taxonomy {
  const raw = {
    preferences: {
      description: 'What the user likes.',
      ui: {
        description: 'Look and feel of software.',
        theme: {
          description: 'Preferred colour theme (dark, light).',
          cardinality: 'one',
          examples: ['I like dark mode', 'Solarized light everywhere'],
        },
        font: { description: 'Preferred typeface and font size.', cardinality: 'one', examples: ['JetBrains Mono 14'] },
      },
      tools: {
        description: 'Tool choices.',
        editor: { description: 'The editor or IDE the user prefers.', cardinality: 'one', examples: ['I use Neovim'] },
        shell: { description: 'The shell the user prefers.', cardinality: 'one' },
      },
    },
    health: {
      description: 'Wellbeing.',
      diet: {
        description: 'Food constraints.',
        allergies: {
          description: 'Allergies and intolerances.',
          cardinality: 'many',
          examples: ['allergic to peanuts'],
        },
        restrictions: { description: 'Diets; allergies go to health.diet.allergies.', cardinality: 'many' },
      },
    },
  };
  edit(raw);
  const { taxonomy, problems } = buildTaxonomy(raw);
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  return taxonomy;
}

/** A stand-in for the offline classifier: the same ranked leaves for every fact. */
export class FixedClassifier implements Classifier {
  readonly name = 'offline';
  readonly calls: Array<{ texts: string[]; k: number }> = [];

  constructor(private readonly candidates: Candidate[]) {}

  async classify(texts: readonly string[], k: number): Promise<Classification[]> {
    this.calls.push({ texts: [...texts], k });
    return texts.map((text) => ({
      text,
      candidates: this.candidates.slice(0, k).map((c) => ({ ...c })),
      classifier: this.name,
    }));
  }
}

export interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; json: unknown }
  | { status?: number; headers?: Record<string, string>; text: string }
  | 'hang' // never answer
  | 'stall'; // send the headers and half a body, then nothing

/** A chat.completion whose assistant message is `content`. */
export function completion(content: string, model = 'test-model') {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

export const candidatesReply = (candidates: unknown[]): Reply => ({ json: completion(JSON.stringify({ candidates })) });

export interface FakeServer {
  baseURL: string;
  requests: Received[];
  close(): Promise<void>;
}

/** Starts fake endpoints for a test file's tests (as startServer), each closed after the test that started it. */
export function serverPerTest(): (
  reply: (request: Received, index: number) => Reply | Promise<Reply>,
) => Promise<FakeServer> {
  let servers: FakeServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  return async (reply) => {
    const server = await startServer(reply);
    servers.push(server);
    return server;
  };
}

/** A real chat-completions endpoint on 127.0.0.1: `reply` decides each answer from the request. */
export async function startServer(
  reply: (request: Received, index: number) => Reply | Promise<Reply>,
): Promise<FakeServer> {
  const requests: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const received: Received = {
        url: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(received);
      if (req.method !== 'POST' || !received.url.includes('/chat/completions')) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'no such route' } }));
        return;
      }
      const answer = await reply(received, requests.length - 1);
      if (answer === 'hang') return;
      if (answer === 'stall') {
        res.writeHead(200, { 'content-type': 'application/json' }).write('{"id":"chatcmpl-test","choices":[');
        return;
      }
      const body = 'json' in answer ? JSON.stringify(answer.json) : answer.text;
      const type = 'json' in answer ? 'application/json' : 'text/html';
      res.writeHead(answer.status ?? 200, { 'content-type': type, ...answer.headers }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: opened, then closed. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** The facts of a batched request, in their numbered order (the user message: `1. "fact"` a line). */
export function factsOf(body: any): string[] {
  const user: string = body.messages.at(-1).content;
  return user.split('\n').map((line) => JSON.parse(line.slice(line.indexOf(' ') + 1)) as string);
}

/** A batch reply: answers keyed "1".."n", each `{candidates}` (or anything, to garble one). */
export const batchReply = (answers: unknown[]): Reply => ({
  json: completion(JSON.stringify(Object.fromEntries(answers.map((a, i) => [String(i + 1), a])))),
});

/** The API key the model-path tests configure: it must never appear in any output. */
export const TEST_KEY = 'sk-test-secret-0123456789';

/** The offline classifier the model path falls back to, with fixed suggestions (editor first). */
export const fallbackClassifier = () =>
  new FixedClassifier([
    { path: 'preferences.tools.editor', confidence: 0.6 },
    { path: 'preferences.ui.theme', confidence: 0.5 },
    { path: 'preferences.tools.shell', confidence: 0.3 },
    { path: 'preferences.ui.font', confidence: 0.2 },
  ]);

/** The model path against a test server: the small taxonomy, no retries, the fixed fallback. */
export function modelClassifier(baseURL: string | undefined, options: Partial<OpenAIClassifierOptions> = {}) {
  return new OpenAIClassifier({
    taxonomy: smallTaxonomy(),
    model: 'test-model',
    apiKey: TEST_KEY,
    baseURL,
    timeoutMs: 2_000,
    retries: 0,
    fallback: fallbackClassifier(),
    ...options,
  });
}

/** The system message of a chat-completions request body. */
export const systemOf = (body: any): string => body.messages.find((m: any) => m.role === 'system').content;

/** The environment that points memoir's classifier at a loopback server, with `key` as its API key. */
export const modelEnv = (baseURL: string, key: string) => ({
  MEMOIR_CLASSIFIER_PROVIDER: 'openai',
  MEMOIR_CLASSIFIER_BASE_URL: baseURL,
  MEMOIR_CLASSIFIER_MODEL: 'test-model',
  MEMOIR_CLASSIFIER_API_KEY: key,
});
