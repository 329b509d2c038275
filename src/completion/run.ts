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
    const silent = createIO({ env: {}, json: false });
    const program = await buildProgram(createContext(silent, {}, cwd, VERSION), commandNameOf(words.slice(0, -1)));
    const memoirDir = positionOf(program, words.slice(0, -1)).memoirDir ?? (env.MEMOIR_DIR || undefined);
    return completionLines(await complete(program, words, sourcesFor(cwd, env, memoirDir)));
  } catch {
    return '';
  }
}

function sourcesFor(cwd: string, env: NodeJS.ProcessEnv, memoirDir: string | undefined): Sources {
  return {
    async taxonomy() {
      const [{ loadConfig }, { loadTaxonomy }] = await Promise.all([
        import('../config/load.js'),
        import('../config/taxonomy.js'),
      ]);
      return loadTaxonomy(await loadConfig({ cwd, env, flags: {} }), cwd);
    },
    async memory() {
      const [{ findRepository }, { Memory }] = await Promise.all([
        import('../store/repository.js'),
        import('../store/memory.js'),
      ]);
      return new Memory(findRepository(cwd, memoirDir));
    },
  };
}
