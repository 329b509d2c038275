import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempDir, testEnv } from '../helpers/cli.js';
import { type GitServer, isolatedGitEnv, startGitServer } from '../helpers/gitServer.js';

/*
 * Progress of a clone over a few hundred objects: a line redrawn on a terminal's stderr, nothing in
 * a pipe or under --json. Spawned on purpose: only a process on a pseudo-terminal (util-linux
 * `script`) shows what a person sees. The clone takes less than the half second after which
 * progress shows: MEMOIR_PROGRESS_DELAY=0 shows it at once, as GIT_PROGRESS_DELAY does in git's tests.
 */

let server: GitServer;
let url: string;
const LEAVES = ['preferences/food/drinks.md', 'relationships/pets/animals.md', 'workflow/review/process.md'];

beforeAll(async () => {
  server = await startGitServer();
  url = server.createBare('many', { head: 'main' });
  const work = path.join(tempDir(), 'work');
  const env = {
    ...isolatedGitEnv(path.dirname(work)),
    GIT_AUTHOR_NAME: 'Seed',
    GIT_AUTHOR_EMAIL: 'seed@example.com',
    GIT_COMMITTER_NAME: 'Seed',
    GIT_COMMITTER_EMAIL: 'seed@example.com',
  };
  const git = (...args: string[]) => execFileSync('git', ['-C', work, ...args], { env });
  fs.mkdirSync(work);
  git('init', '-q', '--initial-branch=main');
  for (let i = 0; i < 90; i++) {
    const file = path.join(work, LEAVES[i % LEAVES.length]);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, `- seed fact ${i}: a detail the user mentioned\n`);
    git('add', '.');
    git('commit', '-q', '-m', `seed ${i}`);
  }
  git('push', '-q', url, 'main');
});
afterAll(() => server.stop());

function cloneIn(terminal: boolean, extra: string[] = []): { code: number; shown: string } {
  const dir = tempDir();
  const args = [process.execPath, BIN, 'clone', url, 'copy', ...extra];
  if (!terminal) {
    const result = spawnSync(args[0], args.slice(1), {
      cwd: dir,
      env: testEnv(dir, { MEMOIR_PROGRESS_DELAY: '0' }),
      encoding: 'utf8',
    });
    return { code: result.status ?? -1, shown: result.stderr };
  }
  const command = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: dir,
    env: testEnv(dir, { TERM: 'xterm-256color', MEMOIR_PROGRESS_DELAY: '0' }),
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, shown: result.stdout };
}

describe('progress of a transfer', () => {
  it('is redrawn on a terminal, and cleared when the clone is done', () => {
    const { code, shown } = cloneIn(true);
    expect(code, shown).toBe(0);
    const indexed = /Indexing objects: 100% \((\d+)\/\1\)/.exec(shown);
    expect(indexed, shown).not.toBeNull();
    // the count of that line, not of the first phase to reach N/N (its own redraws may come first)
    expect(Number(indexed![1])).toBeGreaterThan(300);
    // the line is cleared before the result is printed
    expect(shown).toContain('\r\x1b[KCloned');
  });

  it('never reaches a pipe, nor a terminal under --json', () => {
    const piped = cloneIn(false);
    expect(piped.code).toBe(0);
    expect(piped.shown).not.toMatch(/objects/);
    const json = cloneIn(true, ['--json']);
    expect(json.code).toBe(0);
    expect(json.shown).not.toMatch(/Indexing objects/);
  });
});
