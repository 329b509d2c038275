import { spawn, spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'memoir.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed when the test file finishes. */
export function tempDir(prefix = 'memoir-test-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

/**
 * The environment the CLI runs with in tests: nothing inherited that could change its
 * behaviour (git and memoir variables, colour, CI), a fixed author and clock so commit ids
 * are deterministic, and a private HOME so no user config is read.
 */
export function testEnv(home: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GIT_|MEMOIR_|XDG_|NO_COLOR|FORCE_COLOR|CLICOLOR|CI$|TERM$)/.test(key)) continue;
    env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    // one compile cache for every spawn of the run (src/runtime/compileCache.ts), not one per test folder
    XDG_CACHE_HOME: path.join(os.tmpdir(), `memoir-test-cache-${os.userInfo().uid}`),
    TZ: 'UTC',
    MEMOIR_AUTHOR_NAME: 'Test Author',
    MEMOIR_AUTHOR_EMAIL: 'test@example.com',
    MEMOIR_NOW: '2026-01-02T03:04:05Z',
    // throwaway repositories: no flush to disk on every write (see store/atomicFile.ts)
    MEMOIR_TEST_FSYNC: '0',
  });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs `memoir <args>` as a user would, in `cwd`, and returns its exit code and output. */
export function memoir(args: string[], options: RunOptions): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: testEnv(options.cwd, options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking: for running several memoir processes at once. */
export function memoirAsync(args: string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: testEnv(options.cwd, options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Native git against a memoir repository. */
export function git(gitdir: string, args: string[]): string {
  return execFileSync('git', ['--git-dir', gitdir, ...args], {
    encoding: 'utf8',
    env: { ...testEnv(path.dirname(gitdir)) },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A directory with an initialised memoir repository; returns the directory. */
export function initRepo(): string {
  const dir = tempDir();
  const result = memoir(['init'], { cwd: dir });
  if (result.code !== 0) throw new Error(`init failed: ${result.stderr}`);
  return dir;
}

export function parseJson<T = unknown>(text: string): T {
  return JSON.parse(text) as T;
}
