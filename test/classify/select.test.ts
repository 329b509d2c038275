import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/select.js';
import { loadConfig } from '../../src/config/load.js';
import { findProjectConfig } from '../../src/config/projectConfig.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { batchReply, factsOf, startServer } from './helpers.js';

const taxonomy = builtinTaxonomy();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memoir-select-'));

async function classifierWith(env: Record<string, string>) {
  const config = await loadConfig({ cwd: dir, env: { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'xdg'), ...env } });
  return createClassifier({
    config,
    env,
    taxonomy,
    corrections: [],
    cacheDir: path.join(dir, 'cache'),
    warn: () => {},
  });
}

describe('createClassifier', () => {
  it.each([
    ['the default, without a key: offline', {}, 'offline'],
    ['the default, with OPENAI_API_KEY set for other tools: still offline', { OPENAI_API_KEY: 'sk-test' }, 'offline'],
    [
      'the default, with a classifier key: still offline until a provider is chosen',
      { MEMOIR_CLASSIFIER_API_KEY: 'k' },
      'offline',
    ],
    [
      'openai chosen, with OPENAI_API_KEY',
      { MEMOIR_CLASSIFIER_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test' },
      'openai:gpt-4o-mini',
    ],
    [
      'openai chosen, with classifier.apiKey and a model name',
      { MEMOIR_CLASSIFIER_PROVIDER: 'openai', MEMOIR_CLASSIFIER_API_KEY: 'k', MEMOIR_CLASSIFIER_MODEL: 'llama3.1' },
      'openai:llama3.1',
    ],
    [
      'openai chosen, OPENAI_BASE_URL as the server, no key',
      { MEMOIR_CLASSIFIER_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' },
      'openai:gpt-4o-mini',
    ],
    ['offline even with a key', { MEMOIR_CLASSIFIER_PROVIDER: 'offline', OPENAI_API_KEY: 'sk-test' }, 'offline'],
    [
      'openai without a key, for a local server',
      { MEMOIR_CLASSIFIER_PROVIDER: 'openai', MEMOIR_CLASSIFIER_BASE_URL: 'http://127.0.0.1:11434/v1' },
      'openai:gpt-4o-mini',
    ],
  ])('%s', async (_what, env, name) => {
    expect((await classifierWith(env)).name).toBe(name);
  });

  it('describes classifier.shortlist leaves of the offline ranking to the model', async () => {
    const server = await startServer((request) =>
      batchReply(
        factsOf(request.body).map(() => ({ candidates: [{ path: 'health.diet.allergies', confidence: 0.9 }] })),
      ),
    );
    try {
      const model = await classifierWith({
        MEMOIR_CLASSIFIER_PROVIDER: 'openai',
        MEMOIR_CLASSIFIER_BASE_URL: server.baseURL,
        MEMOIR_CLASSIFIER_SHORTLIST: '5',
      });
      await model.classify(['I am allergic to peanuts'], 3);
      const system: string = server.requests[0].body.messages[0].content;
      expect([...system.matchAll(/^[a-z_]+\.[a-z_]+\.[a-z_]+: /gm)]).toHaveLength(5);
    } finally {
      await server.close();
    }
  });

  it('openai without a key or a server is exit 5', async () => {
    await expect(classifierWith({ MEMOIR_CLASSIFIER_PROVIDER: 'openai' })).rejects.toMatchObject({
      code: 'classifier-no-key',
      exitCode: 5,
    });
  });

  it('builds the offline classifier once per taxonomy and corrections (memoir mcp classifies many times)', async () => {
    const config = await loadConfig({ cwd: dir, env: { HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'xdg') } });
    const make = (corrections: Array<{ text: string; path: string; at: string }>) =>
      createClassifier({ config, env: {}, taxonomy, corrections, warn: () => {} });
    const first = await make([]);
    expect(await make([])).toBe(first);
    const corrected = await make([
      { text: 'Tuesdays are hard', path: 'routine.weekly.activities', at: '2026-01-01T00:00:00Z' },
    ]);
    expect(corrected).not.toBe(first);
    expect((await corrected.classify(['Tuesdays are hard'], 3))[0].candidates[0].path).toBe(
      'routine.weekly.activities',
    );
    expect(
      await make([{ text: 'Tuesdays are hard', path: 'routine.weekly.activities', at: '2026-01-01T00:00:00Z' }]),
    ).toBe(corrected);
  });

  it('a bad provider is a configuration error', async () => {
    await expect(classifierWith({ MEMOIR_CLASSIFIER_PROVIDER: 'gpt' })).rejects.toMatchObject({
      code: 'invalid-config',
      exitCode: 2,
    });
  });
});

describe('findProjectConfig', () => {
  const project = (files: Record<string, string>) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'memoir-cfg-'));
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), content);
    }
    fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    return path.join(root, 'a', 'b');
  };
  it.each([
    ['.memoirrc.yaml at the project root', { 'package.json': '{}', '.memoirrc.yaml': 'x: 1' }, '.memoirrc.yaml'],
    ['memoir.config.mjs is code: never a config', { 'package.json': '{}', 'memoir.config.mjs': '' }, undefined],
    ['.config/memoirrc', { 'package.json': '{}', '.config/memoirrc': '' }, '.config/memoirrc'],
    ['a "memoir" key in package.json', { 'package.json': '{"name":"x","memoir":{}}' }, 'package.json'],
    ['a package.json without one', { 'package.json': '{"name":"x"}' }, undefined],
    [
      'a bin named memoir is not a config',
      { 'package.json': '{"name":"memoir","bin":{"memoir":"bin/memoir.js"}}' },
      undefined,
    ],
  ])('%s', (_what, files, expected) => {
    const cwd = project(files);
    const found = findProjectConfig(cwd).file;
    expect(found && path.relative(path.dirname(path.dirname(cwd)), found)).toBe(expected);
  });
  it("stops at the project root: a config above the nearest package.json is not this project's", () => {
    const cwd = project({ '.memoirrc.json': '{}', 'a/package.json': '{}' });
    expect(findProjectConfig(cwd).file).toBeUndefined();
  });
  it('stops at a .git or .memoir folder too, for projects without a package.json', () => {
    expect(findProjectConfig(project({ '.memoirrc.json': '{}', 'a/.git/HEAD': '' })).file).toBeUndefined();
    expect(findProjectConfig(project({ '.memoirrc.json': '{}', 'a/.memoir/HEAD': '' })).file).toBeUndefined();
  });
});
