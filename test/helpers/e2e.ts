import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, expect } from 'vitest';
import { git, memoir, parseJson, tempDir, testEnv, type RunResult } from './cli.js';
import { initRepoIn } from './inProcess.js';

/** Shared pieces of the end-to-end tests: a runner bound to a directory, and readers of the repository. */

/** Every key of a fact in --json output, in sorted order: the contract scripts read. */
export const FACT_KEYS = [
  'classifier',
  'confidence',
  'confirmed',
  'id',
  'path',
  'recordedAt',
  'source',
  'supersedesId',
  'text',
  'validFrom',
  'validUntil',
  'when',
];

export interface FactJson {
  id: string;
  path: string;
  text: string;
  recordedAt: string;
  source: string;
  classifier: string;
  confidence: number | null;
  confirmed: string | null;
  supersedesId: string | null;
  validFrom: string | null;
  validUntil: string | null;
}

export interface ErrorJson {
  code: string;
  message: string;
  hint?: string;
  data?: Record<string, unknown>;
}

export interface StageFile {
  version: number;
  ops: Array<{ op: 'add' | 'remove'; fact: { id: string; path: string; text: string; source?: string } }>;
}

export type Env = Record<string, string | undefined>;

/** `memoir` bound to one directory (and optionally extra environment). */
export function runner(dir: string, baseEnv: Env = {}) {
  return (args: string[], options: { input?: string | Buffer; env?: Env } = {}): RunResult =>
    memoir(args, { cwd: dir, env: { ...baseEnv, ...options.env }, input: options.input });
}

/** Asserts exit 0, with stderr as the failure message; returns the result. */
export function ok(result: RunResult): RunResult {
  expect(result.code, result.stderr).toBe(0);
  return result;
}

/** The error object that `--json` puts on stderr: the whole of stderr must be one JSON object. */
export function jsonError(result: RunResult): ErrorJson {
  expect(result.stdout).toBe('');
  const error = parseJson<ErrorJson>(result.stderr);
  expect(typeof error.code).toBe('string');
  expect(typeof error.message).toBe('string');
  return error;
}

export const gitdirOf = (dir: string): string => path.join(dir, '.memoir');

/**
 * A repository prepared once per file (`memoir init`, then `setup`, both in-process before the
 * file's tests run) and handed out as private copies: tests that write get their own repository
 * without paying for the setup again. Only `.memoir/` is copied. Call it while the file or a
 * describe block is collected, not inside a test.
 */
export function repoTemplate(setup?: (dir: string) => unknown): () => string {
  let template: string | undefined;
  beforeAll(async () => {
    const dir = await initRepoIn();
    await setup?.(dir);
    template = dir;
  });
  return () => {
    if (template === undefined)
      throw new Error('repoTemplate: the template is built before the tests, not during collection');
    const dir = tempDir();
    fs.cpSync(gitdirOf(template), gitdirOf(dir), { recursive: true });
    return dir;
  };
}

/** Native git against the memoir repository of `dir`. */
export const gitIn = (dir: string, args: string[]): string => git(gitdirOf(dir), args);

/** Native git, returning its exit status instead of throwing (for `cat-file -e`, `rev-parse --verify`). */
export function gitStatus(dir: string, args: string[]): number {
  try {
    execFileSync('git', ['--git-dir', gitdirOf(dir), ...args], { stdio: 'ignore', env: testEnv(dir) });
    return 0;
  } catch (error) {
    return (error as { status?: number }).status ?? -1;
  }
}

/** Native git with standard input (e.g. `interpret-trailers --parse`). */
export function gitWithInput(dir: string, args: string[], input: string): string {
  return execFileSync('git', ['--git-dir', gitdirOf(dir), ...args], { encoding: 'utf8', input, env: testEnv(dir) });
}

/** `git rev-parse <rev>` */
export const revParse = (dir: string, rev = 'main'): string => gitIn(dir, ['rev-parse', rev]).trim();

/** `git fsck --strict` succeeds and reports nothing. */
export function expectFsckClean(dir: string): void {
  expect(gitIn(dir, ['fsck', '--strict'])).toBe('');
}

/** The Memoir-* (and any other) trailers of a commit, as native git parses them. */
export function trailersOf(dir: string, rev: string): Record<string, string> {
  const message = gitIn(dir, ['log', '-1', '--format=%B', rev]);
  const parsed = gitWithInput(dir, ['interpret-trailers', '--parse'], message);
  return Object.fromEntries(
    parsed
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const at = line.indexOf(': ');
        return [line.slice(0, at), line.slice(at + 2)];
      }),
  );
}

/** The stage file as memoir left it. */
export function readStageFile(dir: string): StageFile {
  return parseJson<StageFile>(fs.readFileSync(path.join(gitdirOf(dir), 'state', 'stage.json'), 'utf8'));
}

/** `preferences.ui.theme` → `preferences/ui/theme.md` (the file a leaf lives in). */
export const leafFile = (leaf: string): string => leaf.replaceAll('.', '/') + '.md';

/** Every file of the repository with its content, to show that a dry run wrote nothing. */
export function snapshotRepository(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) visit(full);
      else files[path.relative(gitdirOf(dir), full)] = fs.readFileSync(full).toString('base64');
    }
  };
  visit(gitdirOf(dir));
  return files;
}

/** All object contents in the repository, as one string (to show a secret never reached it). */
export function allObjects(dir: string): string {
  return execFileSync('git', ['--git-dir', gitdirOf(dir), 'cat-file', '--batch-all-objects', '--batch'], {
    encoding: 'utf8',
    env: testEnv(dir),
    maxBuffer: 64 << 20,
  });
}

/** The facts `memoir get <leaf> --json` reports. */
export function getFacts(dir: string, leaf: string): FactJson[] {
  return parseJson<FactJson[]>(ok(memoir(['get', leaf, '--json'], { cwd: dir })).stdout);
}

/**
 * Makes a commit with native git only (a temporary index, `commit-tree`, `update-ref`):
 * `files` maps repository paths to their new content (null removes the file). Returns its id.
 */
export function nativeCommit(
  dir: string,
  files: Record<string, string | null>,
  message: string,
  authorName = 'Native Git',
): string {
  const index = path.join(dir, `native-index-${process.pid}`);
  const env = {
    ...testEnv(dir),
    GIT_INDEX_FILE: index,
    GIT_AUTHOR_NAME: authorName,
    GIT_AUTHOR_EMAIL: 'native@example.com',
    GIT_COMMITTER_NAME: 'Native Git',
    GIT_COMMITTER_EMAIL: 'native@example.com',
    GIT_AUTHOR_DATE: '2026-02-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-02-01T00:00:00Z',
  };
  const run = (args: string[], input?: string) =>
    execFileSync('git', ['--git-dir', gitdirOf(dir), ...args], { encoding: 'utf8', env, input }).trim();
  const parent = run(['rev-parse', 'main']);
  run(['read-tree', 'main']);
  for (const [file, content] of Object.entries(files)) {
    if (content === null) run(['update-index', '--force-remove', file]);
    else
      run(['update-index', '--add', '--cacheinfo', `100644,${run(['hash-object', '-w', '--stdin'], content)},${file}`]);
  }
  const commit = run(['commit-tree', run(['write-tree']), '-p', parent, '-m', message]);
  run(['update-ref', 'refs/heads/main', commit, parent]);
  fs.rmSync(index, { force: true });
  return commit;
}
