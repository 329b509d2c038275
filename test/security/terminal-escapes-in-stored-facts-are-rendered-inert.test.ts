import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, parseJson, testEnv, type RunResult } from '../helpers/cli.js';
import type { IO } from '../../src/io/io.js';
import { runProgram } from '../../src/program.js';
import { gitdirOf, gitIn, leafFile, nativeCommit, ok, repoTemplate, revParse } from '../helpers/e2e.js';
import { runnerIn } from '../helpers/inProcess.js';

/*
 * Facts, names and messages written with plain git carry terminal attacks: a clipboard write
 * (OSC 52), a window title (OSC 0), clear screen (CSI 2J), NUL, BEL, a C1 CSI, DEL, and a blink
 * (an SGR memoir never writes). memoir refuses them at entry, but a repository can hold them:
 * every command that shows them must show them inert, in a pipe and in a terminal.
 */
const ATTACK =
  'clip \x1b]52;c;aGFja2Vk\x07 title \x1b]0;owned\x07 wipe \x1b[2J\x1b[H nul \x00 bel \x07 csi \x9b2J del \x7f blink \x1b[5m sep \u2028 end';
// argv cannot hold a NUL: what git takes on its command line (names, messages) carries the rest
const ATTACK_ARG = ATTACK.replace('\x00', '');
// memoir's reflog reader skips a line holding a line separator (noticed; not this test's subject)
const REFLOG_ATTACK = ATTACK_ARG.replace('\u2028', '');
/** What a person sees of the attack: its escapes, written out. */
const SHOWN = '\\x1b]52;c;aGFja2Vk\\x07';

const FOOD = 'preferences.food.cuisine'; // many
const THEME = 'preferences.ui.theme'; // one
const PLANTED = 'e5c0ffee01';

/** Control characters a terminal would obey; line feed, tab and (on a pseudo-terminal) CR aside. */
const RAW = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
/** memoir's own colours (the palette's codes), the only escape sequences its output may carry. */
const OWN_SGR = /\x1b\[(?:1|2|7|22|27|31|32|33|36|39)m/g;

/** The control characters in text, as "U+001B at 12", for a failure message that says what leaked. */
function rawControls(text: string): string[] {
  return [...text.matchAll(RAW)].map(
    (m) =>
      `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 20), m.index + 10))}`,
  );
}

/**
 * main holds, by plain git: a hostile fact at a many-leaf (with a hostile source), a fact at a
 * one-leaf edited to a hostile text, a commit whose author and message are hostile, and a
 * hand-written reflog entry with a hostile name and message. Branch feature sets the one-leaf
 * differently, for a conflict.
 */
const hostileRepo = repoTemplate(async (dir) => {
  const run = runnerIn(dir);
  ok(await run(['add', 'Likes pizza', '-p', FOOD, '--commit'], { env: { MEMOIR_NOW: '2026-01-01T10:00:00Z' } }));
  ok(await run(['add', 'Prefers dark mode', '-p', THEME, '--commit'], { env: { MEMOIR_NOW: '2026-01-01T11:00:00Z' } }));
  ok(
    await run(['add', 'Prefers light mode', '-p', THEME, '--commit', '--branch', 'feature'], {
      env: { MEMOIR_NOW: '2026-01-01T12:00:00Z' },
    }),
  );
  const food = gitIn(dir, ['show', `main:${leafFile(FOOD)}`]);
  const theme = gitIn(dir, ['show', `main:${leafFile(THEME)}`]);
  nativeCommit(
    dir,
    {
      [leafFile(FOOD)]:
        `${food}- Likes jazz ${ATTACK} <!-- id=${PLANTED} at=2026-01-15T00:00:00Z src=evil%1B%5D0%3Bsrc%07 by=manual -->\n`,
      [leafFile(THEME)]: theme.replace('Prefers dark mode', `Prefers dark ${ATTACK}`),
    },
    `Plant ${ATTACK_ARG}`,
    `Eve ${ATTACK_ARG} Mallory`,
  );
  const head = revParse(dir);
  fs.appendFileSync(
    path.join(gitdirOf(dir), 'logs', 'refs', 'heads', 'main'),
    `${head} ${head} Eve ${REFLOG_ATTACK} <eve@example.com> 1767225600 +0000\treset: ${REFLOG_ATTACK}\n`,
  );
});

/** A copy of the hostile repository with the one-leaf's hostile fact staged for removal (for status and diff). */
const stagedRepo = repoTemplate(async (dir) => {
  fs.rmSync(gitdirOf(dir), { recursive: true });
  fs.cpSync(gitdirOf(hostileRepo()), gitdirOf(dir), { recursive: true });
  ok(await runnerIn(dir)(['rm', THEME]));
});

/** memoir on a pseudo-terminal (util-linux `script`): human output, in colour. */
function inTerminal(dir: string, args: string[], typed = ''): RunResult {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: dir,
    env: testEnv(dir, { TERM: 'xterm-256color' }),
    encoding: 'utf8',
    input: typed,
    timeout: 20_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Every command that reads and shows facts, names or messages, and whether its output shows the attack. */
const READS: Array<[string[], boolean]> = [
  [['get', FOOD], true],
  [['get', THEME], true],
  [['ls'], false],
  [['log'], true],
  [['log', '--oneline'], true],
  [['log', '-p'], true],
  [['show'], true],
  [['blame', 'preferences'], true],
  [['diff'], true],
  [['diff', 'HEAD~1'], true],
  [['diff', '--stat', 'HEAD~1'], false],
  [['recall', 'jazz'], true],
  [['context'], true],
  [['reflog'], true],
  [['status'], true],
  [['branch'], true],
  [['rm', '--dry-run', PLANTED], true],
  [['restore', '--dry-run', FOOD, '--source', 'HEAD~1'], true],
  [['revert', '--dry-run', 'HEAD'], true],
  [['get', `preferences.${ATTACK_ARG}`], false], // an error that repeats its argument
];

describe('stored terminal escapes are shown inert by every read command', () => {
  it.each(READS)('memoir %j in a pipe prints no control character', async (args, shows) => {
    const dir = stagedRepo();
    const result = await runnerIn(dir)(args);
    expect(result.code, result.stderr).toBeLessThan(3);
    expect(rawControls(result.stdout)).toEqual([]);
    expect(rawControls(result.stderr)).toEqual([]);
    if (shows) expect(result.stdout + result.stderr).toContain(SHOWN);
  });

  it.each(READS)('memoir %j in a terminal prints only its own colours', async (args, shows) => {
    const dir = stagedRepo();
    const { code, stdout, stderr } = await runnerIn(dir)(args, { terminal: true });
    // both streams, as the terminal shows them
    const shown = stdout + stderr;
    expect(code, shown).toBeLessThan(3);
    expect(rawControls(shown.replace(OWN_SGR, ''))).toEqual([]);
    if (shows) expect(shown).toContain(SHOWN);
  });

  // spawns on purpose: a real process on a pseudo-terminal decides colour from its own stdout
  it.each([[['get', FOOD]], [['log', '-p']], [['status']]])(
    'memoir %j on a real terminal is in colour (the check on colour codes is not vacuous) and prints only its own',
    (args) => {
      const { code, stdout } = inTerminal(stagedRepo(), args);
      expect(code, stdout).toBe(0);
      expect(stdout.match(OWN_SGR)?.length).toBeGreaterThan(2);
      expect(rawControls(stdout.replace(OWN_SGR, ''))).toEqual([]);
      expect(stdout).toContain(SHOWN);
    },
  );

  it('the in-process terminal runs above are in colour too', async () => {
    const { stdout } = await runnerIn(stagedRepo())(['get', FOOD], { terminal: true });
    expect(stdout.match(OWN_SGR)?.length).toBeGreaterThan(2);
  });
});

describe('stored terminal escapes in --json output', () => {
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];

  it.each([
    [['get', FOOD, '--json'], ATTACK],
    [['log', '-p', '--json'], ATTACK],
    [['show', '--json'], ATTACK],
    [['blame', 'preferences', '--json'], ATTACK],
    [['diff', 'HEAD~1', '--json'], ATTACK],
    [['recall', 'jazz', '--json'], ATTACK],
    [['status', '--json'], ATTACK],
    [['context', '--format', 'json'], ATTACK],
    [['reflog', '--json'], REFLOG_ATTACK],
    [['branch', '--json'], ATTACK_ARG],
  ])('memoir %j: escaped (DEL, C1 and U+2028 too), and parses back to the exact text', async (args, planted) => {
    const result = ok(await runnerIn(stagedRepo())(args as string[]));
    expect(rawControls(result.stdout)).toEqual([]);
    expect(result.stdout).not.toMatch(/[\u2028\u2029]/);
    expect(result.stdout).toContain('\\u009b2J');
    expect(strings(parseJson(result.stdout)).some((s) => s.includes(planted as string))).toBe(true);
  });

  it('a --json error repeating a hostile argument is escaped the same way', async () => {
    const result = await runnerIn(stagedRepo())(['get', `preferences.${ATTACK_ARG}`, '--json']);
    expect(result.code).toBe(2);
    expect(rawControls(result.stderr)).toEqual([]);
    expect(result.stderr).not.toMatch(/[\u2028\u2029]/);
    expect(parseJson<{ code: string; message: string }>(result.stderr).message).toContain(ATTACK_ARG);
  });
});

describe('stored terminal escapes in a merge', () => {
  it('the conflict listing, status during the merge and resolve print no control character', async () => {
    const dir = hostileRepo();
    const run = runnerIn(dir);
    const merge = await run(['merge', 'feature']);
    expect(merge.code).toBe(3);
    expect(rawControls(merge.stdout + merge.stderr)).toEqual([]);
    expect(merge.stdout).toContain(SHOWN);
    for (const args of [['status'], ['diff']]) {
      const piped = await run(args);
      expect(rawControls(piped.stdout + piped.stderr)).toEqual([]);
      const inColour = await run(args, { terminal: true });
      expect(rawControls((inColour.stdout + inColour.stderr).replace(OWN_SGR, ''))).toEqual([]);
    }
    expect((await run(['status'], { terminal: true })).stdout).toContain(SHOWN);
    const id = parseJson<{ merge: { conflicts: Array<{ id: string }> } }>(ok(await run(['status', '--json'])).stdout)
      .merge.conflicts[0].id;
    // spawned on purpose: resolve on a real pseudo-terminal
    const resolved = inTerminal(dir, ['resolve', id, '--ours']);
    expect(resolved.code).toBe(0);
    expect(rawControls(resolved.stdout.replace(OWN_SGR, ''))).toEqual([]);
  });

  it('the conflict screen (Ink) shows the hostile fact escaped: no OSC, BEL, NUL, DEL, C1 or foreign SGR reaches the terminal', () => {
    const dir = hostileRepo();
    const { code, stdout } = inTerminal(dir, ['merge', 'feature'], 'q');
    expect(code).toBe(3);
    expect(stdout).toContain('Merge conflicts');
    expect(stdout).toContain('\\x1b]52;c;aGFja2Vk\\x07');
    // Ink draws with cursor and erase sequences of its own; what the attack would add is absent
    expect(stdout).not.toMatch(/\x1b\]|[\x00\x07\x7f\x80-\x9f]|\x1b\[5m/);
  });
});

/**
 * The same commands in-process, with an IO that writes what it is given (no stream guard, as
 * io.ts adds): the renderers escape the data themselves, so the guard is a second line, not the only one.
 */
describe('every renderer escapes the data itself, before the stream guard', () => {
  async function inProcess(dir: string, args: string[], terminal: boolean): Promise<string> {
    let written = '';
    const io: IO = {
      out: (text) => void (written += text),
      err: (text) => void (written += text),
      readStdin: async () => new Uint8Array(),
      stdinIsTTY: false,
      stdoutIsTTY: terminal,
      color: terminal,
      errColor: terminal,
      canPrompt: false,
      columns: 100,
      json: false,
    };
    await runProgram(io, [process.execPath, BIN, '--memoir-dir', gitdirOf(dir), ...args]);
    return written;
  }

  it.each(READS.filter(([args]) => args[0] !== 'get' || !args[1].includes('\x1b')))(
    'memoir %j, plain and in colour',
    async (args, shows) => {
      const dir = stagedRepo();
      for (const terminal of [false, true]) {
        const written = await inProcess(dir, args, terminal);
        expect(rawControls(written.replace(OWN_SGR, ''))).toEqual([]);
        if (shows) expect(written).toContain(SHOWN);
      }
    },
  );

  it('the conflict listing of a merge', async () => {
    const written = await inProcess(hostileRepo(), ['--no-input', 'merge', 'feature'], true);
    expect(written).toContain('CONFLICT');
    expect(rawControls(written.replace(OWN_SGR, ''))).toEqual([]);
    expect(written).toContain(SHOWN);
  });
});
