import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type DirectFs, directWriter } from '../../src/io/processStreams.js';
import { BIN, initRepo, testEnv } from '../helpers/cli.js';

const errno = (code: string) => Object.assign(new Error(code), { code });

/** A descriptor of the given kind whose writes take at most `step` bytes, then answer from `errors` (one per call, undefined: accept). */
function fakeFs(kind: 'fifo' | 'socket' | 'file' | 'tty', step = Infinity, errors: Array<string | undefined> = []) {
  const written: Buffer[] = [];
  const fileSystem: DirectFs = {
    fstatSync: () => ({
      isFIFO: () => kind === 'fifo',
      isSocket: () => kind === 'socket',
      isFile: () => kind === 'file',
    }),
    writeSync(_fd, buffer, offset, length) {
      const error = errors.shift();
      if (error) throw errno(error);
      const n = Math.min(step, length);
      written.push(Buffer.from(buffer.subarray(offset, offset + n)));
      return n;
    },
  };
  return { fileSystem, bytes: () => Buffer.concat(written), written: () => Buffer.concat(written).toString('utf8') };
}

function fallbackStream() {
  const chunks: Buffer[] = [];
  return {
    stream: { write: (chunk: string | Uint8Array) => chunks.push(Buffer.from(chunk)) },
    bytes: () => Buffer.concat(chunks),
    text: () => Buffer.concat(chunks).toString('utf8'),
    writes: () => chunks.length,
  };
}

describe('directWriter (stdout and stderr written without a stream)', () => {
  it.each(['fifo', 'socket', 'file'] as const)(
    'writes to a %s with writeSync, every byte, across partial writes',
    (kind) => {
      const fs = fakeFs(kind, 3);
      const fallback = fallbackStream();
      const writer = directWriter(
        1,
        () => fallback.stream,
        () => undefined,
        fs.fileSystem,
        'linux',
      );
      writer!.write('héllo wörld\n');
      writer!.write('second\n');
      expect(fs.written()).toBe('héllo wörld\nsecond\n');
      expect(writer!.isTTY).toBe(false);
      expect(fallback.writes()).toBe(0);
    },
  );

  it('leaves a terminal, a character device (/dev/null), a closed descriptor and Windows to the stream', () => {
    const none = () => fallbackStream().stream;
    expect(directWriter(1, none, () => undefined, fakeFs('tty').fileSystem, 'linux')).toBeUndefined();
    const closed: DirectFs = {
      fstatSync: () => {
        throw errno('EBADF');
      },
      writeSync: () => 0,
    };
    expect(directWriter(1, none, () => undefined, closed, 'linux')).toBeUndefined();
    expect(directWriter(1, none, () => undefined, fakeFs('fifo').fileSystem, 'win32')).toBeUndefined();
  });

  it('hands a full non-blocking pipe (EAGAIN) to the stream from the first byte not written, and every later write', () => {
    // 4 bytes pass ("ab" and the first two of "€"), then EAGAIN
    const fs = fakeFs('fifo', 4, [undefined, 'EAGAIN']);
    const fallback = fallbackStream();
    const writer = directWriter(
      1,
      () => fallback.stream,
      () => undefined,
      fs.fileSystem,
      'linux',
    )!;
    writer.write('ab€cd\n');
    writer.write('next\n');
    expect(fs.bytes()).toEqual(Buffer.from('ab€cd\n').subarray(0, 4));
    expect(Buffer.concat([fs.bytes(), fallback.bytes()]).toString('utf8')).toBe('ab€cd\nnext\n');
  });

  it('hands any other failure to the stream, which reports it as it always did', () => {
    const fs = fakeFs('file', Infinity, ['EIO']);
    const fallback = fallbackStream();
    const writer = directWriter(
      1,
      () => fallback.stream,
      () => undefined,
      fs.fileSystem,
      'linux',
    )!;
    writer.write('text\n');
    expect(fallback.text()).toBe('text\n');
  });

  it('calls onClosed when the reader went away (EPIPE), writing nothing more of that text', () => {
    const fs = fakeFs('fifo', Infinity, ['EPIPE']);
    const fallback = fallbackStream();
    let closed = 0;
    const writer = directWriter(
      1,
      () => fallback.stream,
      () => closed++,
      fs.fileSystem,
      'linux',
    )!;
    expect(writer.write('text\n')).toBe(false);
    expect(closed).toBe(1);
    expect(fallback.writes()).toBe(0);
  });
});

describe('a reader that goes away', () => {
  it('memoir log | head -1 ends quietly, exit 0, as it did with the stream; so does a reader that never reads', () => {
    const dir = initRepo();
    const env = testEnv(dir);
    for (let i = 0; i < 3; i++) {
      const added = spawnSync(
        process.execPath,
        [BIN, 'add', `Writes Rust ${i}`, '-p', 'preferences.coding.languages', '--commit'],
        { cwd: dir, env },
      );
      expect(added.status).toBe(0);
    }
    for (const reader of ['head -1', 'true']) {
      const result = spawnSync(
        'bash',
        ['-c', `'${process.execPath}' '${BIN}' log | ${reader}; echo "exit \${PIPESTATUS[0]}" >&2`],
        {
          cwd: dir,
          env,
          encoding: 'utf8',
        },
      );
      expect(result.stderr).toBe('exit 0\n');
      expect(result.stdout.split('\n').filter(Boolean).length).toBe(reader === 'true' ? 0 : 1);
    }
  });
});
