import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { jsonError, ok, repoTemplate } from '../helpers/e2e.js';
import { runnerIn } from '../helpers/inProcess.js';

// `memoir context`: a prompt-ready block, grouped by category in taxonomy order, newest first
// within a leaf, trimmed by whole facts with a note of what was left out.

const repo = repoTemplate(async (dir) => {
  const run = runnerIn(dir);
  const add = async (text: string, leaf: string, when: string) =>
    ok(await run(['add', text, '-p', leaf, '--commit'], { env: { MEMOIR_NOW: when } }));
  await add('Likes jazz', 'preferences.entertainment.music', '2026-01-01T00:00:00Z');
  await add('Likes Robyn', 'preferences.entertainment.music', '2026-01-03T00:00:00Z');
  await add('Solarized dark everywhere', 'preferences.ui.theme', '2026-01-02T00:00:00Z');
  await add('We have a grey cat called Pixel', 'relationships.pets.animals', '2026-01-04T00:00:00Z');
  await add(
    'We deploy to Fly.io with a blue-green switch',
    'project.infrastructure.deployment',
    '2026-01-05T00:00:00Z',
  );
  await add('My name is Maya', 'profile.identity.name', '2026-01-06T00:00:00Z');
});

const FULL = [
  '## profile',
  '- My name is Maya (identity.name)',
  '',
  '## preferences',
  '- Solarized dark everywhere (ui.theme)',
  '- Likes Robyn (entertainment.music)',
  '- Likes jazz (entertainment.music)',
  '',
  '## relationships',
  '- We have a grey cat called Pixel (pets.animals)',
  '',
  '## project',
  '- We deploy to Fly.io with a blue-green switch (infrastructure.deployment)',
  '',
].join('\n');

describe('memoir context', () => {
  it('prints every current fact as Markdown: categories in taxonomy order, newest first within a leaf', async () => {
    expect(ok(await runnerIn(repo())(['context'])).stdout).toBe(FULL);
  });

  it('fits --max-chars by leaving out whole facts, oldest first, and says what it left out', async () => {
    const dir = repo();
    for (const max of [60, 120, 200, 300]) {
      const out = ok(await runnerIn(dir)(['context', '--max-chars', String(max)])).stdout;
      expect(out.length, out).toBeLessThanOrEqual(max);
      // every fact line is a whole line of the full block: nothing is cut in half
      for (const line of out.split('\n').filter((l) => l.startsWith('- '))) expect(FULL.split('\n')).toContain(line);
      expect(out).toMatch(/_\d+ more facts? left out( to fit the limit \(.+\))?\._\n$/);
    }
    // the newest first, and the count of what is missing
    expect(ok(await runnerIn(dir)(['context', '--path', 'preferences', '--max-chars', '115'])).stdout).toBe(
      '## preferences\n- Solarized dark everywhere (ui.theme)\n- Likes Robyn (entertainment.music)\n\n_1 more fact left out._\n',
    );
    const tight = ok(await runnerIn(dir)(['context', '--max-chars', '120'])).stdout;
    // the newest facts are kept first
    expect(tight).toContain('My name is Maya');
    expect(tight).not.toContain('Likes jazz');
    expect(ok(await runnerIn(dir)(['context', '--max-chars', '100000'])).stdout).toBe(FULL);
  });

  it('keeps only the given prefixes with --path, and the relevant facts with --query', async () => {
    const dir = repo();
    expect(ok(await runnerIn(dir)(['context', '--path', 'relationships', 'profile.identity'])).stdout).toBe(
      '## profile\n- My name is Maya (identity.name)\n\n## relationships\n- We have a grey cat called Pixel (pets.animals)\n',
    );
    const music = ok(await runnerIn(dir)(['context', '--query', 'what music does she listen to?', '-k', '2'])).stdout;
    expect(music).toBe('## preferences\n- Likes Robyn (entertainment.music)\n- Likes jazz (entertainment.music)\n');
  });

  it('prints the same block as JSON with --format json or --json', async () => {
    const dir = repo();
    const json = parseJson<{
      categories: Array<{
        category: string;
        facts: Array<{ path: string; text: string; id: string; recordedAt: string }>;
      }>;
      omitted: { count: number };
    }>(ok(await runnerIn(dir)(['context', '--format', 'json'])).stdout);
    expect(json.categories.map((c) => c.category)).toEqual(['profile', 'preferences', 'relationships', 'project']);
    expect(json.categories[1].facts.map((f) => f.text)).toEqual([
      'Solarized dark everywhere',
      'Likes Robyn',
      'Likes jazz',
    ]);
    expect(json.omitted).toEqual({ count: 0, byCategory: {} });
    expect(ok(await runnerIn(dir)(['context', '--json'])).stdout).toBe(
      ok(await runnerIn(dir)(['context', '--format', 'json'])).stdout,
    );
    const trimmed = parseJson<{ omitted: { count: number } }>(
      ok(await runnerIn(dir)(['context', '--json', '--max-chars', '400'])).stdout,
    );
    expect(trimmed.omitted.count).toBeGreaterThan(0);
  });

  it('prints nothing, with a note on stderr, for an empty memory', async () => {
    const dir = repo();
    fs.rmSync(path.join(dir, '.memoir', 'refs', 'heads', 'main'));
    const result = ok(await runnerIn(dir)(['context']));
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no commits yet');
  });

  it('rejects a bad format, a bad --max-chars, -k without --query and an unknown prefix with exit 2', async () => {
    const dir = repo();
    for (const [args, code] of [
      [['context', '--format', 'yaml'], 'invalid-format'],
      [['context', '--max-chars', 'lots'], 'invalid-count'],
      [['context', '-k', '3'], 'needs-query'],
      [['context', '--path', 'nowhere'], 'unknown-path'],
    ] as const) {
      const result = await runnerIn(dir)([...args, '--json']);
      expect(result.code, args.join(' ')).toBe(2);
      expect(jsonError(result).code).toBe(code);
    }
  });
});
