import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, type RunResult } from '../helpers/cli.js';
import { allObjects, gitStatus, jsonError, ok, readStageFile, repoTemplate, revParse } from '../helpers/e2e.js';
import { runnerIn } from '../helpers/inProcess.js';

// `memoir add -` and `--file` read one fact a line: a private key spread over lines must be
// refused whole, not line by line with its body stored as facts; and `--commit` is all or nothing.

const LEAF = 'knowledge.technical.gotchas';
const BODY = Array.from(
  { length: 25 },
  (_, i) => `b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW${String(i).padStart(2, '0')}`,
);
const KEY = ['-----BEGIN OPENSSH PRIVATE KEY-----', ...BODY, '-----END OPENSSH PRIVATE KEY-----'].join('\n') + '\n';
const GITHUB = 'ghp_Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoP';

/** No line of the key body, nor any 12 characters of one, anywhere. */
function expectNoKeyIn(...texts: string[]): void {
  for (const text of texts)
    for (const line of BODY)
      for (let i = 0; i + 12 <= line.length; i += 6) expect(text).not.toContain(line.slice(i, i + 12));
}

const repo = repoTemplate(async (dir) => {
  const run = runnerIn(dir);
  ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--commit']));
});

const stagedTexts = (dir: string) => readStageFile(dir).ops.map((o) => o.fact.text);

describe('a private key read one line a fact', () => {
  it('add - < key.pem refuses the whole block (exit 4) and stages none of its lines', async () => {
    const dir = repo();
    const result = await runnerIn(dir)(['add', '-', '-p', LEAF], { input: KEY });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('rejected line 1: refused: lines 1-27 hold a private key block');
    expect(result.stderr).toContain('0 staged, 1 rejected');
    expect(stagedTexts(dir)).toEqual([]);
    expectNoKeyIn(
      result.stdout,
      result.stderr,
      fs.readFileSync(path.join(dir, '.memoir', 'state', 'stage.json'), 'utf8'),
    );
  });

  it('--file with facts around a key: the facts are staged, the block refused whole; --json lists one refusal, no text', async () => {
    const dir = repo();
    fs.writeFileSync(path.join(dir, 'notes.txt'), `Uses tmux\n${KEY}Prefers vim\n`);
    const result = await runnerIn(dir)(['add', '--file', 'notes.txt', '-p', LEAF, '--json']);
    expect(result.code).toBe(4);
    const out = parseJson<{
      staged: Array<{ text: string }>;
      rejected: Array<{ line: number; kind: string; text: string | null }>;
    }>(result.stdout);
    expect(out.staged.map((f) => f.text)).toEqual(['Uses tmux', 'Prefers vim']);
    expect(out.rejected).toEqual([expect.objectContaining({ line: 2, kind: 'secret', text: null })]);
    expect(stagedTexts(dir)).toEqual(['Uses tmux', 'Prefers vim']);
    expectNoKeyIn(result.stdout, result.stderr);
  });

  it('a BEGIN line without its END refuses everything after it', async () => {
    const dir = repo();
    const input = `Uses tmux\n${KEY.split('\n').slice(0, 10).join('\n')}\n`;
    const result = await runnerIn(dir)(['add', '-', '-p', LEAF], { input });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('lines 2-11 hold a private key block');
    expect(stagedTexts(dir)).toEqual(['Uses tmux']);
  });

  it('JSONL: a record whose text is a whole key is refused as a secret (not as too long), never echoed', async () => {
    const dir = repo();
    const input = [
      { text: 'Uses tmux', path: LEAF },
      { text: KEY, path: LEAF },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    for (const args of [
      ['add', '-'],
      ['add', '-', '--json'],
    ]) {
      const result = await runnerIn(dir)(args, { input });
      expect(result.code).toBe(4);
      expectNoKeyIn(result.stdout, result.stderr);
    }
    expect(stagedTexts(dir)).toEqual(['Uses tmux']);
  });
});

describe('add --commit with a refusal in the batch commits nothing and stages nothing', () => {
  function expectNothingDone(dir: string, result: RunResult, main: string, stage: string[]): void {
    expect(result.code).toBe(4);
    expect(jsonError(result).code).toBe('secret-detected');
    expect(revParse(dir, 'main')).toBe(main);
    expect(stagedTexts(dir)).toEqual(stage);
  }

  it('a key in the input: exit 4, no commit, the stage as it was, no key in any object', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Staged earlier', '-p', LEAF]));
    const main = revParse(dir, 'main');
    const result = await run(['add', '-', '-p', LEAF, '-c', '--json'], { input: `Uses tmux\n${KEY}Prefers vim\n` });
    expectNothingDone(dir, result, main, ['Staged earlier']);
    expect(jsonError(result).data).toEqual({ rejected: [expect.objectContaining({ line: 2, kind: 'secret' })] });
    expectNoKeyIn(result.stdout, result.stderr, allObjects(dir));
  });

  it('a one-line secret in a file, committed to another branch: no commit there, nothing staged', async () => {
    const dir = repo();
    const main = revParse(dir, 'main');
    fs.writeFileSync(path.join(dir, 'facts.txt'), `Uses tmux\nCI token ${GITHUB}\nPrefers vim\n`);
    const result = await runnerIn(dir)(['add', '--file', 'facts.txt', '-p', LEAF, '--commit', '-b', 'work', '--json']);
    expectNothingDone(dir, result, main, []);
    expect(result.stderr).not.toContain(GITHUB.slice(4));
    expect(gitStatus(dir, ['rev-parse', '--verify', '--quiet', 'refs/heads/work'])).not.toBe(0);
  });
});

describe('a private key read one line a fact by classify', () => {
  it('classify - refuses the whole block (exit 4), classifies the lines around it in order, and echoes none of the key', async () => {
    const dir = repo();
    const result = await runnerIn(dir)(['classify', '-', '--json'], { input: `Uses tmux\n${KEY}Prefers vim\n` });
    expect(result.code).toBe(4);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((l) => parseJson<{ text?: string; line?: number; error?: { code: string } }>(l));
    expect(rows.map((r) => r.text ?? r.error?.code)).toEqual(['Uses tmux', 'secret-detected', 'Prefers vim']);
    expectNoKeyIn(result.stdout, result.stderr);
  });
});
