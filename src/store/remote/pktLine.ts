/*
 * git's pkt-line framing (gitprotocol-common): four hex digits of length (the four included),
 * then the payload; `0000` is a flush. And side-band-64k, which multiplexes the pack (band 1),
 * progress text (band 2) and a fatal error (band 3) inside pkt-lines.
 */

export const FLUSH = Buffer.from('0000');

/** One pkt-line holding `payload` (a text line gets its newline from the caller). */
export function pktLine(payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (body.length > 65516) throw new Error('pkt-line payload over 65516 bytes');
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body]);
}

export class ProtocolError extends Error {}

/** Reads pkt-lines from a byte stream (an HTTP body, a process's stdout). */
export class PktReader {
  private buffered = Buffer.alloc(0);
  private readonly source: AsyncIterator<Uint8Array>;
  private ended = false;

  constructor(stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    this.source =
      Symbol.asyncIterator in stream
        ? stream[Symbol.asyncIterator]()
        : (async function* () {
            yield* stream;
          })();
  }

  private async fill(n: number): Promise<boolean> {
    while (this.buffered.length < n && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else this.buffered = Buffer.concat([this.buffered, next.value]);
    }
    return this.buffered.length >= n;
  }

  /** The next payload, `'flush'` for 0000, or `'end'` when the stream ended between lines. */
  async read(): Promise<Buffer | 'flush' | 'end'> {
    if (!(await this.fill(4))) {
      if (this.buffered.length === 0) return 'end';
      throw new ProtocolError('the connection closed in the middle of a message');
    }
    const header = this.buffered.toString('latin1', 0, 4);
    if (!/^[0-9a-f]{4}$/.test(header)) throw new ProtocolError(`unexpected data from the remote ("${header}")`);
    const length = Number.parseInt(header, 16);
    if (length === 0 || length === 1 || length === 2) {
      this.buffered = this.buffered.subarray(4);
      return 'flush';
    }
    if (length < 4) throw new ProtocolError(`unexpected data from the remote ("${header}")`);
    if (!(await this.fill(length))) throw new ProtocolError('the connection closed in the middle of a message');
    const payload = this.buffered.subarray(4, length);
    this.buffered = this.buffered.subarray(length);
    return payload;
  }

  /** The next line as text without its newline, `'flush'` or `'end'`. */
  async readText(): Promise<string | 'flush' | 'end'> {
    const payload = await this.read();
    return typeof payload === 'string' ? payload : payload.toString('utf8').replace(/\n$/, '');
  }
}

export interface Progress {
  phase: string;
  loaded: number;
  total?: number;
}

/**
 * The bytes of band 1 up to the flush that ends a side-band stream; band 2's progress lines
 * go to `onProgress`, band 3 is the remote's fatal error.
 */
export async function readSideband(reader: PktReader, onProgress?: (progress: Progress) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (;;) {
    const packet = await reader.read();
    if (packet === 'flush' || packet === 'end') break;
    const band = packet[0];
    const data = packet.subarray(1);
    if (band === 1) chunks.push(data);
    else if (band === 2) reportProgress(data.toString('utf8'), onProgress);
    else if (band === 3) throw new ProtocolError(`the remote says: ${firstLine(data.toString('utf8'))}`);
    else throw new ProtocolError(`unexpected side-band ${band} from the remote`);
  }
  return Buffer.concat(chunks);
}

/** "Counting objects:  45% (9/20)" → { phase: 'Counting objects', loaded: 9, total: 20 }. */
function reportProgress(text: string, onProgress?: (progress: Progress) => void): void {
  if (!onProgress) return;
  for (const line of text.split(/[\r\n]/)) {
    const counted = /^(?:remote: )?([^:]+):\s+(?:\d+% )?\(?(\d+)(?:\/(\d+))?\)?/.exec(line.trim());
    if (counted)
      onProgress({
        phase: counted[1].trim(),
        loaded: Number(counted[2]),
        ...(counted[3] ? { total: Number(counted[3]) } : {}),
      });
  }
}

function firstLine(text: string): string {
  // the remote's words, shown to the user: one line, no control characters
  return (text.split('\n').find((l) => l.trim()) ?? '')
    .replace(/[\p{Cc}]/gu, ' ')
    .trim()
    .slice(0, 200);
}
