import { spawn } from 'node:child_process';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../src/mcp/limitLines.js';
import { BIN, initRepo, testEnv } from '../helpers/cli.js';
import { readStageFile, revParse } from '../helpers/e2e.js';
import { call, connect } from '../helpers/mcp.js';

// One JSON-RPC message of 20 MB used to end (or wedge) `memoir mcp`. Messages are limited to
// MAX_MESSAGE_BYTES (1 MiB): a larger request is answered with a JSON-RPC "invalid request"
// error and the server goes on serving the next one; the big message is never held in memory.

const HUGE = 20 * 1024 * 1024;

describe('with the SDK client (the id comes last in its messages)', () => {
  it('a 20 MB request: error -32600 naming the limit, then the next request is served', async () => {
    const dir = initRepo();
    const { client, stderr } = await connect(dir);
    const error = await client
      .callTool(
        { name: 'memoir_remember', arguments: { content: 'x'.repeat(HUGE), path: 'preferences.ui.theme' } },
        undefined,
        { timeout: 20_000 },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(McpError);
    expect((error as McpError).code).toBe(ErrorCode.InvalidRequest);
    expect((error as McpError).data).toMatchObject({ limit: MAX_MESSAGE_BYTES });
    expect(stderr()).toContain('dropped a message');
    const next = await call(
      client,
      'memoir_remember',
      { content: 'Likes green tea', path: 'preferences.food.drinks' },
      { timeout: 10_000 },
    );
    expect(next.body).toMatchObject({ status: 'committed' });
    expect(revParse(dir)).toBe(next.body.commit);
  });

  it('a message just under the limit still reaches the tool (which refuses an over-long fact itself)', async () => {
    const dir = initRepo();
    const { client } = await connect(dir);
    const long = await call(
      client,
      'memoir_remember',
      { content: 'y'.repeat(MAX_MESSAGE_BYTES - 1000), path: 'preferences.ui.theme' },
      { timeout: 20_000 },
    );
    expect(long.body).toMatchObject({ code: 'too-long', exitCode: 2 });
    expect(readStageFile(dir).ops).toEqual([]);
  });
});

/** Runs `memoir mcp`, writes raw lines to it, and collects the JSON-RPC messages it answers until `until` says stop. */
function rawSession(
  dir: string,
  lines: string[],
  until: (replies: Array<Record<string, any>>) => boolean,
): Promise<{ replies: Array<Record<string, any>>; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'mcp'], { cwd: dir, env: testEnv(dir) });
    const replies: Array<Record<string, any>> = [];
    let buffer = '';
    const timer = setTimeout(() => child.kill(), 20_000);
    child.stdout.on('data', (d) => {
      buffer += d;
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
        replies.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
      }
      if (until(replies)) child.stdin.end();
    });
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ replies, code });
    });
    for (const line of lines) child.stdin.write(line + '\n');
  });
}

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const initialized = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });
const ls = (id: number) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'memoir_ls', arguments: {} } });

describe('with a client that puts the id first', () => {
  it('a huge request is answered with its id; a huge notification is dropped unanswered; serving goes on; exit 0 at the end', async () => {
    const dir = initRepo();
    const hugeRequest = JSON.stringify({
      jsonrpc: '2.0',
      id: 'big-1',
      method: 'tools/call',
      params: { name: 'memoir_remember', arguments: { content: 'x'.repeat(HUGE) } },
    });
    const hugeNotification = JSON.stringify({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { note: 'z'.repeat(2 * MAX_MESSAGE_BYTES) },
    });
    const { replies, code } = await rawSession(
      dir,
      [initialize, initialized, hugeRequest, hugeNotification, ls(2)],
      (r) => r.some((m) => m.id === 2),
    );
    expect(replies.map((r) => r.id)).toEqual([0, 'big-1', 2]);
    expect(replies[1].error).toMatchObject({ code: -32600, data: { limit: MAX_MESSAGE_BYTES } });
    expect(replies[2].result.content[0].text).toBe('[]');
    expect(code).toBe(0);
  });
});
