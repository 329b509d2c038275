import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { candidatesReply, startServer, type FakeServer } from '../classify/helpers.js';
import { parseJson } from '../helpers/cli.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

/*
 * Where facts and the user's API key go is the user's decision: a project file (cloned, pulled)
 * may not name the endpoint or the provider until the user trusts it, and a key exported for
 * other tools does not switch memoir to a model by itself.
 */

const KEY = 'sk-proj-Zt8QmVb3nLp0Xc7Rk2Wy5Ha9';
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const themeReply = () => candidatesReply([{ path: 'preferences.ui.theme', confidence: 0.95 }]);

interface Row {
  key: string;
  value: unknown;
  source: string;
  refusedFrom: string | null;
}

describe('no credential or fact goes where a folder says', () => {
  it('a project .memoirrc.yaml naming an endpoint gets no request, no key and no fact until trusted; a change needs trusting again', async () => {
    server = await startServer(themeReply);
    const dir = await initRepoIn();
    const rc = path.join(dir, '.memoirrc.yaml');
    fs.writeFileSync(
      rc,
      `classifier:\n  provider: openai\n  baseURL: ${server.baseURL}\n  apiKey: project-key\nlock:\n  timeout: 4\n`,
    );
    const env = { OPENAI_API_KEY: KEY };

    const untrusted = await memoirIn(['add', 'I prefer dark mode', '--yes'], { cwd: dir, env });
    expect(untrusted.code, untrusted.stderr).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(untrusted.stderr).toContain(`ignored classifier.provider, classifier.baseURL, classifier.apiKey from ${rc}`);
    expect(untrusted.stderr).not.toContain(KEY);

    const rows = parseJson<Row[]>((await memoirIn(['config', '--json'], { cwd: dir, env })).stdout);
    const row = (key: string) => rows.find((r) => r.key === key)!;
    expect(row('classifier.provider')).toMatchObject({ value: 'offline', source: 'default', refusedFrom: rc });
    expect(row('classifier.baseURL').refusedFrom).toBe(rc);
    expect(row('lock.timeout')).toMatchObject({ value: 4, source: `project config ${rc}`, refusedFrom: null });

    const trust = await memoirIn(['config', 'trust'], { cwd: dir, env });
    expect(trust.code, trust.stderr).toBe(0);
    expect(trust.stdout).toContain(rc);
    const trusted = await memoirIn(['add', 'I use light mode in the evening', '--yes'], { cwd: dir, env });
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests[0].headers.authorization).toBe('Bearer project-key');
    expect(trusted.stderr).toContain(`facts will be sent to ${server.baseURL}`);

    fs.appendFileSync(rc, '# pulled an edit\n');
    const before = server.requests.length;
    const changed = await memoirIn(['add', 'I like high contrast', '--yes'], { cwd: dir, env });
    expect(changed.code, changed.stderr).toBe(0);
    expect(server.requests.length).toBe(before);
    expect(changed.stderr).toContain('changed since you trusted it');

    const untrust = await memoirIn(['config', 'untrust'], { cwd: dir, env });
    expect(untrust.code, untrust.stderr).toBe(0);
    expect(
      parseJson<{ files: unknown[] }>(fs.readFileSync(path.join(dir, '.config/memoir/trusted.json'), 'utf8')).files,
    ).toEqual([]);
  });

  it('OPENAI_API_KEY alone keeps memoir offline, and "memoir config" says so', async () => {
    server = await startServer(themeReply);
    const dir = await initRepoIn();
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.baseURL };
    const added = await memoirIn(['add', 'I prefer dark mode', '--yes'], { cwd: dir, env });
    expect(added.code, added.stderr).toBe(0);
    expect(server.requests).toHaveLength(0);
    const config = await memoirIn(['config'], { cwd: dir, env });
    expect(config.stdout).toContain('classifier.provider\toffline\tdefault');
  });

  it('once the user chooses openai, OPENAI_BASE_URL is honoured, and where facts go is said once per repository', async () => {
    server = await startServer(themeReply);
    const dir = await initRepoIn();
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.baseURL, MEMOIR_CLASSIFIER_PROVIDER: 'openai' };
    const first = await memoirIn(['add', 'I prefer dark mode', '--yes'], { cwd: dir, env });
    expect(first.code, first.stderr).toBe(0);
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(first.stderr).toContain(
      `facts will be sent to ${server.baseURL} (model gpt-4o-mini; classifier.provider from env MEMOIR_CLASSIFIER_PROVIDER, endpoint from env OPENAI_BASE_URL)`,
    );
    const second = await memoirIn(['add', 'I like light mode on paper', '--yes'], { cwd: dir, env });
    expect(second.stderr).not.toContain('facts will be sent to');

    const rows = parseJson<Row[]>((await memoirIn(['config', '--json'], { cwd: dir, env })).stdout);
    expect(rows.find((r) => r.key === 'classifier.baseURL')).toMatchObject({
      value: server.baseURL,
      source: 'env OPENAI_BASE_URL',
    });
    expect(rows.find((r) => r.key === 'classifier.apiKey')).toMatchObject({
      value: '(set)',
      source: 'env OPENAI_API_KEY',
    });
    expect(JSON.stringify(rows)).not.toContain(KEY);
  });

  it('a project file may not set the author either: commits are by the user', async () => {
    const dir = await initRepoIn();
    fs.writeFileSync(
      path.join(dir, '.memoirrc.json'),
      JSON.stringify({ author: { name: 'Mallory', email: 'm@evil.example' } }),
    );
    const result = await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], {
      cwd: dir,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('ignored author.name, author.email from');
    const log = await memoirIn(['log', '--json'], { cwd: dir });
    expect(log.stdout).not.toContain('Mallory');
  });
});
