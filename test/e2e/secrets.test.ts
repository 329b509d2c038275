import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import {
  allObjects,
  expectFsckClean,
  gitStatus,
  jsonError,
  ok,
  readStageFile,
  repoTemplate,
  revParse,
} from '../helpers/e2e.js';
import { runnerIn } from '../helpers/inProcess.js';

/** A fresh, initialised repository of the test's own (a copy of one made by memoir init). */
const freshRepo = repoTemplate();

/** Fake credentials, each shaped like the real thing. */
const OPENAI = 'sk-proj-Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoPqRsT';
const GITHUB = 'ghp_Zq3xV9kLm2Np8Rt5Wy7Bc4Df6Gh1Jk0LmNoP';
const AWS = 'AKIAZ7QX3MPL4RTN2VWY';
const PASSWORD = 'Tr0ub4dor3xyz';

function stageText(dir: string): string {
  return fs.readFileSync(path.join(dir, '.memoir', 'state', 'stage.json'), 'utf8');
}

describe('the secret guard on a single fact', () => {
  let dir: string;
  beforeAll(() => {
    dir = freshRepo();
  });

  const cases: Array<[string, string, RegExp]> = [
    ['an OpenAI key', `my openai key is ${OPENAI}`, /OpenAI/],
    ['a GitHub token', `deploy token ${GITHUB}`, /GitHub/],
    ['an AWS access key', `aws key ${AWS}`, /AWS/],
    ['a password in prose', `the wifi password is ${PASSWORD}`, /password/],
  ];
  for (const [what, fact, kind] of cases) {
    it(`refuses ${what}: exit 4, names the kind, never echoes it, stages nothing`, async () => {
      const secret = fact.split(' ').pop()!;
      const plain = await runnerIn(dir)(['add', fact, '-p', 'knowledge.technical.gotchas']);
      expect(plain.code).toBe(4);
      expect(plain.stdout).toBe('');
      expect(plain.stderr).toMatch(kind);
      expect(plain.stderr).toContain('nothing was staged');
      expect(plain.stderr).not.toContain(secret);
      const json = await runnerIn(dir)(['add', fact, '-p', 'knowledge.technical.gotchas', '--json']);
      expect(json.code).toBe(4);
      const error = jsonError(json);
      expect(error.code).toBe('secret-detected');
      expect(error.message).toMatch(kind);
      expect(json.stderr).not.toContain(secret);
      expect(readStageFile(dir).ops).toEqual([]);
      expect(stageText(dir)).not.toContain(secret);
    });
  }

  it('refuses with --commit too: no commit is made', async () => {
    const result = await runnerIn(dir)(['add', `token ${GITHUB}`, '-p', 'knowledge.technical.gotchas', '--commit']);
    expect(result.code).toBe(4);
    expect(gitStatus(dir, ['rev-parse', '--verify', '--quiet', 'refs/heads/main'])).not.toBe(0);
  });
});

describe('the secret guard in a batch', () => {
  it('stdin: the good lines are staged, the secret is refused and listed on stderr, exit 4', async () => {
    const dir = freshRepo();
    const result = await runnerIn(dir)(['add', '-', '-p', 'preferences.entertainment.music'], {
      input: `Likes jazz\nmy password is ${PASSWORD}\nLikes Bach\n`,
    });
    expect(result.code).toBe(4);
    expect(result.stdout).toContain('Likes Bach');
    expect(result.stdout).not.toContain(PASSWORD);
    expect(result.stderr).toMatch(/rejected line 2: .*password/);
    expect(result.stderr).toContain('2 staged, 1 rejected');
    expect(result.stderr).not.toContain(PASSWORD);
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Likes jazz', 'Likes Bach']);
    expect(stageText(dir)).not.toContain(PASSWORD);
  });

  it('JSONL file with one secret and one unknown leaf: good lines staged, both refused, exit 4; the secret never reaches the repository', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const lines = [
      { text: 'Uses Postgres 16', path: 'project.stack.databases' },
      { text: `The staging key is ${OPENAI}`, path: 'project.infrastructure.deployment' },
      { text: 'Likes green tea', path: 'preferences.food.drinks' },
      { text: 'Has a cat', path: 'relationships.pets.cats' },
    ];
    fs.writeFileSync(path.join(dir, 'facts.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const result = await run(['add', '--file', 'facts.jsonl', '--json']);
    expect(result.code).toBe(4);
    expect(result.stdout).not.toContain(OPENAI);
    expect(result.stderr).toBe('');
    const out = parseJson<{
      staged: Array<{ text: string }>;
      rejected: Array<{ line: number; kind: string; text: string | null; hint: string | null }>;
    }>(result.stdout);
    expect(out.staged.map((f) => f.text)).toEqual(['Uses Postgres 16', 'Likes green tea']);
    expect(out.rejected.map((r) => [r.line, r.kind, r.text])).toEqual([
      [2, 'secret', null],
      [4, 'unknown-path', 'Has a cat'],
    ]);
    expect(out.rejected[1].hint).toContain('relationships.pets.animals');

    const plain = await run(['add', '--file', 'facts.jsonl']);
    expect(plain.code).toBe(4);
    expect(plain.stderr).toMatch(/rejected line 2: .*OpenAI/);
    expect(plain.stderr).toMatch(/rejected line 4: unknown taxonomy leaf "relationships\.pets\.cats"/);
    expect(plain.stderr).not.toContain(OPENAI);

    ok(await run(['commit']));
    expect(allObjects(dir)).not.toContain(OPENAI);
    expect(stageText(dir)).not.toContain(OPENAI);
    expectFsckClean(dir);
  });

  it('without a secret, a batch with an unknown leaf is exit 2 (the others still staged)', async () => {
    const dir = freshRepo();
    const input = [
      { text: 'Uses Redis', path: 'project.stack.databases' },
      { text: 'Has a cat', path: 'relationships.pets.cats' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const result = await runnerIn(dir)(['add', '-'], { input });
    expect(result.code).toBe(2);
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Uses Redis']);
  });

  it('an over-long line in a batch is exit 2 and listed; an empty JSONL text too', async () => {
    const dir = freshRepo();
    const input = [
      { text: 'Uses Redis', path: 'project.stack.databases' },
      { text: 'z'.repeat(1001), path: 'project.stack.databases' },
      { text: '  ', path: 'project.stack.databases' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const result = await runnerIn(dir)(['add', '-', '--json'], { input });
    expect(result.code).toBe(2);
    expect(
      parseJson<{ rejected: Array<{ line: number; kind: string }> }>(result.stdout).rejected.map((r) => [
        r.line,
        r.kind,
      ]),
    ).toEqual([
      [2, 'too-long'],
      [3, 'empty'],
    ]);
    expect(readStageFile(dir).ops.map((o) => o.fact.text)).toEqual(['Uses Redis']);
  });
});

describe('the secret guard on what is written beside the facts', () => {
  it('a commit message with a secret is refused (exit 4): no commit, the stage is kept', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    ok(await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music']));
    const result = await run(['commit', '-m', `rotate ${GITHUB}`, '--json']);
    expect(result.code).toBe(4);
    expect(jsonError(result).code).toBe('secret-detected');
    expect(result.stderr).not.toContain(GITHUB);
    expect(gitStatus(dir, ['rev-parse', '--verify', '--quiet', 'refs/heads/main'])).not.toBe(0);
    expect(readStageFile(dir).ops).toHaveLength(1);
  });

  it('add --commit -m with a secret stages nothing', async () => {
    const dir = freshRepo();
    const result = await runnerIn(dir)([
      'add',
      'Likes jazz',
      '-p',
      'preferences.entertainment.music',
      '--commit',
      '-m',
      `key ${OPENAI}`,
    ]);
    expect(result.code).toBe(4);
    expect(result.stderr).not.toContain(OPENAI);
    expect(readStageFile(dir).ops).toEqual([]);
  });

  it('a --source with a secret is refused; a JSONL "source" with a secret refuses that line', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    const flag = await run(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--source', GITHUB]);
    expect(flag.code).toBe(4);
    expect(flag.stderr).not.toContain(GITHUB);
    expect(readStageFile(dir).ops).toEqual([]);
    const input = [
      { text: 'Likes Bach', path: 'preferences.entertainment.music', source: OPENAI },
      { text: 'Likes jazz', path: 'preferences.entertainment.music', source: 'import' },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const batch = await run(['add', '-'], { input });
    expect(batch.code).toBe(4);
    expect(batch.stderr).not.toContain(OPENAI);
    expect(readStageFile(dir).ops.map((o) => [o.fact.text, o.fact.source])).toEqual([['Likes jazz', 'import']]);
    expect(stageText(dir)).not.toContain(OPENAI);
  });

  it('a committed repository holds no trace of any refused secret', async () => {
    const dir = freshRepo();
    const run = runnerIn(dir);
    expect((await run(['add', `aws key ${AWS}`, '-p', 'knowledge.technical.gotchas', '--commit'])).code).toBe(4);
    ok(await run(['add', 'Uses Postgres', '-p', 'project.stack.databases', '--commit']));
    expect(revParse(dir)).toMatch(/^[0-9a-f]{40}$/);
    expect(allObjects(dir)).not.toContain(AWS);
  });
});
