import type { IO } from '../../src/io/io.js';
import { runProgram } from '../../src/program.js';
import { MemoirError } from '../../src/errors/index.js';
import { BIN, testEnv, type RunResult } from './cli.js';
import { gitdirOf, type Env } from './e2e.js';

/**
 * `memoir <args>` in-process against the repository of `dir` (a few ms instead of a spawn's
 * ~0.2 s): the test environment for the call only, a pipe (or a terminal, without colour), and a MemoirError mapped
 * to its exit code as cli.ts does. `errorCode` is the error's `code`.
 */
export async function runIn(
  dir: string,
  args: string[],
  env: Env = {},
  terminal = false,
): Promise<RunResult & { errorCode?: string }> {
  const saved = { ...process.env };
  const wanted = testEnv(dir, env);
  for (const key of Object.keys(process.env)) if (!(key in wanted)) delete process.env[key];
  Object.assign(process.env, wanted);
  let stdout = '';
  let stderr = '';
  const io: IO = {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    readStdin: async () => new Uint8Array(),
    stdinIsTTY: false,
    stdoutIsTTY: terminal,
    color: false,
    errColor: false,
    canPrompt: false,
    columns: 100,
    json: args.includes('--json'),
  };
  try {
    const code = await runProgram(io, [process.execPath, BIN, '--memoir-dir', gitdirOf(dir), ...args]);
    return { code, stdout, stderr };
  } catch (error) {
    if (!(error instanceof MemoirError)) throw error;
    return { code: error.exitCode, stdout, stderr: stderr + error.message + '\n', errorCode: error.code };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
