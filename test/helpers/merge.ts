import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testEnv } from './cli.js';
import { gitIn, gitdirOf, leafFile, ok, runner } from './e2e.js';
import { runnerIn } from './inProcess.js';

/** Helpers of the branch and merge tests: facts at set times (distinct ids), native edits on any branch. */

export const THEME = 'preferences.ui.theme'; // one
export const FOOD = 'preferences.food.cuisine'; // many
export const LANGS = 'preferences.coding.languages'; // many

/** A clock `n` minutes after the tests' epoch: facts added at different minutes get different ids. */
export const at = (n: number) => ({
  MEMOIR_NOW: `2026-01-02T${String(3 + Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00Z`,
});

export function session(dir: string) {
  const run = runner(dir);
  let minute = 0;
  return {
    run,
    /** `add <text> -p <leaf> --commit` on the current branch (or `--branch`), at the next minute. */
    remember(text: string, leaf: string, extra: string[] = []) {
      return ok(run(['add', text, '-p', leaf, '--commit', ...extra], { env: at(++minute) }));
    },
    checkout(branch: string) {
      return ok(run(['checkout', branch], { env: at(minute) }));
    },
    tick: () => ++minute,
  };
}

/** The same session in-process: each step a few ms instead of a spawn. */
export function sessionIn(dir: string) {
  const run = runnerIn(dir);
  let minute = 0;
  return {
    run,
    /** `add <text> -p <leaf> --commit` on the current branch (or `--branch`), at the next minute. */
    async remember(text: string, leaf: string, extra: string[] = []) {
      return ok(await run(['add', text, '-p', leaf, '--commit', ...extra], { env: at(++minute) }));
    },
    async checkout(branch: string) {
      return ok(await run(['checkout', branch], { env: at(minute) }));
    },
    tick: () => ++minute,
  };
}

/** The id of the fact with this text at a leaf on a branch, read with native git. */
export function idOf(dir: string, branch: string, leaf: string, text: string): string {
  const line = gitIn(dir, ['show', `${branch}:${leafFile(leaf)}`])
    .split('\n')
    .find((l) => l.startsWith(`- ${text} <!--`));
  if (!line) throw new Error(`no fact "${text}" at ${leaf} on ${branch}`);
  return /id=([0-9a-f]+)/.exec(line)![1];
}

/** The fact texts of a leaf on a branch, in file order (native git). */
export function textsAt(dir: string, rev: string, leaf: string): string[] {
  try {
    return gitIn(dir, ['show', `${rev}:${leafFile(leaf)}`])
      .split('\n')
      .filter(Boolean)
      .map((l) => /^- (.*) <!--/.exec(l)![1]);
  } catch {
    return [];
  }
}

/**
 * A commit made with native git on `branch` that rewrites lines of leaf files: `edits` maps a
 * fact's current text to its new text (null removes the line). Edits keep the fact's id.
 */
export function nativeEdit(
  dir: string,
  branch: string,
  leaf: string,
  edits: Record<string, string | null>,
  date = '2026-02-01T00:00:00Z',
): string {
  const file = leafFile(leaf);
  const lines = gitIn(dir, ['show', `refs/heads/${branch}:${file}`])
    .trim()
    .split('\n')
    .flatMap((line) => {
      const text = /^- (.*) <!--/.exec(line)?.[1];
      if (text === undefined || !(text in edits)) return [line];
      return edits[text] === null ? [] : [line.replace(`- ${text} <!--`, `- ${edits[text]} <!--`)];
    });
  return nativeCommitOn(dir, branch, { [file]: lines.join('\n') + '\n' }, `Edit ${leaf}`, date);
}

/** A fact line as memoir writes it, with a made-up id (10 hex digits), for commits made with native git. */
export const factLine = (text: string, id: string) =>
  `- ${text} <!-- id=${id} at=2026-02-01T00:00:00Z src=native by=manual -->`;

/**
 * A commit made with native git on `branch` (a temporary index, `commit-tree`, `update-ref`):
 * `files` maps repository paths to their new content (null removes the file). Returns its id.
 */
export function nativeCommitOn(
  dir: string,
  branch: string,
  files: Record<string, string | null>,
  message: string,
  date = '2026-02-01T00:00:00Z',
): string {
  const index = path.join(dir, `native-index-${process.pid}`);
  const env = {
    ...testEnv(dir),
    GIT_INDEX_FILE: index,
    GIT_AUTHOR_NAME: 'Native Git',
    GIT_AUTHOR_EMAIL: 'native@example.com',
    GIT_COMMITTER_NAME: 'Native Git',
    GIT_COMMITTER_EMAIL: 'native@example.com',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  const git = (args: string[], input?: string) =>
    execFileSync('git', ['--git-dir', gitdirOf(dir), ...args], { encoding: 'utf8', env, input }).trim();
  const parent = git(['rev-parse', `refs/heads/${branch}`]);
  git(['read-tree', parent]);
  for (const [file, content] of Object.entries(files)) {
    if (content === null) git(['update-index', '--index-info'], `0 ${'0'.repeat(40)}\t${file}\n`);
    else
      git(['update-index', '--add', '--cacheinfo', `100644,${git(['hash-object', '-w', '--stdin'], content)},${file}`]);
  }
  const commit = git(['commit-tree', git(['write-tree']), '-p', parent, '-m', message]);
  git(['update-ref', `refs/heads/${branch}`, commit, parent]);
  fs.rmSync(index, { force: true });
  return commit;
}

/** Appends fact lines (made-up ids) to a leaf on `branch` with native git; returns the commit id. */
export function nativeAppend(
  dir: string,
  branch: string,
  leaf: string,
  facts: Array<[text: string, id: string]>,
  date?: string,
): string {
  const file = leafFile(leaf);
  const exists = gitIn(dir, ['ls-tree', '--name-only', branch, '--', file]).trim() !== '';
  const current = exists ? gitIn(dir, ['show', `${branch}:${file}`]) : '';
  return nativeCommitOn(
    dir,
    branch,
    { [file]: current + facts.map(([text, id]) => factLine(text, id) + '\n').join('') },
    `Add to ${leaf}`,
    date,
  );
}
