import type OpenAI from 'openai';
import { OPENAI_BASE_URL } from '../config/endpoint.js';
import type { Taxonomy } from '../core/taxonomy.js';
import {
  classifierAuth,
  classifierBadResponse,
  ClassifierError,
  classifierRejected,
  classifierUnavailable,
} from '../errors/index.js';
import { type ClassificationCache, classificationKey, taxonomyHash } from './cache.js';
import {
  BATCH,
  batchResponseFormat,
  batchSystemPrompt,
  batchUserMessage,
  parseBatchReply,
  SHORTLIST,
  shortlistSections,
} from './batchPrompt.js';
import { closestExamples, type Example, FEW_SHOT, PROMPT_VERSION, taxonomySection } from './prompt.js';
import type { Candidate, Classification, Classifier } from './types.js';
import type { ProgressSink } from '../core/progress.js';
import { pad } from './padding.js';
import {
  AttemptCounter,
  boundedRetryFetch,
  clip,
  CONNECTION_REASONS,
  connectionProblem,
  describeEndpoint,
  inPool,
  RETRY_LATER,
} from './transport.js';

export { taxonomyHash } from './cache.js';
export { pad } from './padding.js';

export interface OpenAIClassifierOptions {
  taxonomy: Taxonomy;
  model: string;
  /** May be empty for local servers that need none (Ollama, llama.cpp); required for api.openai.com. */
  apiKey: string;
  /** Default `https://api.openai.com/v1`. A query string (Azure's `?api-version=`) is sent with every request. */
  baseURL?: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts after the first, for connection errors, timeouts, 408/409/429 and 5xx. */
  retries: number;
  /** Pads short replies to k candidates; with `useFallbackOnError`, answers when the endpoint cannot. */
  fallback?: Classifier;
  useFallbackOnError?: boolean;
  warn?: (message: string) => void;
  cache?: ClassificationCache;
  corrections?: Array<{ text: string; path: string }>;
  closestCorrections?: (text: string, n: number) => Array<{ text: string; path: string }>;
  /** Leaves of the fallback's ranking described per fact (default 20); 0, or no fallback: every leaf. */
  shortlist?: number;
  /** Facts per request (default 12). */
  batch?: number;
}

const IN_FLIGHT = 4;
/** The client's longest default backoff between attempts (it doubles from 0.5 s up to 8 s). */
const MAX_BACKOFF_MS = 8_000;
const AZURE_HOST = /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i;

type OpenAIModule = typeof import('openai');
type Messages = OpenAI.Chat.Completions.ChatCompletionMessageParam[];
type ResponseFormat = ReturnType<typeof batchResponseFormat>;

/** One distinct fact being classified: its few-shot examples, then its answer (or why there is none). */
interface Job {
  text: string;
  examples: Example[];
  /** The model's (or the cache's) ranked leaves; empty when the model said no leaf fits. */
  candidates?: Candidate[];
  /** Paths the model answered that are not in the taxonomy. */
  invented?: string[];
  unusable?: ClassifierError;
  /** Its reply was unusable and nothing may file it: held for review. */
  held?: boolean;
  classifier?: string;
}

function uniqueExamples(examples: Example[]): Example[] {
  const seen = new Set<string>();
  return examples.filter((e) => !seen.has(e.text + '\0' + e.path) && !!seen.add(e.text + '\0' + e.path));
}

/**
 * Classifies facts with a chat-completions model (OpenAI, or any server speaking its API: Ollama,
 * vLLM, llama.cpp, Azure). Replies are structured JSON, checked against the taxonomy, padded from
 * the fallback classifier, cached; failures become `classifier-*` errors (exit 5).
 */
export class OpenAIClassifier implements Classifier {
  readonly name: string;
  private readonly url: URL | undefined;
  /** The base URL as messages name it: scheme, host and path; never credentials or a query string. */
  readonly endpoint: string;
  private client?: Promise<{ client: OpenAI; api: OpenAIModule }>;
  private prompt?: { hash: string };
  private wholeTaxonomy?: string;
  /** Set once the endpoint failed and the fallback took over (with `useFallbackOnError`). */
  private down = false;
  private warned = false;
  /** Set when the server answered 400 to `response_format: json_schema`: send no schema from then on. */
  private schemaRefused = false;
  private readonly attempts = new AttemptCounter();

  constructor(private readonly options: OpenAIClassifierOptions) {
    this.name = `openai:${options.model}`;
    const base = options.baseURL?.trim() || OPENAI_BASE_URL;
    try {
      this.url = new URL(base);
      if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') this.url = undefined;
    } catch {
      this.url = undefined;
    }
    this.endpoint = this.url ? describeEndpoint(this.url) : JSON.stringify(base);
  }

  async classify(texts: readonly string[], k: number, progress?: ProgressSink): Promise<Classification[]> {
    const { fallback, useFallbackOnError, warn } = this.options;
    const count = Math.min(Math.max(3, k), this.options.taxonomy.leaves.size);
    // An endpoint that was down or refused the key stays so for this run: no second wait.
    if (this.down && fallback) return fallback.classify(texts, k, progress);
    try {
      return await this.classifyAll(texts, count, progress);
    } catch (error) {
      if (!(error instanceof ClassifierError) || !useFallbackOnError || !fallback) throw error;
      if (error.code !== 'classifier-bad-response') this.down = true;
      const reason = (error.data as { reason?: string } | undefined)?.reason ?? error.code;
      if (!this.warned)
        warn?.(`classifier unavailable (${this.endpoint}: ${reason}); using the ${fallback.name} classifier`);
      this.warned = true;
      return fallback.classify(texts, k, progress);
    } finally {
      this.options.cache?.flush();
    }
  }

  /**
   * Cached answers first; then the distinct uncached facts in batches of `batch`, at most four
   * requests in flight, each prompt describing only the offline classifier's shortlist for its facts.
   */
  private async classifyAll(
    texts: readonly string[],
    count: number,
    progress?: ProgressSink,
  ): Promise<Classification[]> {
    const { cache, fallback } = this.options;
    const prompt = this.preparePrompt();
    const shortlist = fallback ? (this.options.shortlist ?? SHORTLIST) : 0;
    const jobs = new Map<string, Job>();
    const keys = texts.map((text) => {
      const examples = this.examplesFor(text);
      const key = classificationKey({
        text,
        model: this.options.model,
        endpoint: this.endpoint,
        taxonomyHash: prompt.hash,
        corrections: examples,
        count,
        promptVersion: PROMPT_VERSION,
        shortlist,
      });
      if (!jobs.has(key)) jobs.set(key, { text, examples, candidates: cache?.get(key) });
      return key;
    });
    const pending = [...jobs].filter(([, job]) => !job.candidates);
    // the offline ranking: the shortlist of each fact sent, and what pads short answers
    const ranked = new Map<string, Candidate[]>();
    if (pending.length > 0) {
      if (shortlist > 0) {
        const offline = await fallback!.classify(
          pending.map(([, job]) => job.text),
          Math.max(shortlist, count),
          progress && ((_, done, total) => progress('shortlisting', done, total)),
        );
        pending.forEach(([, job], i) => ranked.set(job.text, offline[i]?.candidates ?? []));
      }
      const size = Math.max(1, this.options.batch ?? BATCH);
      const batches = Array.from({ length: Math.ceil(pending.length / size) }, (_, i) =>
        pending.slice(i * size, (i + 1) * size).map(([, job]) => job),
      );
      let asked = 0;
      await inPool(batches, IN_FLIGHT, async (batch, signal) => {
        await this.requestBatch(batch, count, shortlist, ranked, signal);
        progress?.('classifying', (asked += batch.length), pending.length);
      });
      for (const [key, job] of pending) if (job.candidates) cache?.set(key, job.candidates);
      await this.settleUnusable(
        pending.map(([, job]) => job),
        count,
      );
    }
    const unranked = [...jobs.values()]
      .filter((job) => job.candidates!.length < count && !ranked.has(job.text))
      .map((job) => job.text);
    if (unranked.length > 0 && fallback) {
      const extra = await fallback.classify(unranked, count);
      unranked.forEach((text, i) => ranked.set(text, extra[i]?.candidates ?? []));
    }
    return texts.map((text, i) => {
      const job = jobs.get(keys[i])!;
      // an empty answer says no leaf fits: the offline suggestions, at confidence 0, so nothing files it unseen
      const offline = (ranked.get(text) ?? []).map((c) => (job.candidates!.length === 0 ? { ...c, confidence: 0 } : c));
      const classification: Classification = {
        text,
        candidates: pad(job.candidates!, offline, count, this.options.taxonomy),
        classifier: job.classifier ?? this.name,
      };
      if (job.invented?.length) classification.invented = job.invented;
      if (job.candidates!.length === 0 || job.held) classification.noLeafFits = true;
      return classification;
    });
  }

  /**
   * Facts whose replies were unusable twice. When every reply of the batch was, the endpoint is
   * what is wrong: the batch fails (or falls back whole, see classify). Otherwise each such fact
   * is named and classified by the fallback: filed by it with `classifier.fallback: offline`,
   * else held for review (its suggestions kept, at confidence 0).
   */
  private async settleUnusable(requested: Job[], count: number): Promise<void> {
    const unusable = requested.filter((job) => job.unusable);
    if (unusable.length === 0) return;
    const { fallback, useFallbackOnError, warn } = this.options;
    if (unusable.length === requested.length || !fallback) throw unusable[0].unusable!;
    const answers = await fallback.classify(
      unusable.map((job) => job.text),
      count,
    );
    unusable.forEach((job, i) => {
      const reason = (job.unusable!.data as { reason?: string } | undefined)?.reason ?? job.unusable!.message;
      warn?.(
        `the model's reply for "${clip(job.text, 60)}" was unusable (${reason}); ${useFallbackOnError ? `classified by the ${fallback.name} classifier` : 'held for review'}`,
      );
      const candidates = answers[i]?.candidates ?? [];
      job.candidates = useFallbackOnError ? candidates : candidates.map((c) => ({ ...c, confidence: 0 }));
      job.held = !useFallbackOnError;
      job.classifier = fallback.name;
    });
  }

  private preparePrompt() {
    this.prompt ??= { hash: taxonomyHash(this.options.taxonomy) };
    return this.prompt;
  }

  /** The whole taxonomy as the prompt describes it without a shortlist: built once. */
  private fullSection(): string {
    this.wholeTaxonomy ??= taxonomySection(this.options.taxonomy);
    return this.wholeTaxonomy;
  }

  /** Up to five of the user's corrections nearest the fact, leaves that no longer exist left out. */
  private examplesFor(text: string): Example[] {
    const { closestCorrections, corrections, taxonomy } = this.options;
    const live = (c: Example) => taxonomy.leaves.has(c.path);
    if (closestCorrections)
      return closestCorrections(text, FEW_SHOT)
        .filter(live)
        .slice(0, FEW_SHOT)
        .map(({ text, path }) => ({ text, path }));
    return corrections ? closestExamples(corrections.filter(live), text, FEW_SHOT) : [];
  }

  /**
   * One batch: a request, and one more for the facts whose answers were unusable. A fact whose
   * answer is unusable twice gets `unusable` (settled by settleUnusable); the others, their answer.
   */
  private async requestBatch(
    batch: Job[],
    count: number,
    shortlist: number,
    ranked: Map<string, Candidate[]>,
    signal: AbortSignal,
  ): Promise<void> {
    const problems = new Map<Job, string>();
    let waiting = batch;
    for (let attempt = 0; attempt < 2 && waiting.length > 0; attempt++) {
      const examples = uniqueExamples(waiting.flatMap((job) => job.examples));
      const sections =
        shortlist > 0
          ? shortlistSections(this.options.taxonomy, this.shortlistOf(waiting, shortlist, ranked, examples))
          : { described: this.fullSection(), others: '' };
      const messages: Messages = [
        { role: 'system', content: batchSystemPrompt(sections, count, examples) },
        { role: 'user', content: batchUserMessage(waiting.map((job) => job.text)) },
      ];
      const reply = await this.complete(messages, batchResponseFormat(this.options.taxonomy, waiting.length), signal);
      const choice = Array.isArray(reply?.choices) ? reply.choices[0] : undefined;
      const cut = choice?.finish_reason === 'length' ? ' (cut off at the length limit)' : '';
      const parsed = !choice
        ? { ok: false as const, problem: 'the answer was not a chat completion' }
        : choice.message?.refusal
          ? { ok: false as const, problem: `the model refused: ${clip(choice.message.refusal, 120)}` }
          : parseBatchReply(choice.message?.content, waiting.length, this.options.taxonomy);
      waiting.forEach((job, i) => {
        const answer = parsed.ok ? parsed.answers[i] : parsed;
        if (!answer.ok) return void problems.set(job, answer.problem + cut);
        job.candidates = answer.candidates;
        if (answer.discarded.length > 0) job.invented = answer.discarded;
      });
      waiting = waiting.filter((job) => !job.candidates);
    }
    for (const job of waiting)
      job.unusable = classifierBadResponse(this.endpoint, this.options.model, `${problems.get(job)}, twice`);
  }

  /** The leaves a batch's prompt describes: each fact's top `shortlist` offline leaves, and the few-shot examples' leaves. */
  private shortlistOf(
    batch: Job[],
    shortlist: number,
    ranked: Map<string, Candidate[]>,
    examples: Example[],
  ): Set<string> {
    const paths = new Set(examples.map((e) => e.path));
    for (const job of batch) for (const c of (ranked.get(job.text) ?? []).slice(0, shortlist)) paths.add(c.path);
    return paths;
  }

  /**
   * One chat completion besides classification (recall's reranking), through the same client:
   * the same endpoints, timeouts, retries and error translation. Returns the reply's text.
   */
  async chat(messages: Messages, format?: ResponseFormat): Promise<string | undefined> {
    const reply = await this.complete(messages, format, new AbortController().signal);
    const choice = Array.isArray(reply?.choices) ? reply.choices[0] : undefined;
    return typeof choice?.message?.content === 'string' ? choice.message.content : undefined;
  }

  /**
   * A chat completion whose reply must pass `read` (capture's extraction, consolidate's review):
   * asked once more when it does not, then classifier-bad-response. `format` is the
   * response_format of the caller's own schema.
   */
  async chatChecked<T extends { ok: true }>(
    system: string,
    user: string,
    format: object,
    read: (reply: string | undefined) => T | { ok: false; problem: string },
  ): Promise<T> {
    let problem = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      const messages: Messages = [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ];
      // typed after classification's format; the wire shape of any json_schema format is the same
      const result = read(await this.chat(messages, format as ResponseFormat));
      if (result.ok) return result;
      problem = result.problem;
    }
    throw classifierBadResponse(this.endpoint, this.options.model, `${problem}, twice`);
  }

  private async complete(messages: Messages, format: ResponseFormat | undefined, batch: AbortSignal) {
    const { client, api } = await this.connect();
    const { timeoutMs, retries } = this.options;
    // A hard stop for the whole exchange, retries included: the client's own timeout covers
    // each attempt until the headers arrive, not a body that stalls half-way.
    const deadline = new AbortController();
    const budget = (retries + 1) * timeoutMs + retries * Math.max(MAX_BACKOFF_MS, timeoutMs) + 100;
    const timer = setTimeout(() => deadline.abort(), budget);
    const stop = () => deadline.abort();
    batch.addEventListener('abort', stop, { once: true });
    const call = this.attempts.start();
    const send = (schema: boolean) =>
      client.chat.completions.create(
        { model: this.options.model, messages, ...(schema && format ? { response_format: format } : {}) },
        { signal: deadline.signal, headers: call.headers },
      );
    const withSchema = !this.schemaRefused;
    try {
      try {
        return await send(withSchema);
      } catch (error) {
        // Older servers refuse json_schema outright; the prompt asks for JSON anyway and every reply is checked.
        if (
          !withSchema ||
          !(error instanceof api.BadRequestError) ||
          !/response_format|json_schema/i.test(error.message)
        )
          throw error;
        this.schemaRefused = true;
        return await send(false);
      }
    } catch (error) {
      if (batch.aborted) throw error; // another fact failed first and its error is the one reported
      throw this.translate(error, api, deadline.signal.aborted, this.attempts.finish(call.id));
    } finally {
      this.attempts.finish(call.id);
      clearTimeout(timer);
      batch.removeEventListener('abort', stop);
    }
  }

  private connect() {
    this.client ??= (async () => {
      if (!this.url) throw classifierUnavailable(this.endpoint, 'classifier.baseURL is not an http(s) URL');
      const { apiKey } = this.options;
      if (!apiKey && !this.options.baseURL) throw classifierAuth(this.endpoint, 'no API key is set');
      const api = await import('openai');
      const base = new URL(this.url);
      const defaultQuery = Object.fromEntries(base.searchParams);
      base.search = '';
      const client = new api.OpenAI({
        // local servers ignore the key, but the client insists on one
        apiKey: apiKey || 'none',
        baseURL: base.toString(),
        timeout: this.options.timeoutMs,
        maxRetries: this.options.retries,
        defaultQuery: Object.keys(defaultQuery).length > 0 ? defaultQuery : undefined,
        defaultHeaders: AZURE_HOST.test(base.hostname) && apiKey ? { 'api-key': apiKey } : undefined,
        fetch: boundedRetryFetch(this.options.timeoutMs, this.attempts),
      });
      return { client, api };
    })();
    this.client.catch(() => {
      this.client = undefined;
    });
    return this.client;
  }

  /** An error of the openai client as a memoir error. Unknown errors are bugs and pass through. */
  private translate(error: unknown, api: OpenAIModule, pastDeadline: boolean, attempts: number): unknown {
    const { endpoint } = this;
    // the requests really made: a long retry-after or a refused connection may end the retries early
    const tries = this.options.retries > 0 ? ` (${attempts} ${attempts === 1 ? 'attempt' : 'attempts'})` : '';
    // our deadline fired: while waiting (APIUserAbortError) or while reading the body (AbortError)
    if (pastDeadline) return classifierUnavailable(endpoint, `no complete answer in time${tries}`);
    if (error instanceof api.APIConnectionTimeoutError) {
      return classifierUnavailable(endpoint, `no answer within ${this.options.timeoutMs} ms${tries}`);
    }
    const problem = connectionProblem(error);
    // a connection error, or the socket lost while the body was read (undici: "terminated")
    if (error instanceof api.APIConnectionError || (!(error instanceof api.APIError) && problem.code)) {
      const { code, message } = problem;
      const what =
        (code && CONNECTION_REASONS[code]) ?? `cannot connect (${code ?? clip(message ?? 'no reason given', 80)})`;
      return classifierUnavailable(endpoint, what + tries, { cause: code });
    }
    if (!(error instanceof api.APIError) || typeof error.status !== 'number') return error;
    const { status } = error;
    if (status === 401) return classifierAuth(endpoint, 'the API key was rejected (HTTP 401)');
    if (status === 403) return classifierAuth(endpoint, 'access denied for this API key (HTTP 403)');
    if (status === 429)
      return classifierUnavailable(
        endpoint,
        `rate limited (HTTP 429)${tries}`,
        { status },
        `the server is rate limiting: ${RETRY_LATER}`,
      );
    if (status >= 500 || status === 408 || status === 409)
      return classifierUnavailable(endpoint, `server error (HTTP ${status})${tries}`, { status }, RETRY_LATER);
    const detail = (error.error as { message?: unknown } | undefined)?.message;
    return classifierRejected(endpoint, status, this.redact(typeof detail === 'string' ? detail : error.message));
  }

  /** A server's own words, without anything that could be the key. */
  private redact(text: string): string {
    let safe = text;
    if (this.options.apiKey) safe = safe.split(this.options.apiKey).join('***');
    return clip(safe.replace(/\b(sk|key)-[A-Za-z0-9_*-]{6,}/g, '***'), 200);
  }
}
