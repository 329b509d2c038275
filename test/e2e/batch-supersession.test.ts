import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJson } from '../helpers/cli.js';
import { expectFsckClean, gitIn, leafFile, ok, readStageFile, repoTemplate, type FactJson } from '../helpers/e2e.js';
import { getFactsIn, runnerIn } from '../helpers/inProcess.js';

// A batch that gives a `one` leaf several values never drops one: each is committed in turn (issue 13, 3a).

const THEME = 'preferences.ui.theme'; // one
const MUSIC = 'preferences.entertainment.music'; // many
const freshRepo = repoTemplate();

/** A JSONL batch: three values of THEME (the first restated last), a MUSIC fact between them. */
function writeBatch(dir: string): string {
  const lines = [
    { text: 'I prefer dark mode', path: THEME },
    { text: 'Likes jazz', path: MUSIC },
    { text: 'I prefer light mode', path: THEME },
    { text: 'I prefer dark mode again', path: THEME },
  ];
  const file = path.join(dir, 'batch.jsonl');
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

interface ShowJson {
  added: FactJson[];
  removed: FactJson[];
  modified?: unknown[];
}

describe('add --file --commit: every value of a one leaf reaches history', () => {
  it('commits a chain, one commit per value, moves the branch once, and says what was superseded (stderr and --json)', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const out = parseJson<{
      supersededInBatch: Array<{ id: string; text: string; path: string; by: string }>;
      commit: { commit: string; commits: string[]; subject: string };
    }>(ok(await run(['add', '--file', writeBatch(dir), '--commit', '--json'])).stdout);
    expect(out.supersededInBatch.map((s) => [s.text, s.path])).toEqual([
      ['I prefer dark mode', THEME],
      ['I prefer light mode', THEME],
    ]);
    expect(out.commit.commits).toHaveLength(3);
    expect(out.commit.commit).toBe(out.commit.commits[2]);
    // named by its net change: the values superseded within the batch are in history, not forgotten
    expect(out.commit.subject).toBe('Remember 2 facts: preferences.entertainment.music, preferences.ui.theme');
    expect(gitIn(dir, ['rev-list', 'main']).trim().split('\n').reverse()).toEqual(out.commit.commits);
    // one reflog entry for the whole write
    expect(gitIn(dir, ['reflog', 'main']).trim().split('\n')).toHaveLength(1);
    expect((await getFactsIn(dir, THEME)).map((f) => f.text)).toEqual(['I prefer dark mode again']);
    expect((await getFactsIn(dir, MUSIC)).map((f) => f.text)).toEqual(['Likes jazz']);
    // every value is readable in history: get --at, log, show, diff, blame
    expect(
      parseJson<FactJson[]>(ok(await run(['get', THEME, '--at', 'HEAD~2', '--json'])).stdout).map((f) => f.text),
    ).toEqual(['I prefer dark mode']);
    expect(
      parseJson<FactJson[]>(ok(await run(['get', THEME, '--at', 'HEAD~1', '--json'])).stdout).map((f) => f.text),
    ).toEqual(['I prefer light mode']);
    expect(
      ok(await run(['log', THEME, '--oneline']))
        .stdout.trim()
        .split('\n'),
    ).toHaveLength(3);
    const middle = parseJson<ShowJson>(ok(await run(['show', 'HEAD~1', '--json'])).stdout);
    expect(JSON.stringify(middle)).toContain('I prefer light mode');
    expect(JSON.stringify(middle)).toContain('I prefer dark mode');
    expect(ok(await run(['diff', 'HEAD~2', 'HEAD~1', '--json'])).stdout).toContain('I prefer light mode');
    const blame = parseJson<Array<{ text: string; commit: string }>>(ok(await run(['blame', THEME, '--json'])).stdout);
    expect(blame).toEqual([
      expect.objectContaining({ text: 'I prefer dark mode again', commit: out.commit.commits[2] }),
    ]);
    // each later commit names the value it superseded
    expect(gitIn(dir, ['log', '-1', '--format=%B', 'HEAD~1'])).toContain('- preferences.ui.theme: I prefer dark mode');
    expect(gitIn(dir, ['show', `HEAD~2:${leafFile(THEME)}`])).toContain(`id=${out.supersededInBatch[0].id}`);
    expectFsckClean(dir);
  });

  it('without --json: one stderr line with the count and the ids', async () => {
    const dir = freshRepo();
    const result = ok(await runnerIn(dir)(['add', '--file', writeBatch(dir), '--commit', '-m', 'Import the chat']));
    const line = result.stderr.split('\n').find((l) => l.includes('superseded within this batch'));
    expect(line).toMatch(
      /^memoir: 2 values superseded within this batch, each kept in history \(3 commits\): [0-9a-f]{10} by [0-9a-f]{10}, [0-9a-f]{10} by [0-9a-f]{10}$/,
    );
    // the user's message on every commit of the chain; the later ones list what they supersede
    expect(gitIn(dir, ['log', '--format=%s', 'main']).trim().split('\n')).toEqual([
      'Import the chat',
      'Import the chat',
      'Import the chat',
    ]);
    expect(gitIn(dir, ['log', '-1', '--format=%B', 'main'])).toContain('- preferences.ui.theme: I prefer light mode');
  });

  it('a long batch: still one stderr line, naming the first ten and counting the rest; --json lists them all', async () => {
    const dir = freshRepo();
    const file = path.join(dir, 'themes.txt');
    fs.writeFileSync(file, Array.from({ length: 13 }, (_, i) => `I prefer theme number ${i}`).join('\n') + '\n');
    const result = ok(await runnerIn(dir)(['add', '--file', file, '-p', THEME, '--commit']));
    const lines = result.stderr.split('\n').filter((l) => l.includes('superseded within this batch'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^memoir: 12 values superseded within this batch, each kept in history \(13 commits\): (?:[0-9a-f]{10} by [0-9a-f]{10}, ){10}… and 2 more \(--json lists them\)$/,
    );
    expect(gitIn(dir, ['rev-list', '--count', 'main']).trim()).toBe('13');
  });

  it('two steps: status shows the values superseded in the batch before the commit; the commit records each', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', '--file', writeBatch(dir)]));
    expect(readStageFile(dir).ops).toHaveLength(4);
    const status = parseJson<{ staged: Array<{ text: string; supersededBy: string | null }> }>(
      ok(await run(['status', '--json'])).stdout,
    );
    expect(status.staged.filter((s) => s.supersededBy !== null).map((s) => s.text)).toEqual([
      'I prefer dark mode',
      'I prefer light mode',
    ]);
    const commit = parseJson<{ commits: string[]; supersededInBatch: unknown[] }>(
      ok(await run(['commit', '--json'])).stdout,
    );
    expect(commit.commits).toHaveLength(3);
    expect(commit.supersededInBatch).toHaveLength(2);
    expect(readStageFile(dir).ops).toEqual([]);
  });
});
