import { describe, expect, it } from 'vitest';
import { createIO, isCI, type OutputStream } from '../../src/io/io.js';
import { buildProgram } from '../../src/program.js';
import { createContext } from '../../src/runtime/context.js';
import { progressDelay, progressLine, progressText } from '../../src/runtime/progress.js';
import { tempDir } from '../helpers/cli.js';

/*
 * The progress line, in-process: the renderer on a fake clock (delay, throttling, rate, the end
 * of a phase, clearing), and createIO on fake streams (which terminals get it at all: not a
 * pipe, not --json, not CI; and every other write clears it first). test/e2e/progress.test.ts
 * runs it for real on a pseudo-terminal and a pipe.
 */

/** A stream that records what is written to it: a terminal (isTTY) or a pipe. */
function fakeStream(isTTY: boolean, columns = 80): OutputStream & { text: string } {
  const stream = {
    isTTY,
    columns,
    text: '',
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream;
}

/** The renderer on a clock the test moves, drawing into a list (undefined is a clear). */
function rendered(timing = { delay: 500, interval: 200 }) {
  let clock = 0;
  const drawn: Array<string | undefined> = [];
  const line = progressLine(
    (text) => void drawn.push(text),
    () => clock,
    timing,
  );
  return {
    line,
    drawn,
    at(ms: number) {
      clock = ms;
    },
  };
}

describe('progressText', () => {
  it('shows phase, percent, counts with thousands separators and the rate', () => {
    expect(progressText('classifying', 4500, 10000, 3200)).toBe('classifying: 45% (4,500/10,000) 3,200/s');
    expect(progressText('Receiving objects', 1234567, undefined, 2.54)).toBe('Receiving objects: 1,234,567 2.5/s');
    expect(progressText('writing leaves', 181, 181)).toBe('writing leaves: 100% (181/181)');
  });

  it("keeps only the letters, digits and spaces of a phase: a remote's words cannot move the cursor", () => {
    expect(progressText('Counting\x1b[2J objects\r', 1, 2)).toBe('Counting2J objects: 50% (1/2)');
  });
});

describe('progressLine', () => {
  it('shows nothing for work that ends within the delay, and has nothing to clear', () => {
    const { line, drawn, at } = rendered();
    for (let ms = 0; ms < 500; ms += 10) {
      at(ms);
      line.report!('screening', ms, 1000);
    }
    line.end();
    expect(drawn).toEqual([]);
  });

  it('draws once the delay has passed, at most once per interval, then clears when done', () => {
    const { line, drawn, at } = rendered();
    // a report every millisecond for three seconds
    for (let ms = 0; ms <= 3000; ms++) {
      at(ms);
      line.report!('classifying', ms, 10000);
    }
    // from 500 ms to 3000 ms, one draw per 200 ms: 13 draws, not 2,500
    expect(drawn).toHaveLength(13);
    expect(drawn[0]).toBe('classifying: 5% (500/10,000) 1,000/s');
    expect(drawn.at(-1)).toBe('classifying: 29% (2,900/10,000) 1,000/s');
    line.end();
    expect(drawn.at(-1)).toBeUndefined();
    line.end();
    expect(drawn.filter((d) => d === undefined)).toHaveLength(1);
  });

  it('measures the rate from the start of each phase', () => {
    const { line, drawn, at } = rendered();
    at(0);
    line.report!('screening', 0, 50000);
    at(1000);
    line.report!('screening', 40000, 50000);
    expect(drawn.at(-1)).toBe('screening: 80% (40,000/50,000) 40,000/s');
    // a new phase: no rate until it has run for an interval, then its own
    at(1300);
    line.report!('staging', 0, 8000);
    expect(drawn.at(-1)).toBe('staging: 0% (0/8,000)');
    at(2300);
    line.report!('staging', 3000, 8000);
    expect(drawn.at(-1)).toBe('staging: 37% (3,000/8,000) 3,000/s');
  });

  it("draws a phase's last count even within the interval, once", () => {
    const { line, drawn, at } = rendered();
    at(0);
    line.report!('writing leaves', 0, 181);
    at(600);
    line.report!('writing leaves', 100, 181);
    at(650);
    line.report!('writing leaves', 181, 181);
    at(660);
    line.report!('writing leaves', 181, 181);
    expect(drawn).toEqual(['writing leaves: 55% (100/181) 167/s', 'writing leaves: 100% (181/181) 278/s']);
  });

  it('starts over after end: the next work has its own delay', () => {
    const { line, drawn, at } = rendered();
    at(0);
    line.report!('classifying', 0, 10);
    at(700);
    line.report!('classifying', 5, 10);
    line.end();
    expect(drawn).toEqual(['classifying: 50% (5/10) 7.1/s', undefined]);
    at(800);
    line.report!('staging', 1, 10);
    at(1200);
    line.report!('staging', 9, 10);
    expect(drawn).toHaveLength(2);
  });

  it('has no sink where nothing is drawn', () => {
    const line = progressLine(undefined);
    expect(line.report).toBeUndefined();
    line.end();
  });

  it('MEMOIR_PROGRESS_DELAY sets the delay in seconds, as GIT_PROGRESS_DELAY does for git', () => {
    expect(progressDelay({})).toBe(500);
    expect(progressDelay({ MEMOIR_PROGRESS_DELAY: '0' })).toBe(0);
    expect(progressDelay({ MEMOIR_PROGRESS_DELAY: '2' })).toBe(2000);
    expect(progressDelay({ MEMOIR_PROGRESS_DELAY: 'soon' })).toBe(500);
    expect(progressDelay({ MEMOIR_PROGRESS_DELAY: '' })).toBe(500);
  });
});

describe('the progress line on the streams (createIO)', () => {
  it('is drawn in place on a terminal, cut to its width, and cleared before a result or an error', () => {
    const stdout = fakeStream(true);
    const stderr = fakeStream(true, 30);
    const io = createIO({ env: {}, streams: { stdout, stderr } });
    io.progress!('classifying: 45% (4,500/10,000) 3,200/s');
    expect(stderr.text).toBe('\rclassifying: 45% (4,500/10,00\x1b[K');
    io.out('result\n');
    expect(stderr.text.endsWith('\r\x1b[K')).toBe(true);
    expect(stdout.text).toBe('result\n');
    io.progress!('staging: 1% (1/100)');
    io.err('memoir: warning: something\n');
    expect(stderr.text.endsWith('\r\x1b[Kmemoir: warning: something\n')).toBe(true);
    // cleared once: a second clear writes nothing
    const before = stderr.text;
    io.progress!(undefined);
    expect(stderr.text).toBe(before);
  });

  it('leaves a result to a pipe alone: the line on the terminal stays', () => {
    const stdout = fakeStream(false);
    const stderr = fakeStream(true);
    const io = createIO({ env: {}, streams: { stdout, stderr } });
    io.progress!('staging: 1% (1/100)');
    io.out('a\tb\n');
    expect(stderr.text).toBe('\rstaging: 1% (1/100)\x1b[K');
  });

  it.each([
    ['stderr is a pipe', false, {}, false],
    ['--json', true, {}, true],
    ['CI=1', true, { CI: '1' }, false],
    ['CI=true', true, { CI: 'true' }, false],
  ])('is never drawn when %s', (_what, terminal, env, json) => {
    const stderr = fakeStream(terminal);
    const io = createIO({ env, json, streams: { stdout: fakeStream(true), stderr } });
    expect(io.progress).toBeUndefined();
    expect(progressLine(io.progress).report).toBeUndefined();
  });

  it('CI="" and CI=false are no CI, for prompts and progress alike', () => {
    for (const CI of ['', 'false']) {
      expect(isCI({ CI })).toBe(false);
      expect(createIO({ env: { CI }, streams: { stderr: fakeStream(true) } }).progress).toBeDefined();
    }
    expect(isCI({ CI: '1' })).toBe(true);
    expect(isCI({})).toBe(false);
  });
});

describe('the sink the use cases get (Context.progress)', () => {
  async function contextAfter(args: string[]) {
    const dir = tempDir();
    const io = createIO({ env: {}, streams: { stdout: fakeStream(false), stderr: fakeStream(true) } });
    const context = createContext(io, { HOME: dir }, dir, '0.0.0');
    const had = context.progress !== undefined;
    const program = await buildProgram(context, args[0]);
    // no repository here: the command fails after its options are read, which is all this needs
    await program.parseAsync(['node', 'memoir', ...args]).catch(() => undefined);
    return { had, has: context.progress !== undefined };
  }

  it('is there for a command on a terminal, and gone with -q or --quiet', async () => {
    expect(await contextAfter(['commit', '-n'])).toEqual({ had: true, has: true });
    expect(await contextAfter(['commit', '-n', '-q'])).toEqual({ had: true, has: false });
    expect(await contextAfter(['fetch', '--quiet'])).toEqual({ had: true, has: false });
  });
});
