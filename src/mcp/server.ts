import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { EXIT, MemoirError } from '../errors/index.js';
import { TOOLS, type Tool, type ToolDeps } from './tools.js';

/*
 * `memoir mcp`: the Model Context Protocol over stdio, with the official SDK (this module is
 * loaded only by that command). stdout is the protocol's; notices go to stderr. Tool calls
 * run one at a time (a promise queue), and writes also take the repository lock, so an MCP
 * client and the CLI never interleave. An error is a tool result with isError and the CLI's
 * {code, message, hint} and exit code.
 */

const INSTRUCTIONS =
  'memoir is version-controlled memory: facts about the user and their projects, each at a taxonomy leaf ' +
  '(category.subcategory.type). Call memoir_recall before answering questions that depend on the user or the project; ' +
  'call memoir_remember when you learn a durable fact (one fact per call; never secrets).';

export function toolResult(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] };
}

export function toolError(error: unknown): CallToolResult {
  const body =
    error instanceof MemoirError
      ? { ...error.toJSON(), exitCode: error.exitCode }
      : { code: 'internal-error', message: error instanceof Error ? error.message : String(error), hint: 'this is a bug in memoir; please report it', exitCode: EXIT.failure };
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(body, null, 2) }] };
}

/** Runs a tool: its result, or its error as a tool error; exit codes the CLI would give are reported with it. */
export async function callTool(tools: readonly Tool[], name: string, args: Record<string, unknown>, deps: ToolDeps): Promise<CallToolResult> {
  const tool = tools.find((t) => t.name === name);
  if (!tool) return toolError(new MemoirError('unknown-tool', `no tool named "${name}"`, { exitCode: EXIT.usage, hint: `the tools are ${tools.map((t) => t.name).join(', ')}` }));
  deps.context.exitCode = 0;
  try {
    return toolResult(await tool.run(args, deps));
  } catch (error) {
    return toolError(error);
  }
}

/** Serves until the client closes stdin. */
export async function serve(deps: ToolDeps, version: string, describe: string): Promise<void> {
  const server = new Server({ name: 'memoir', version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOLS.map(({ name, description, inputSchema, annotations }) => ({ name, description, inputSchema, annotations })),
  }));
  // one call at a time: the second waits for the first, whatever the client sends in parallel
  let queue: Promise<unknown> = Promise.resolve();
  server.setRequestHandler(CallToolRequestSchema, (request) => {
    const run = queue.then(() => callTool(TOOLS, request.params.name, request.params.arguments ?? {}, deps));
    queue = run.catch(() => undefined);
    return run;
  });
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport());
  deps.context.io.err(`memoir: MCP server on stdio for ${describe}\n`);
  await closed;
}
