import * as fs from 'node:fs';
import type { OutputStream } from './io.js';

/*
 * The process's stdout and stderr as memoir writes to them. Where one is a pipe, a socket or a
 * file, it is written with fs.writeSync on its descriptor: asking Node for process.stdout builds
 * a stream (for a pipe, a net.Socket with node:net and its diagnostics loaded), 3–7 ms of a
 * read command's run, for the same bytes in the same order. A terminal, anything else (a
 * character device such as /dev/null), Windows, and whatever the direct write cannot finish get
 * Node's stream, as before.
 */

/** How the process ends when the reader of stdout or stderr goes away (EPIPE); set once by commandLine.ts. */
let readerGone: () => void = () => undefined;

export function whenReaderGone(handler: () => void): void {
  readerGone = handler;
}

const guarded = new WeakSet<NodeJS.WriteStream>();

/** process.stdout or process.stderr, whose EPIPE ends the process as whenReaderGone says. */
export function processStream(name: 'stdout' | 'stderr'): NodeJS.WriteStream {
  const stream = process[name];
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') return readerGone();
      throw error;
    });
  }
  return stream;
}

/** What writeSync needs of node:fs: the tests give their own. */
export interface DirectFs {
  fstatSync(fd: number): { isFIFO(): boolean; isSocket(): boolean; isFile(): boolean };
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
}

/**
 * A writer on `fd` by fs.writeSync, or undefined where Node's stream must write (see above).
 * A write the descriptor refuses for now (EAGAIN: a non-blocking pipe that is full) or for an
 * unexpected reason goes, from the first byte not written, to `fallback()`, and so does every
 * later one: the bytes keep their order, and the stream waits for the pipe or reports the error
 * as it always did. A reader that went away (EPIPE) calls `onClosed`.
 */
export function directWriter(
  fd: number,
  fallback: () => { write(chunk: string | Uint8Array): unknown },
  onClosed: () => void,
  fileSystem: DirectFs = fs,
  platform: string = process.platform,
): OutputStream | undefined {
  if (platform === 'win32') return undefined;
  try {
    const stat = fileSystem.fstatSync(fd);
    if (!stat.isFIFO() && !stat.isSocket() && !stat.isFile()) return undefined;
  } catch {
    return undefined; // closed or unknown: the stream says what it says today
  }
  let stream: { write(chunk: string | Uint8Array): unknown } | undefined;
  return {
    isTTY: false,
    write(text: string) {
      if (stream) return stream.write(text);
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      while (done < bytes.length) {
        try {
          done += fileSystem.writeSync(fd, bytes, done, bytes.length - done);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
            onClosed();
            return false;
          }
          stream = fallback();
          return stream.write(bytes.subarray(done)); // bytes: `done` may fall inside a character
        }
      }
      return true;
    },
  };
}

/** The process's stdout or stderr for createIO: written directly where it can be (directWriter), else the stream. */
export function outputStream(name: 'stdout' | 'stderr'): OutputStream {
  const fallback = () => processStream(name);
  return directWriter(name === 'stdout' ? 1 : 2, fallback, () => readerGone()) ?? fallback();
}
