import { createIO } from '../io/io.js';
import { createContext } from '../runtime/context.js';
import { buildProgram, commandNameOf } from '../program.js';
import { VERSION } from '../version.js';
import { complete, completionLines, positionOf } from './complete.js';
import type { Sources } from './values.js';

/**
 * Answers `memoir __complete <words...>` on stdout: the candidates, one a line. Whatever goes
 * wrong, it prints nothing else and nothing on stderr: the shell would show it mid-line.
 */
export async function runCompletion(words: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  try {
    // nothing reaches the streams: a config warning or an error would land on the shell's line
    const silent = { ...createIO({ env: {}, json: true }), out: () => undefined, err: () => undefined };
    const context = createContext(silent, env, cwd, VERSION);
    const program = await buildProgram(context, commandNameOf(words.slice(0, -1)));
    // the repository and taxonomy as the command would find them (--memoir-dir among the words, MEMOIR_DIR)
    context.globals = { memoirDir: positionOf(program, words.slice(0, -1)).memoirDir };
    const sources: Sources = { taxonomy: () => context.taxonomy(), memory: () => context.memory() };
    return completionLines(await complete(program, words, sources));
  } catch {
    return '';
  }
}
