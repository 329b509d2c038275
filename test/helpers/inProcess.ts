import { reportError } from '../../src/io/reportError.js';
import { MemoirError } from '../../src/errors/index.js';
import { colorFlagOf } from '../../src/io/colorFlag.js';
import { decideColor, type IO } from '../../src/io/io.js';
import { escapeStream } from '../../src/output/escape.js';
import { runProgram } from '../../src/program.js';
import { BIN, tempDir, testEnv, type RunOptions, type RunResult } from './cli.js';
import { gitdirOf, ok, repoTemplate, type Env, type FactJson } from './e2e.js';
import { createContext } from '../../src/runtime/context.js';
import type { Fact } from '../../src/core/fact.js';

/*
 * memoir in the test's process: a few ms a command instead of a spawn's ~0.2 s. What the process
 * would have had is given to runProgram for the call only: the working directory, the test
 * environment (process.env replaced, then restored), standard input, a pipe or a terminal for
 * stdout. Errors are reported and mapped to exit codes as cli.ts does. Safe because the tests of a
 * file run one after another in their own worker process (vitest's forks pool; no .concurrent):
 * nothing else reads process.env or the working directory while a command runs.
 */

export interface InProcessResult extends RunResult {
  /** The MemoirError's `code` when the command failed with one. */
  errorCode?: string;
}

export interface InProcessOptions extends RunOptions {
  /** stdout is a terminal (colour and layout decided as for one); stdin never is. */
  terminal?: boolean;
  /** Colour on stdout regardless of what --color, the environment and the terminal decide. */
  color?: boolean;
}

/** `memoir <args>` in `cwd`, in-process: the twin of cli.ts's memoir(), which spawns. */
export async function memoirIn(args: string[], options: InProcessOptions): Promise<InProcessResult> {
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  const terminal = options.terminal ?? false;
  // the worker's own stdout may be a terminal (npm test in one): never start a pager from a test
  const env = testEnv(options.cwd, { ...(terminal ? { MEMOIR_PAGER: '' } : {}), ...options.env });
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
  process.chdir(options.cwd);
  const json = args.includes('--json');
  const colorOptions = { env, colorFlag: colorFlagOf(args), json };
  const color = options.color ?? decideColor({ isTTY: terminal }, colorOptions);
  const errColor = decideColor({ isTTY: false }, colorOptions);
  let stdout = '';
  let stderr = '';
  const input = options.input ?? '';
  const io: IO = {
    // the same last guard as createIO's streams
    out: (text) => void (stdout += escapeStream(text, { colour: color, json })),
    err: (text) => void (stderr += escapeStream(text, { colour: errColor, json })),
    readStdin: async () => (typeof input === 'string' ? new TextEncoder().encode(input) : new Uint8Array(input)),
    stdinIsTTY: false,
    stdoutIsTTY: terminal,
    color,
    errColor,
    canPrompt: false,
    columns: 100,
    json,
  };
  let errorCode: string | undefined;
  let code: number;
  try {
    code = await runProgram(io, [process.execPath, BIN, ...args]);
  } catch (error) {
    if (error instanceof MemoirError) errorCode = error.code;
    code = reportError(io, error, args.includes('--debug'));
  } finally {
    process.chdir(savedCwd);
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
  return errorCode === undefined ? { code, stdout, stderr } : { code, stdout, stderr, errorCode };
}

/**
 * `memoir <args>` against the repository of `dir` (named with --memoir-dir), in-process, in a
 * pipe or a terminal without colour. `errorCode` is the error's `code`.
 */
export function runIn(dir: string, args: string[], env: Env = {}, terminal = false): Promise<InProcessResult> {
  return memoirIn(['--memoir-dir', gitdirOf(dir), ...args], { cwd: dir, env, terminal, color: false });
}

/** The in-process twin of e2e.ts's runner(): `memoir` bound to one directory (and optionally extra environment). */
export function runnerIn(dir: string, baseEnv: Env = {}) {
  return (args: string[], options: { input?: string | Buffer; env?: Env; terminal?: boolean } = {}) =>
    memoirIn(args, { cwd: dir, env: { ...baseEnv, ...options.env }, input: options.input, terminal: options.terminal });
}

/** The facts `memoir get <leaf> --json` reports (in-process twin of e2e.ts's getFacts). */
export async function getFactsIn(dir: string, leaf: string): Promise<FactJson[]> {
  return JSON.parse(ok(await memoirIn(['get', leaf, '--json'], { cwd: dir })).stdout) as FactJson[];
}

/** A directory with an initialised memoir repository (in-process twin of cli.ts's initRepo). */
export async function initRepoIn(): Promise<string> {
  const dir = tempDir();
  const result = await memoirIn(['init'], { cwd: dir });
  if (result.code !== 0) throw new Error(`init failed: ${result.stderr}`);
  return dir;
}

/** Streams that print nothing and never prompt (as under --json in a pipe): for use cases called directly. */
export const silentIO: IO = {
  out: () => undefined,
  err: () => undefined,
  readStdin: async () => new Uint8Array(),
  stdinIsTTY: false,
  stdoutIsTTY: false,
  color: false,
  errColor: false,
  canPrompt: false,
  columns: 100,
  json: true,
};

/** A fact as a person filed it on 1 January 2026, `extra` over it. */
export const filedFact = (id: string, path: string, text: string, extra: Partial<Fact> = {}): Fact => ({
  id,
  path,
  text,
  recordedAt: '2026-01-01T00:00:00Z',
  source: 'test',
  classifier: 'user',
  ...extra,
});

const author = { name: 'Test Author', email: 'test@example.com', timestamp: 1_767_225_600, timezoneOffset: 0 };

/** A template (see repoTemplate) of a repository whose one commit on main holds `facts`. */
export const repoHolding = (facts: readonly Fact[]) =>
  repoTemplate(async (dir) => {
    const memory = await createContext(silentIO, testEnv(dir), dir, '0.0.0').memory();
    const leaves = new Map<string, Fact[]>();
    for (const f of facts) leaves.set(f.path, [...(leaves.get(f.path) ?? []), f]);
    const oid = await memory.writeCommit({ parents: [], leaves, message: 'Seed\n', author, committer: author });
    memory.updateBranch('refs/heads/main', oid, undefined, author, 'commit (initial): Seed');
  });
