import { afterEach, describe, expect, it } from 'vitest';
import { batchReply, factsOf, modelEnv, startServer, type FakeServer } from '../classify/helpers.js';
import { memoirAsync, parseJson } from '../helpers/cli.js';
import { initRepoIn } from '../helpers/inProcess.js';

/*
 * Paths the model answers outside the taxonomy are dropped, and said: `invented` in the --json
 * of classify (per fact) and add (the facts concerned, with their paths). The key never shows.
 */

const KEY = 'sk-test-secret-0123456789';
const THEME = 'preferences.ui.theme';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const model = (baseURL: string) => modelEnv(baseURL, KEY);
const answers = (request: { body: any }) =>
  batchReply(
    factsOf(request.body).map((fact) => ({
      candidates: fact.includes('dark')
        ? [
            { path: 'preferences.ui.dark_mode', confidence: 0.9 },
            { path: THEME, confidence: 0.8 },
          ]
        : [{ path: 'preferences.tools.editor', confidence: 0.9 }],
    })),
  );

describe('invented paths in --json', () => {
  it('classify --json lists them per fact (an empty list when there are none)', async () => {
    server = await startServer(answers);
    const dir = await initRepoIn();
    const result = await memoirAsync(['classify', '-', '--json'], {
      cwd: dir,
      input: 'I like dark mode\nI use Neovim\n',
      env: model(server.baseURL),
    });
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => parseJson<{ text: string; invented: string[]; candidates: Array<{ path: string }> }>(l));
    expect(lines.map((l) => [l.text, l.candidates[0].path, l.invented])).toEqual([
      ['I like dark mode', THEME, ['preferences.ui.dark_mode']],
      ['I use Neovim', 'preferences.tools.editor', []],
    ]);
    expect(server.requests).toHaveLength(1); // both facts in one request
    expect(result.stdout + result.stderr).not.toContain(KEY.slice(3));
  });

  it('add --json lists the facts concerned with their invented paths', async () => {
    server = await startServer(answers);
    const dir = await initRepoIn();
    const result = await memoirAsync(['add', '-', '--yes', '--json'], {
      cwd: dir,
      input: 'I like dark mode\nI use Neovim\n',
      env: model(server.baseURL),
    });
    expect(result.code).toBe(0);
    const json = parseJson<{ staged: Array<{ path: string }>; invented: unknown }>(result.stdout);
    expect(json.staged.map((s) => s.path)).toEqual([THEME, 'preferences.tools.editor']);
    expect(json.invented).toEqual([{ text: 'I like dark mode', paths: ['preferences.ui.dark_mode'] }]);
    expect(result.stdout + result.stderr).not.toContain(KEY.slice(3));
  });
});
