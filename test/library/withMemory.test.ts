import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { MemoryTimeoutError, openMemory, withMemory } from '../../src/library/index.js';
import type { Memory } from '../../src/library/api.js';
import { completion, serverPerTest, type Received, type Reply } from '../classify/helpers.js';
import { testEnv } from '../helpers/cli.js';
import { gitIn } from '../helpers/e2e.js';
import { initRepoIn } from '../helpers/inProcess.js';

/*
 * withMemory around the real OpenAI SDK, talking to a chat-completions server on loopback: the
 * facts go into a system message before the call, the exchange is captured after it, and a
 * memory that is missing, broken, locked or slow never stops the call.
 */

const server = serverPerTest();

/** The answer as a stream of server-sent events, a few characters a chunk. */
function streamed(content: string): Reply {
  const pieces = content.match(/.{1,6}/gs) ?? [];
  const chunk = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1, model: 'test-model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const text =
    chunk({ role: 'assistant', content: '' }) +
    pieces.map((piece) => chunk({ content: piece })).join('') +
    chunk({}, 'stop') +
    'data: [DONE]\n\n';
  return { headers: { 'content-type': 'text/event-stream' }, text };
}

async function seededMemory(): Promise<{ dir: string; memory: Memory }> {
  const dir = await initRepoIn();
  const memory = await openMemory({ dir, env: testEnv(dir), onWarning: () => undefined });
  await memory.remember('I prefer dark mode in every editor', { path: 'preferences.ui.theme' });
  await memory.remember('We have a cat named Miso', { path: 'relationships.pets.animals' });
  return { dir, memory };
}

/** The texts waiting in the review queue. */
function reviewTexts(dir: string): string[] {
  const file = path.join(dir, '.memoir', 'state', 'review.json');
  if (!fs.existsSync(file)) return [];
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { items: Array<{ text: string }> }).items.map(
    (item) => item.text,
  );
}

function client(baseURL: string): OpenAI {
  return new OpenAI({ baseURL, apiKey: 'sk-test-not-a-real-key', maxRetries: 0 });
}

const systemMessages = (request: Received) =>
  (request.body.messages as Array<{ role: string; content: string }>).filter((m) => m.role === 'system');

describe('withMemory: before the call', () => {
  it('puts the facts relevant to the last user message into a system message after the application’s own', async () => {
    const { memory } = await seededMemory();
    const api = await server(() => ({ json: completion('Miso, of course.') }));
    const wrapped = withMemory(client(api.baseURL), { memory, capture: 'off' });
    const answer = await wrapped.chat.completions.create({
      model: 'test-model',
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'What is my cat called?' },
      ],
    });
    expect(answer.choices[0]?.message.content).toBe('Miso, of course.');
    const [own, facts] = systemMessages(api.requests[0]!);
    expect(own?.content).toBe('You are a helpful assistant.');
    expect(facts?.content).toContain('We have a cat named Miso');
    expect(api.requests[0]!.body.messages.at(-1)).toEqual({ role: 'user', content: 'What is my cat called?' });
  });

  it('adds nothing when memory holds nothing', async () => {
    const dir = await initRepoIn();
    const memory = await openMemory({ dir, env: testEnv(dir) });
    const api = await server(() => ({ json: completion('Hello.') }));
    const wrapped = withMemory(client(api.baseURL), { memory, capture: 'off' });
    await wrapped.chat.completions.create({ model: 'test-model', messages: [{ role: 'user', content: 'Hi there' }] });
    expect(systemMessages(api.requests[0]!)).toEqual([]);
  });

  it('keeps the rest of the client as it was', async () => {
    const { memory } = await seededMemory();
    const api = await server(() => ({ json: completion('ok') }));
    const openai = client(api.baseURL);
    const wrapped = withMemory(openai, { memory });
    expect(wrapped.baseURL).toBe(openai.baseURL);
    expect(wrapped.chat.completions.stream).toBeTypeOf('function');
    expect(wrapped.models).toBe(openai.models);
  });
});

describe('withMemory: after the call', () => {
  it('captures the exchange and commits what the classifier is sure of (auto)', async () => {
    const { dir, memory } = await seededMemory();
    const api = await server(() => ({ json: completion('Noted, Porto is lovely.') }));
    const wrapped = withMemory(client(api.baseURL), { memory, capture: 'auto' });
    const commitsBefore = Number(gitIn(dir, ['rev-list', '--count', 'main']));
    await wrapped.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'I moved to Porto last year. My daughter Kiara is five.' }],
    });
    await memory.close();
    const committed = [
      ...(await memory.get('profile.location.home')),
      ...(await memory.get('relationships.family.children')),
    ].map((f) => f.text);
    // the daughter is sure enough to commit; where the user lives now may wait for a person
    expect(committed).toEqual(expect.arrayContaining([expect.stringContaining('Kiara')]));
    expect([...committed, ...reviewTexts(dir)].some((t) => t.includes('Porto'))).toBe(true);
    expect(Number(gitIn(dir, ['rev-list', '--count', 'main']))).toBe(commitsBefore + 1);
    // the assistant's words are context, never the user's facts
    expect([...committed, ...reviewTexts(dir)].every((t) => !t.includes('lovely'))).toBe(true);
  });

  it('review: the facts wait in the review queue and nothing is committed', async () => {
    const { dir, memory } = await seededMemory();
    const api = await server(() => ({ json: completion('Nice!') }));
    const wrapped = withMemory(client(api.baseURL), { memory, capture: 'review' });
    const head = gitIn(dir, ['rev-parse', 'main']);
    await wrapped.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'My daughter Kiara is five.' }],
    });
    await memory.close();
    expect(gitIn(dir, ['rev-parse', 'main'])).toBe(head);
    expect(reviewTexts(dir)).toEqual([expect.stringContaining('Kiara')]);
  });

  it('streams: every chunk reaches the application, then the whole exchange is captured', async () => {
    const { dir, memory } = await seededMemory();
    const reply = 'Your cat is called Miso. Anything else?';
    const api = await server(() => streamed(reply));
    const wrapped = withMemory(client(api.baseURL), { memory, capture: 'review' });
    const stream = await wrapped.chat.completions.create({
      model: 'test-model',
      stream: true,
      messages: [{ role: 'user', content: 'I adopted a second cat, Tofu. What is my first cat called?' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(reply);
    expect(systemMessages(api.requests[0]!)[0]?.content).toContain('We have a cat named Miso');
    await memory.close();
    expect(reviewTexts(dir)).toEqual(expect.arrayContaining([expect.stringContaining('Tofu')]));
  });
});

describe('withMemory fails open', () => {
  async function callWith(memory: Parameters<typeof withMemory>[1]['memory'], extra = {}) {
    const api = await server(() => ({ json: completion('answered') }));
    const errors: unknown[] = [];
    const wrapped = withMemory(client(api.baseURL), { memory, onError: (e) => errors.push(e), ...extra });
    const answer = await wrapped.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'What is my cat called?' }],
    });
    return { answer: answer.choices[0]?.message.content, errors, sent: api.requests[0]!.body };
  }

  it('a memory that failed to open: the error goes to onError, the call is made', async () => {
    const empty = await initRepoIn();
    const failed = openMemory({ dir: path.join(empty, 'nowhere'), memoirDir: path.join(empty, 'missing', '.memoir') });
    const { answer, errors, sent } = await callWith(failed);
    expect(answer).toBe('answered');
    expect(errors).toEqual([expect.objectContaining({ code: 'not-a-repository' })]);
    expect(sent.messages).toEqual([{ role: 'user', content: 'What is my cat called?' }]);
  });

  it('no memory at all', async () => {
    const { answer, errors } = await callWith(undefined);
    expect(answer).toBe('answered');
    expect(errors).toHaveLength(1);
  });

  it('a corrupt repository', async () => {
    const { dir, memory } = await seededMemory();
    const head = gitIn(dir, ['rev-parse', 'main']).trim();
    const object = path.join(dir, '.memoir', 'objects', head.slice(0, 2), head.slice(2));
    fs.chmodSync(object, 0o644);
    fs.writeFileSync(object, 'not a git object');
    const { answer, errors, sent } = await callWith(memory, { capture: 'off' });
    expect(answer).toBe('answered');
    expect(errors).toHaveLength(1);
    expect(sent.messages).toHaveLength(1);
  });

  it('a locked repository: the facts are read, the capture waits, fails and is reported', async () => {
    const { dir, memory } = await seededMemory();
    const locked = await openMemory({ dir, env: testEnv(dir, { MEMOIR_LOCK_TIMEOUT: '0' }) });
    // another writer holds the lock: a process that is alive (this one) named in the lock file
    const lockFile = path.join(dir, '.memoir', 'state', 'lock');
    fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, host: os.hostname(), command: 'add' }));
    try {
      const { answer, errors, sent } = await callWith(locked, { capture: 'auto' });
      expect(answer).toBe('answered');
      expect(sent.messages[0].content).toContain('We have a cat named Miso');
      await locked.close();
      expect(errors).toEqual([expect.objectContaining({ code: 'lock-timeout' })]);
    } finally {
      fs.rmSync(lockFile, { force: true });
    }
    await memory.close();
  });

  it('a memory slower than recall.timeoutMs is skipped for that call', async () => {
    const never = new Promise<never>(() => undefined);
    const slow = { context: () => never, capture: () => never } as unknown as Memory;
    const { answer, errors, sent } = await callWith(slow, { recall: { timeoutMs: 20 }, capture: 'off' });
    expect(answer).toBe('answered');
    expect(errors).toEqual([expect.any(MemoryTimeoutError)]);
    expect(sent.messages).toHaveLength(1);
  });

  it('an onError that throws does not stop the call', async () => {
    const api = await server(() => ({ json: completion('answered') }));
    const wrapped = withMemory(client(api.baseURL), {
      memory: undefined,
      onError: () => {
        throw new Error('logging broke');
      },
    });
    const answer = await wrapped.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(answer.choices[0]?.message.content).toBe('answered');
  });

  it("the model's own errors are the application's, unchanged", async () => {
    const { memory } = await seededMemory();
    const api = await server(() => ({ status: 401, json: { error: { message: 'bad key' } } }));
    const wrapped = withMemory(client(api.baseURL), { memory, onError: () => undefined });
    const error = await wrapped.chat.completions
      .create({ model: 'test-model', messages: [{ role: 'user', content: 'hello' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
