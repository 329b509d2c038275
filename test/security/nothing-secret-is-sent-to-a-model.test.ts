import { afterEach, describe, expect, it } from 'vitest';
import { completion, startServer, type FakeServer } from '../classify/helpers.js';
import { memoirAsync, parseJson } from '../helpers/cli.js';
import { ok } from '../helpers/e2e.js';
import { nativeEdit } from '../helpers/merge.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

/*
 * What memoir sends to a model passes the same guard as what it stores: `recall --rerank llm`
 * refuses a question holding a credential before any request, and never sends a stored fact
 * that holds one (a fact written with plain git, which the guard never saw).
 */

const TOKEN = 'ghp_' + 'R8kq2ZfW7mNc4Lx9Tb1Vd6Hs3Jy0Pa5Ue2Gi';
const MODEL = { MEMOIR_CLASSIFIER_PROVIDER: 'openai', MEMOIR_CLASSIFIER_MODEL: 'test-model' };

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function repo(): Promise<string> {
  const dir = await initRepoIn();
  ok(
    await memoirIn(['add', '--commit', '--yes', '-p', 'setup.tools.cli', '-'], {
      cwd: dir,
      input: 'I use the gh CLI for pull requests\nI use ripgrep to search code\n',
    }),
  );
  return dir;
}

describe('recall --rerank llm sends nothing secret', () => {
  it('a question holding a token is refused with exit 4 before any request, and the token is not echoed', async () => {
    server = await startServer(() => ({ json: completion('{"order": [1]}') }));
    const dir = await repo();
    const result = await memoirAsync(['recall', `which CLI uses ${TOKEN}?`, '--rerank', 'llm'], {
      cwd: dir,
      env: { ...MODEL, MEMOIR_CLASSIFIER_BASE_URL: server.baseURL },
    });
    expect(result.code).toBe(4);
    expect(server.requests).toHaveLength(0);
    expect(result.stderr).toContain('a GitHub');
    expect(result.stdout + result.stderr).not.toContain(TOKEN.slice(4, 12));
  });

  it('a stored fact holding a token (written with plain git) is not sent; it stays among the results, last', async () => {
    server = await startServer(() => ({ json: completion('{"order": [1]}') }));
    const dir = await repo();
    nativeEdit(dir, 'main', 'setup.tools.cli', {
      'I use the gh CLI for pull requests': `I use the gh CLI with ${TOKEN} for pull requests`,
    });
    const result = await memoirAsync(
      ['recall', 'which CLI do I use for pull requests?', '--rerank', 'llm', '--json', '-k', '5'],
      { cwd: dir, env: { ...MODEL, MEMOIR_CLASSIFIER_BASE_URL: server.baseURL } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify(server.requests[0].body)).not.toContain(TOKEN);
    expect(JSON.stringify(server.requests[0].body)).toContain('ripgrep');
    const hits = parseJson<Array<{ text: string }>>(result.stdout);
    expect(hits.at(-1)!.text).toContain('gh CLI');
  });
});
