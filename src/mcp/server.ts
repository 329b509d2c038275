import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { EXIT, MemoirError, UsageError } from '../errors/index.js';
import type { IO } from '../io/io.js';
import { limitLines, MAX_MESSAGE_BYTES, type DroppedMessage } from './limitLines.js';
import { TOOLS, type Tool, type ToolDeps } from './tools.js';
import { processStream } from '../io/processStreams.js';

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
      : {
          code: 'internal-error',
          message: error instanceof Error ? error.message : String(error),
          hint: 'this is a bug in memoir; please report it',
          exitCode: EXIT.failure,
        };
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(body, null, 2) }] };
}

/** Runs a tool: its result, or its error as a tool error; exit codes the CLI would give are reported with it. */
export async function callTool(
  tools: readonly Tool[],
  name: string,
  args: Record<string, unknown>,
  deps: ToolDeps,
): Promise<CallToolResult> {
  const tool = tools.find((t) => t.name === name);
  if (!tool)
    return toolError(
      new UsageError('unknown-tool', `no tool named "${name}"`, {
        hint: `the tools are ${tools.map((t) => t.name).join(', ')}`,
      }),
    );
  deps.context.exitCode = EXIT.ok;
  try {
    return toolResult(await tool.run(args, deps));
  } catch (error) {
    return toolError(error);
  }
}

/**
 * The streams as tools see them while the server runs: stdin and stdout carry the protocol,
 * so nothing may read the one ("-" means standard input to `add`) or print to the other.
 */
export function protocolIO(io: IO): IO {
  const stdinUnavailable = new UsageError(
    'stdin-unavailable',
    'standard input carries the MCP protocol: a tool cannot read facts from it',
    {
      hint: 'give the fact itself, e.g. memoir_remember {"content": "Prefers dark mode"}',
    },
  );
  return {
    ...io,
    out: io.err,
    readStdin: () => Promise.reject(stdinUnavailable),
    stdinIsTTY: false,
    stdoutIsTTY: false,
    canPrompt: false,
  };
}

/** The answer to a request too large to read: a JSON-RPC "invalid request" error. */
function tooLarge(dropped: DroppedMessage, id: string | number) {
  return {
    jsonrpc: '2.0' as const,
    id,
    error: {
      code: -32600,
      message: `message too large: ${dropped.bytes} bytes; memoir mcp reads at most ${MAX_MESSAGE_BYTES} bytes (1 MiB) a message`,
      data: { bytes: dropped.bytes, limit: MAX_MESSAGE_BYTES },
    },
  };
}

/** Serves until the client closes stdin. */
export async function serve(deps: ToolDeps, version: string, describe: string): Promise<void> {
  deps.context.io = protocolIO(deps.context.io);
  // an agent's calls draw no progress line, even on a terminal's stderr
  deps.context.progress = undefined;
  const server = new Server({ name: 'memoir', version }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOLS.map(({ name, description, inputSchema, annotations }) => ({
      name,
      description,
      inputSchema,
      annotations,
    })),
  }));
  // one call at a time: the second waits for the first, whatever the client sends in parallel
  let queue: Promise<unknown> = Promise.resolve();
  server.setRequestHandler(CallToolRequestSchema, (request) => {
    const run = queue.then(() => callTool(TOOLS, request.params.name, request.params.arguments ?? {}, deps));
    queue = run.catch(() => undefined);
    return run;
  });
  const input = limitLines(MAX_MESSAGE_BYTES, (dropped) => {
    deps.context.io.err(`memoir: dropped a message of ${dropped.bytes} bytes (the limit is ${MAX_MESSAGE_BYTES})\n`);
    // a request is answered; a notification (or a message whose id cannot be found) is not
    if (dropped.id !== null) void transport.send(tooLarge(dropped, dropped.id));
  });
  const transport = new StdioServerTransport(process.stdin.pipe(input), processStream('stdout'));
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
    // the SDK's transport never notices the end of stdin: without this the process would end
    // with this await unsettled (exit 13). Calls still running finish and answer before it exits.
    input.once('end', () => resolve());
  });
  await server.connect(transport);
  deps.context.io.err(`memoir: MCP server on stdio for ${describe}\n`);
  await closed;
}
