import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach } from 'vitest';
import { BIN, testEnv } from './cli.js';

// `memoir mcp` driven by the SDK's own client over stdio, as an agent would.

interface ToolText {
  isError?: boolean;
  content: Array<{ type: string; text: string }>;
}

const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
});

/** Starts `memoir [args] mcp` in `cwd` and connects a client; closed after the test. */
export async function connect(
  cwd: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...args, 'mcp'],
    cwd,
    env: testEnv(cwd, env) as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d) => (stderr += d));
  const client = new Client({ name: 'memoir-test', version: '1.0.0' });
  await client.connect(transport);
  clients.push(client);
  return { client, stderr: () => stderr };
}

/** Calls a tool; its result (or tool error) parsed from the JSON text it returns. */
export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  options: { timeout?: number } = {},
): Promise<{ isError: boolean; body: any }> {
  const result = (await client.callTool({ name, arguments: args }, undefined, options)) as ToolText;
  return { isError: Boolean(result.isError), body: JSON.parse(result.content[0].text) };
}
