import { Transform, type TransformCallback } from 'node:stream';

/*
 * The MCP stdio transport is one JSON-RPC message per line. The SDK buffers a line until its
 * newline and closes the connection when its buffer passes 10 MB, so one huge message would end
 * the server. This filter sits between stdin and the transport: lines up to the limit pass
 * through whole; a longer one is dropped as it streams (never held in memory) and reported,
 * with the request id found at its start or end, so the server can answer it with an error
 * and go on serving the next request.
 */

/** The largest message `memoir mcp` accepts: a fact is at most 1,000 characters, so 1 MiB is ample. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface DroppedMessage {
  /** Its size in bytes, without the newline. */
  bytes: number;
  /** The JSON-RPC id, when it could be read from the message's first or last bytes; null otherwise. */
  id: string | number | null;
}

/** How much of a dropped line's start and end is kept to find its id. */
const EDGE = 256;

/** Lines of at most `maxBytes` pass; longer ones are dropped and told to `onDropped`. */
export function limitLines(maxBytes: number, onDropped: (message: DroppedMessage) => void): Transform {
  let line: Buffer[] = [];
  let size = 0;
  let dropping = false;
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);

  const drop = (piece: Buffer) => {
    if (!dropping) {
      dropping = true;
      head = Buffer.concat([...line, piece]).subarray(0, EDGE);
      line = [];
    }
    tail = Buffer.concat([tail, piece]).subarray(-EDGE);
  };

  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      let start = 0;
      while (start < chunk.length) {
        const newline = chunk.indexOf(0x0a, start);
        const end = newline === -1 ? chunk.length : newline;
        const piece = chunk.subarray(start, end);
        size += piece.length;
        if (dropping || size > maxBytes) drop(piece);
        else line.push(piece);
        if (newline === -1) break;
        if (dropping) onDropped({ bytes: size, id: findId(head, tail) });
        else this.push(Buffer.concat([...line, Buffer.from('\n')]));
        line = [];
        size = 0;
        dropping = false;
        tail = Buffer.alloc(0);
        start = newline + 1;
      }
      done();
    },
  });
}

/**
 * The id of a JSON-RPC request from the edges of its text: clients put it first
 * (`{"jsonrpc":"2.0","id":7,...`) or last (`...,"id":7}`, the TypeScript SDK).
 */
export function findId(head: Buffer, tail: Buffer): string | number | null {
  const value = '(-?\\d+|"(?:[^"\\\\]|\\\\.)*")';
  const first = new RegExp(`^\\s*\\{(?:\\s*"(?:jsonrpc|method)"\\s*:\\s*"[^"]*"\\s*,)*\\s*"id"\\s*:\\s*${value}`).exec(
    head.toString('utf8'),
  );
  const last = new RegExp(`[,{]\\s*"id"\\s*:\\s*${value}\\s*\\}\\s*\\r?$`).exec(tail.toString('utf8'));
  const found = first?.[1] ?? last?.[1];
  if (found === undefined) return null;
  return found.startsWith('"') ? (JSON.parse(found) as string) : Number(found);
}
