import { describe, expect, it } from 'vitest';
import { parseJson, tempDir } from '../helpers/cli.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

interface Result {
  text: string;
  candidates: Array<{ path: string; confidence: number }>;
  classifier: string;
}

const AWS = 'AKIA' + 'ABCDEFGHIJKLMNOP';

describe('memoir classify', () => {
  it('ranks leaves with confidences, best first, with the offline classifier by default', async () => {
    const dir = tempDir();
    const result = await memoirIn(['classify', 'I prefer dark mode in every app', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const json = parseJson<Result>(result.stdout);
    expect(json.text).toBe('I prefer dark mode in every app');
    expect(json.classifier).toBe('offline');
    expect(json.candidates[0].path).toBe('preferences.ui.theme');
    expect(json.candidates.length).toBeGreaterThanOrEqual(3);
    for (const c of json.candidates)
      expect(c.confidence).toBeGreaterThanOrEqual(0), expect(c.confidence).toBeLessThanOrEqual(1);
    const confidences = json.candidates.map((c) => c.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  });

  it('plain output: one fact a line, the text then path/confidence pairs', async () => {
    const dir = tempDir();
    const result = await memoirIn(['classify', 'I', 'prefer', 'dark', 'mode', '-k', '3'], { cwd: dir });
    const fields = result.stdout.trimEnd().split('\t');
    expect(fields).toHaveLength(7);
    expect(fields[0]).toBe('I prefer dark mode');
    expect(fields[1]).toBe('preferences.ui.theme');
    expect(Number(fields[2])).toBeGreaterThan(0);
  });

  it('-k sets how many candidates, never fewer than 3; a bad -k is exit 2', async () => {
    const dir = tempDir();
    const count = async (k: string) =>
      parseJson<Result>(
        (await memoirIn(['classify', 'We have a cat named Miso', '-k', k, '--json'], { cwd: dir })).stdout,
      ).candidates.length;
    expect(await count('7')).toBe(7);
    expect(await count('1')).toBe(3);
    expect((await memoirIn(['classify', 'x', '-k', '0'], { cwd: dir })).code).toBe(2);
    expect((await memoirIn(['classify', 'x', '-k', 'many'], { cwd: dir })).code).toBe(2);
    expect((await memoirIn(['classify'], { cwd: dir })).code).toBe(2);
  });

  it('is deterministic', async () => {
    const dir = tempDir();
    const run = async () =>
      (await memoirIn(['classify', 'Our CI runs the linter before the tests', '--json'], { cwd: dir })).stdout;
    expect(await run()).toBe(await run());
  });

  it('classify - reads one fact per line and writes one result per line (JSONL)', async () => {
    const dir = tempDir();
    const input = 'We have a cat named Miso\n\nI am allergic to peanuts\nWe deploy to Fly.io from main\n';
    const json = await memoirIn(['classify', '-', '--json'], { cwd: dir, input });
    expect(json.code).toBe(0);
    const lines = json.stdout
      .trimEnd()
      .split('\n')
      .map((l) => parseJson<Result>(l));
    expect(lines.map((l) => l.text)).toEqual([
      'We have a cat named Miso',
      'I am allergic to peanuts',
      'We deploy to Fly.io from main',
    ]);
    expect(lines.map((l) => l.candidates[0].path)).toEqual([
      'relationships.pets.animals',
      'health.diet.allergies',
      'project.infrastructure.deployment',
    ]);
    const plain = await memoirIn(['classify', '-'], { cwd: dir, input });
    expect(plain.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('refuses secrets: exit 4, never echoed; in a batch the other lines are still classified', async () => {
    const dir = tempDir();
    const single = await memoirIn(['classify', `my key is ${AWS}`, '--json'], { cwd: dir });
    expect(single.code).toBe(4);
    expect(parseJson<{ code: string }>(single.stderr).code).toBe('secret-detected');
    expect(single.stdout + single.stderr).not.toContain(AWS);
    const batch = await memoirIn(['classify', '-', '--json'], {
      cwd: dir,
      input: `Likes jazz\nmy key is ${AWS}\nWe use Postgres\n`,
    });
    expect(batch.code).toBe(4);
    const lines = batch.stdout
      .trimEnd()
      .split('\n')
      .map((l) => parseJson<{ text: string | null; line?: number; error?: { code: string } }>(l));
    expect(lines.map((l) => l.text)).toEqual(['Likes jazz', null, 'We use Postgres']);
    expect(lines[1]).toMatchObject({ line: 2, error: { code: 'secret-detected' } });
    expect(batch.stdout + batch.stderr).not.toContain(AWS);
  });

  it('classifier.provider openai without an API key or server is exit 5 with a hint', async () => {
    const dir = await initRepoIn();
    const result = await memoirIn(['classify', 'x', '--json'], {
      cwd: dir,
      env: { MEMOIR_CLASSIFIER_PROVIDER: 'openai', OPENAI_API_KEY: undefined },
    });
    expect(result.code).toBe(5);
    expect(parseJson<{ code: string; hint: string }>(result.stderr)).toMatchObject({
      code: 'classifier-no-key',
      hint: expect.stringContaining('OPENAI_API_KEY'),
    });
  });
});
