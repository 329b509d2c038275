import type * as api from './api.js';

/*
 * withMemory: an OpenAI client whose chat.completions.create recalls before each call and
 * captures after it. Memory never stands between the application and its model: a memory that
 * is missing, rejected, locked, corrupt or slow is reported to onError and the call goes on
 * without it. Errors of the call itself (the model's) are the application's, unchanged.
 */

/** How long the facts for one call may take before the call goes on without them. */
export const RECALL_TIMEOUT_MS = 2_000;

const PREAMBLE =
  'What memoir remembers about the user and their projects (use it where it helps; it may be out of date):';

/** The memory could not answer in time: the call was made without it. */
export class MemoryTimeoutError extends Error {
  constructor(ms: number) {
    super(`memory took longer than ${ms} ms: the call was made without it`);
    this.name = 'MemoryTimeoutError';
  }
}

interface Message {
  role?: unknown;
  content?: unknown;
}

/** A message's text: its content, or the text parts of a multi-part content. */
function textOf(message: Message | undefined): string {
  if (!message) return '';
  if (typeof message.content === 'string') return message.content;
  if (!Array.isArray(message.content)) return '';
  return message.content
    .flatMap((part: { type?: unknown; text?: unknown }) =>
      part?.type === 'text' && typeof part.text === 'string' ? [part.text] : [],
    )
    .join('\n');
}

/** The index of the last message of this role, or -1. */
function lastIndexOf(messages: Message[], role: string): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === role) return i;
  return -1;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MemoryTimeoutError(ms)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The messages with the facts after the application's own leading system messages. */
function withFacts(messages: Message[], markdown: string): Message[] {
  let at = 0;
  while (at < messages.length && (messages[at]?.role === 'system' || messages[at]?.role === 'developer')) at++;
  return [...messages.slice(0, at), { role: 'system', content: `${PREAMBLE}\n\n${markdown}` }, ...messages.slice(at)];
}

/** A property of the object behind a proxy: its methods run on it, not on the proxy (private fields stay readable). */
function forward(target: object, key: string | symbol): unknown {
  const value = Reflect.get(target, key);
  return typeof value === 'function' ? value.bind(target) : value;
}

/** A stream that hands every chunk on and, once it has been read to its end, the whole reply to `done`. */
function tappedStream(stream: object, done: (reply: string) => void): object {
  return new Proxy(stream, {
    get(target, key) {
      if (key !== Symbol.asyncIterator) return forward(target, key);
      return async function* tapped() {
        let reply = '';
        for await (const chunk of target as AsyncIterable<{ choices?: Array<{ delta?: { content?: unknown } }> }>) {
          const piece = chunk?.choices?.[0]?.delta?.content;
          if (typeof piece === 'string') reply += piece;
          yield chunk;
        }
        done(reply);
      };
    },
  });
}

/** Work the memory runs for the caller without being awaited (see LibraryMemory.inBackground). */
function inBackground(memory: api.Memory, work: () => Promise<unknown>): Promise<unknown> {
  const runner = (memory as { inBackground?: (call: () => Promise<unknown>) => Promise<unknown> }).inBackground;
  return runner ? runner.call(memory, work) : work();
}

export function withMemory<C extends api.ChatClient>(client: C, options: api.WithMemoryOptions): C {
  const onError =
    options.onError ??
    ((error: unknown) =>
      process.stderr.write(
        `memoir: warning: memory skipped: ${error instanceof Error ? error.message : String(error)}\n`,
      ));
  const report = (error: unknown) => {
    try {
      onError(error);
    } catch {
      // an onError that throws must not take the call down with it
    }
  };
  const memory = Promise.resolve(options.memory);
  // a memory that failed to open is reported when a call needs it, not as an unhandled rejection now
  memory.catch(() => undefined);
  const capture = options.capture ?? 'auto';
  const timeoutMs = options.recall?.timeoutMs ?? RECALL_TIMEOUT_MS;
  const completions = client.chat.completions as { create(body: unknown, requestOptions?: unknown): unknown };
  const create = completions.create.bind(completions);

  async function opened(): Promise<api.Memory | undefined> {
    try {
      const resolved = await memory;
      if (!resolved) throw new Error('no memory was given to withMemory');
      return resolved;
    } catch (error) {
      report(error);
      return undefined;
    }
  }

  function captureExchange(found: api.Memory, exchange: Message[], reply: string): void {
    if (capture === 'off' || !reply.trim()) return;
    const messages = [...exchange, { role: 'assistant', content: reply }].map((m) => ({
      role: String(m.role),
      content: textOf(m),
    }));
    void inBackground(found, () => found.capture(messages, { mode: capture, branch: options.branch })).catch(report);
  }

  async function createWithMemory(body: { messages?: Message[]; stream?: boolean }, requestOptions?: unknown) {
    const messages = Array.isArray(body?.messages) ? body.messages : [];
    const last = lastIndexOf(messages, 'user');
    const question = textOf(messages[last]).trim();
    const found = question ? await opened() : undefined;
    let sent = body;
    if (found) {
      try {
        const facts = await withTimeout(
          found.context({ query: question, k: options.recall?.k, maxChars: options.recall?.maxChars }),
          timeoutMs,
        );
        if (facts.categories.length > 0) sent = { ...body, messages: withFacts(messages, facts.markdown) };
      } catch (error) {
        report(error);
      }
    }
    const response = await create(sent, requestOptions);
    if (!found || capture === 'off') return response;
    // the question and what led to it: an answer is read with the question the assistant asked
    const asked = lastIndexOf(messages.slice(0, last), 'assistant');
    const exchange = asked >= 0 ? [messages[asked]!, messages[last]!] : [messages[last]!];
    if (body.stream) return tappedStream(response as object, (reply) => captureExchange(found, exchange, reply));
    const reply = (response as { choices?: Array<{ message?: Message }> })?.choices?.[0]?.message;
    captureExchange(found, exchange, textOf(reply));
    return response;
  }

  // the client, chat and chat.completions as they are, but for the one method
  const wrappedCompletions = new Proxy(completions, {
    get: (target, key) => (key === 'create' ? createWithMemory : forward(target, key)),
  });
  const chat = new Proxy(client.chat, {
    get: (target, key) => (key === 'completions' ? wrappedCompletions : forward(target, key)),
  });
  return new Proxy(client, { get: (target, key) => (key === 'chat' ? chat : forward(target, key)) });
}
