/*
 * The HTTP side of the OpenAI-compatible classifier: how endpoints are named in messages,
 * how long to wait before a retry, what a failed connection means, and a small pool that
 * keeps a bounded number of requests in flight.
 */

/** `scheme://host/path` of a base URL: no credentials, no query string. */
export function describeEndpoint(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** How long a 429/503 asks us to wait, from `retry-after-ms` or `retry-after` (seconds or a date). */
export function requestedWaitMs(headers: Headers): number | undefined {
  const ms = parseFloat(headers.get('retry-after-ms') ?? '');
  if (!Number.isNaN(ms)) return ms;
  const after = headers.get('retry-after');
  if (!after) return undefined;
  const seconds = parseFloat(after);
  return Number.isNaN(seconds) ? Date.parse(after) - Date.now() : seconds * 1000;
}

/**
 * The client honours `retry-after` however long it is. A wait longer than one attempt's timeout
 * is not worth it for a CLI: this fetch tells the client not to retry (`x-should-retry: false`),
 * so the request fails at once as rate limited and the whole call stays bounded.
 */
export function boundedRetryFetch(maxWaitMs: number, attempts?: AttemptCounter): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, attempts ? attempts.count(init) : init);
    const wait = response.ok ? undefined : requestedWaitMs(response.headers);
    if (wait === undefined || wait <= maxWaitMs) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/**
 * Counts the HTTP requests each call really made (the client retries on its own, and not always:
 * a long `retry-after`, a 4xx), so an error can say how many attempts there were. A call is told
 * apart by a header the counter removes before the request leaves.
 */
export class AttemptCounter {
  static readonly HEADER = 'x-memoir-call';
  private readonly counts = new Map<string, number>();
  private next = 0;

  /** A new call's header, for the client's per-request `headers` option. */
  start(): { id: string; headers: Record<string, string> } {
    const id = String(++this.next);
    this.counts.set(id, 0);
    return { id, headers: { [AttemptCounter.HEADER]: id } };
  }

  /** `init` without the call's header, its attempt counted. */
  count(init: RequestInit | undefined): RequestInit | undefined {
    const headers = new Headers(init?.headers);
    const id = headers.get(AttemptCounter.HEADER);
    if (id === null) return init;
    headers.delete(AttemptCounter.HEADER);
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    return { ...init, headers };
  }

  /** Requests made for the call, and forgets it. */
  finish(id: string): number {
    const made = this.counts.get(id) ?? 0;
    this.counts.delete(id);
    return made;
  }
}

/**
 * Why a connection failed, from the error's chain of causes: the most telling `code` (a system
 * one such as ECONNREFUSED first), else the innermost message ("bad port").
 */
export function connectionProblem(error: unknown): { code?: string; message?: string } {
  const codes: string[] = [];
  let message: string | undefined;
  for (let current = error, i = 0; current && typeof current === 'object' && i < 8; i++) {
    const { code, cause, message: text } = current as { code?: unknown; cause?: unknown; message?: unknown };
    // network codes only (ECONNREFUSED, EAI_AGAIN, UND_ERR_SOCKET): ERR_* are programming errors
    if (typeof code === 'string' && /^(E[A-Z]+|EAI_[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) codes.push(code);
    if (typeof text === 'string' && i > 0) message = text;
    current = cause;
  }
  return { code: codes.find((code) => code.startsWith('E')) ?? codes[0], message };
}

export const CONNECTION_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'the server closed the connection',
};

export const RETRY_LATER = 'try again later, or raise classifier.retries';

export const clip = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max - 1) + '…');

/**
 * Runs `work` over `items` with at most `limit` in flight. The first failure aborts the others
 * (through the signal) and is thrown at once; later failures are the abort's echo and ignored.
 */
export async function inPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  let next = 0;
  return new Promise<void>((resolve, reject) => {
    let running = 0;
    const launch = () => {
      while (running < limit && next < items.length && !controller.signal.aborted) {
        const item = items[next++];
        running++;
        work(item, controller.signal).then(
          () => {
            running--;
            if (next >= items.length && running === 0) resolve();
            else launch();
          },
          (error: unknown) => {
            running--;
            if (controller.signal.aborted) return;
            controller.abort();
            reject(error);
          },
        );
      }
    };
    launch();
  });
}
