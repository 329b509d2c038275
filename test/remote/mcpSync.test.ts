import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { ok, revParse } from '../helpers/e2e.js';
import { memoirIn, runIn } from '../helpers/inProcess.js';
import { call, connect } from '../helpers/mcp.js';

/*
 * An agent syncing its memory over MCP (the SDK's client against `memoir mcp`): push, pull, and a
 * pull that conflicts, left in progress for a person. The remote is a bare repository on disk.
 */

async function cloneOf(remote: string): Promise<string> {
  const dir = tempDir();
  ok(await memoirIn(['clone', remote, '.'], { cwd: dir }));
  return dir;
}

// spawns on purpose: the MCP server is a process the SDK's client talks to over stdio
describe('memoir_pull and memoir_push', () => {
  it('push and pull sync two agents; a conflicting pull is reported and left for a person', async () => {
    const remote = path.join(tempDir(), 'memory.git');
    execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', remote]);
    const a = await cloneOf(remote);
    const b = await cloneOf(remote);
    const agentA = (await connect(a)).client;
    const agentB = (await connect(b)).client;

    ok(await runIn(a, ['add', '--yes', '--commit', 'I prefer dark mode in every app']));
    const pushed = await call(agentA, 'memoir_push', { setUpstream: true });
    expect(pushed.isError).toBe(false);
    expect(pushed.body.branches).toMatchObject([{ branch: 'main', kind: 'new' }]);

    const pulled = await call(agentB, 'memoir_pull', { remote: 'origin', branch: 'main' });
    expect(pulled.body).toMatchObject({ remote: 'origin', branch: 'main', status: 'fast-forward' });
    expect(revParse(b)).toBe(revParse(a));

    ok(await runIn(a, ['add', '--yes', '--commit', 'I prefer light mode in every app']));
    expect((await call(agentA, 'memoir_push', {})).isError).toBe(false);
    ok(await runIn(b, ['add', '--yes', '--commit', 'I prefer a sepia theme in every app']));
    const refused = await call(agentB, 'memoir_push', {});
    expect(refused).toMatchObject({ isError: true, body: { code: 'push-rejected' } });

    const conflicted = await call(agentB, 'memoir_pull', { remote: 'origin', branch: 'main' });
    expect(conflicted.body.status).toBe('conflicts');
    expect(conflicted.body.conflicts[0]).toMatchObject({ path: 'preferences.ui.theme' });
    const status = JSON.parse(ok(await runIn(b, ['status', '--json'])).stdout);
    expect(status.merge).not.toBeNull();
  });
});
