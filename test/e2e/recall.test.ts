import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { completion, startServer, type FakeServer } from '../classify/helpers.js';
import { memoirAsync, parseJson } from '../helpers/cli.js';
import { gitdirOf, gitIn, jsonError, ok, repoTemplate } from '../helpers/e2e.js';
import { memoirIn, runnerIn } from '../helpers/inProcess.js';
import { RECALL_INDEX_FORMAT } from '../../src/store/recallIndex.js';
import { bytesIn, decodeIndex } from '../../src/store/recallIndexFile.js';

// `memoir recall`: ranking, filters, the cached index (keyed by tree, rebuilt when stale or
// unreadable), points in time, renderings, errors, and --rerank llm against a fake endpoint.

const FACTS = [
  { text: 'A flat white with oat milk is how I start the day', path: 'preferences.food.drinks' },
  { text: 'Sichuan food is my favourite, the spicier the better', path: 'preferences.food.cuisine' },
  { text: 'Solarized dark everywhere, light themes hurt my eyes', path: 'preferences.ui.theme' },
  { text: 'We have a grey cat called Pixel', path: 'relationships.pets.animals' },
  { text: 'We deploy to Fly.io with a blue-green switch', path: 'project.infrastructure.deployment' },
  { text: 'Commit messages follow Conventional Commits', path: 'workflow.git.commits' },
];

const repo = repoTemplate(async (dir) => {
  const run = runnerIn(dir);
  fs.writeFileSync(path.join(dir, 'facts.jsonl'), FACTS.map((f) => JSON.stringify(f)).join('\n'));
  ok(await run(['add', '--file', 'facts.jsonl', '--commit', '-m', 'Seed']));
  ok(
    await run(['add', 'Pixel is on a special kidney diet', '-p', 'relationships.pets.animals', '--commit'], {
      env: { MEMOIR_NOW: '2026-02-01T00:00:00Z' },
    }),
  );
});

interface Hit {
  path: string;
  text: string;
  score: number;
  id: string;
  commit: string | null;
}

const recall = async (dir: string, args: string[], env = {}) =>
  parseJson<Hit[]>(ok(await runnerIn(dir)(['recall', ...args, '--json'], { env })).stdout);
const indexFile = (dir: string) => path.join(gitdirOf(dir), 'state', 'recall-index.bin');
/** The tree the cached index is of, as recall reads it. */
const indexedTree = (dir: string) => decodeIndex(RECALL_INDEX_FORMAT, bytesIn(fs.readFileSync(indexFile(dir))))?.tree;

describe('memoir recall', () => {
  it('answers a question worded unlike the fact, best first, as {path, text, score, id, commit, recordedAt, when}', async () => {
    const dir = repo();
    const hits = await recall(dir, ['what does she drink in the morning?']);
    expect(hits[0]).toEqual({
      path: 'preferences.food.drinks',
      text: FACTS[0].text,
      score: expect.any(Number),
      id: expect.stringMatching(/^[0-9a-f]{10}$/),
      commit: gitIn(dir, ['rev-parse', 'main~1']).trim(),
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      when: null,
    });
    expect(hits.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
    // provenance: the commit that recorded each fact
    const diet = (await recall(dir, ['is the cat on a special diet?']))[0];
    expect(diet).toMatchObject({
      text: 'Pixel is on a special kidney diet',
      commit: gitIn(dir, ['rev-parse', 'main']).trim(),
    });
  });

  it('returns -k facts at most, and only under --path', async () => {
    const dir = repo();
    expect(await recall(dir, ['cat', '-k', '1'])).toHaveLength(1);
    const underPets = await recall(dir, ['what is the cat called and what does it eat?', '--path', 'relationships']);
    expect(underPets.map((h) => h.text).sort()).toEqual([
      'Pixel is on a special kidney diet',
      'We have a grey cat called Pixel',
    ]);
    expect((await recall(dir, ['what is the cat called?', '--path', 'preferences.ui'])).map((h) => h.path)).toEqual([]);
  });

  it('caches the index keyed by the tree, and rebuilds it when the tree changes', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    await recall(dir, ['cat']);
    const tree = gitIn(dir, ['rev-parse', 'main^{tree}']).trim();
    expect(indexedTree(dir)).toBe(tree);
    ok(await run(['add', 'My shell is fish', '-p', 'preferences.tools.shell', '--commit']));
    expect((await recall(dir, ['which shell?']))[0].text).toBe('My shell is fish');
    expect(indexedTree(dir)).toBe(gitIn(dir, ['rev-parse', 'main^{tree}']).trim());
  });

  it('rebuilds an index that is unreadable, from another version, or for another tree, with the same answers', async () => {
    const dir = repo();
    const expected = await recall(dir, ['what is the cat called?']);
    const good = fs.readFileSync(indexFile(dir));
    const header = 8 + good.readUInt32LE(4);
    const damaged = Buffer.from(good);
    damaged.fill(0xff, header + 8, header + 24); // leaf numbers no leaf has
    for (const broken of [
      '{"format": 2, "tree": "x',
      JSON.stringify({ format: 9, tree: 'x', corpus: {} }),
      'MRI1 not an index',
      good.subarray(0, Math.floor(good.length / 2)),
      damaged,
      '',
    ]) {
      fs.writeFileSync(indexFile(dir), broken);
      expect(await recall(dir, ['what is the cat called?'])).toEqual(expected);
    }
    fs.writeFileSync(path.join(gitdirOf(dir), 'state', 'recall-leaves.json'), 'not json');
    expect(await recall(dir, ['what is the cat called?'])).toEqual(expected);
  });

  // spawns on purpose: separate processes race to build the same cache
  it('survives processes building the index at once: every answer right, the cache whole', async () => {
    const dir = repo();
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => memoirAsync(['recall', 'what is the cat called?', '--json'], { cwd: dir })),
    );
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(parseJson<Hit[]>(run.stdout)[0].text).toBe('We have a grey cat called Pixel');
    }
    expect(indexedTree(dir)).toBe(gitIn(dir, ['rev-parse', 'main^{tree}']).trim());
    expect(fs.readdirSync(path.join(gitdirOf(dir), 'state', 'tmp'))).toEqual([]);
  });

  it('searches an older revision with --at without replacing the current index', async () => {
    const dir = repo();
    await recall(dir, ['cat']);
    const cached = fs.readFileSync(indexFile(dir));
    const then = await recall(dir, ['is the cat on a special diet?', '--at', 'HEAD~1']);
    expect(then.map((h) => h.text)).not.toContain('Pixel is on a special kidney diet');
    expect(fs.readFileSync(indexFile(dir)).equals(cached)).toBe(true);
    expect(jsonError(await runnerIn(dir)(['recall', 'cat', '--at', 'nope', '--json'])).code).toBe('unknown-revision');
  });

  it('prints tab-separated records without a terminal: score, id, path, text, commit', async () => {
    const dir = repo();
    const lines = ok(await runnerIn(dir)(['recall', 'grey cat', '-k', '2']))
      .stdout.trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    const [score, id, leaf, text, commit] = lines[0].split('\t');
    expect(Number(score)).toBeGreaterThan(0);
    expect(id).toMatch(/^[0-9a-f]{10}$/);
    expect(leaf).toBe('relationships.pets.animals');
    expect(text).toBe('We have a grey cat called Pixel');
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('says so on stderr, exit 0, when nothing matches or nothing is committed', async () => {
    const dir = repo();
    const none = ok(await runnerIn(dir)(['recall', 'zzzqqq xyzzy']));
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('no fact matches');
    fs.rmSync(path.join(gitdirOf(dir), 'refs', 'heads', 'main'));
    fs.rmSync(path.join(gitdirOf(dir), 'packed-refs'), { force: true });
    expect(ok(await runnerIn(dir)(['recall', 'cat'])).stderr).toContain('no commits yet');
    expect(await recall(dir, ['cat'])).toEqual([]);
  });

  it('rejects bad usage with exit 2: empty question, bad -k, unknown prefix, unknown --rerank', async () => {
    const dir = repo();
    const run = runnerIn(dir);
    for (const [args, code] of [
      [['recall', ' '], 'missing-question'],
      [['recall', 'cat', '-k', 'many'], 'invalid-count'],
      [['recall', 'cat', '-k', '0'], 'invalid-count'],
      [['recall', 'cat', '--path', 'preferencez'], 'unknown-path'],
      [['recall', 'cat', '--rerank', 'magic'], 'invalid-rerank'],
    ] as const) {
      const result = await run([...args, '--json']);
      expect(result.code, args.join(' ')).toBe(2);
      expect(jsonError(result).code).toBe(code);
    }
  });
});

describe('memoir recall --rerank llm', () => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('fails with exit 5 and a hint when no model is configured', async () => {
    const dir = repo();
    const result = await runnerIn(dir)(['recall', 'cat', '--rerank', 'llm', '--json'], {
      env: { OPENAI_API_KEY: undefined },
    });
    expect(result.code).toBe(5);
    const error = jsonError(result);
    expect(error.code).toBe('reranker-unavailable');
    expect(error.hint).toContain('MEMOIR_CLASSIFIER_PROVIDER=openai');
    const keyless = await runnerIn(dir)(['recall', 'cat', '--rerank', 'llm', '--json'], {
      env: { OPENAI_API_KEY: undefined, MEMOIR_CLASSIFIER_PROVIDER: 'openai' },
    });
    expect(keyless.code).toBe(5);
    expect(jsonError(keyless).hint).toContain('OPENAI_API_KEY');
    const offline = await runnerIn(dir)(['recall', 'cat', '--rerank', 'llm', '--json'], {
      env: { OPENAI_API_KEY: 'sk-test', MEMOIR_CLASSIFIER_PROVIDER: 'offline' },
    });
    expect(offline.code).toBe(5);
    expect(jsonError(offline).message).toContain('offline');
  });

  it('reorders the candidates as the configured model says, through the OpenAI-compatible client', async () => {
    const dir = repo();
    const plain = await recall(dir, ['what does she eat and drink?']);
    expect(plain.length).toBeGreaterThanOrEqual(2);
    // the model puts the second candidate first
    server = await startServer(() => ({ json: completion(JSON.stringify({ order: [2, 1] })) }));
    const result = await memoirIn(['recall', 'what does she eat and drink?', '--rerank', 'llm', '--json'], {
      cwd: dir,
      env: {
        MEMOIR_CLASSIFIER_PROVIDER: 'openai',
        MEMOIR_CLASSIFIER_BASE_URL: server.baseURL,
        MEMOIR_CLASSIFIER_MODEL: 'test-model',
      },
    });
    expect(result.code, result.stderr).toBe(0);
    const reranked = parseJson<Hit[]>(result.stdout);
    expect(reranked[0].text).toBe(plain[1].text);
    expect(reranked[1].text).toBe(plain[0].text);
    expect(server.requests).toHaveLength(1);
    const body = server.requests[0].body;
    expect(body.model).toBe('test-model');
    expect(body.messages.at(-1).content).toContain('what does she eat and drink?');
    expect(body.messages.at(-1).content).toContain(plain[0].text);
  });

  it("falls back to its own order with a warning when the model's reply is unusable or the endpoint is down: reranking is never a dependency", async () => {
    const dir = repo();
    const plain = await recall(dir, ['cat']);
    server = await startServer(() => ({ json: completion('I think the first one') }));
    const unusable = await memoirIn(['recall', 'cat', '--rerank', 'llm', '--json'], {
      cwd: dir,
      env: { MEMOIR_CLASSIFIER_PROVIDER: 'openai', MEMOIR_CLASSIFIER_BASE_URL: server.baseURL },
    });
    expect(unusable.code, unusable.stderr).toBe(0);
    expect(parseJson<Hit[]>(unusable.stdout).map((h) => h.text)).toEqual(plain.map((h) => h.text));
    const warning = unusable.stderr
      .trim()
      .split('\n')
      .map((line) => parseJson<{ warning?: string; code?: string }>(line))
      .find((w) => w.warning);
    expect(warning).toMatchObject({ warning: 'not-reranked', code: 'classifier-bad-response' });
    const url = server.baseURL;
    await server.close();
    server = undefined;
    const down = await memoirIn(['recall', 'cat', '--rerank', 'llm'], {
      cwd: dir,
      env: { MEMOIR_CLASSIFIER_PROVIDER: 'openai', MEMOIR_CLASSIFIER_BASE_URL: url, MEMOIR_CLASSIFIER_RETRIES: '0' },
    });
    expect(down.code).toBe(0);
    expect(down.stderr).toContain('warning: not reranked');
    expect(down.stderr).toContain(url);
    expect(down.stdout.trim().split('\n')).toHaveLength(plain.length);
  });
});
