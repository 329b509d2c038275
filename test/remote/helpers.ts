import { execFileSync, spawn } from 'node:child_process';
import { buildSync } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../helpers/cli.js';

/*
 * A git credential helper for tests, set up the way a user would: in a global git config of a
 * temporary HOME (GIT_CONFIG_GLOBAL, no system config). It logs each call (`get`, `store`,
 * `erase`) with what git sent it, and answers `get` from a fixture file when there is one.
 */

export interface FakeHelper {
  /** The environment git and memoir run with: this HOME and config, the real PATH. */
  env: NodeJS.ProcessEnv;
  dir: string;
  /** The helper's calls so far, in order: `get`, `store`, `erase`. */
  calls(): string[];
  /** What git sent the helper on its last call of that kind, as key=value lines. */
  input(call: 'get' | 'store' | 'erase'): Record<string, string>;
  /** Sets what the helper answers to `get` (nothing: it answers nothing). */
  answer(attributes: Record<string, string> | undefined): void;
  /** A setting in the global config (credential.useHttpPath, …). */
  set(key: string, value: string): void;
}

export function fakeHelper(options: { helper?: boolean } = {}): FakeHelper {
  const dir = tempDir('memoir-credential-');
  const config = path.join(dir, 'gitconfig');
  fs.writeFileSync(config, '');
  const set = (key: string, value: string) => execFileSync('git', ['config', '--file', config, key, value]);
  const q = (file: string) => `'${path.join(dir, file)}'`;
  if (options.helper !== false)
    set(
      'credential.helper',
      `!f() { echo "$1" >> ${q('log')}; cat > ${q('input-')}"$1"; if [ "$1" = get ] && [ -f ${q('answer')} ]; then cat ${q('answer')}; fi; }; f`,
    );
  const read = (file: string) => {
    const full = path.join(dir, file);
    return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
  };
  return {
    env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1' },
    dir,
    calls: () => read('log').split('\n').filter(Boolean),
    input: (call) =>
      Object.fromEntries(
        read(`input-${call}`)
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      ),
    answer(attributes) {
      const file = path.join(dir, 'answer');
      if (!attributes) fs.rmSync(file, { force: true });
      else
        fs.writeFileSync(
          file,
          Object.entries(attributes)
            .map(([key, value]) => `${key}=${value}\n`)
            .join(''),
        );
    },
    set,
  };
}

/** A PATH with node but without git: a folder holding only a link to this node. */
export function pathWithoutGit(): string {
  const dir = tempDir('memoir-nogit-');
  fs.symlinkSync(process.execPath, path.join(dir, 'node'));
  return dir;
}

let scenarioBundle: string | undefined;

/**
 * Runs test/remote/fixtures/credentialScenario.ts in a process of its own (bundled once per test
 * file with esbuild, as the build does), for what only a process shows: its working directory,
 * and every byte on its stdout and stderr.
 */
export async function runCredentialScenario(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  url: string;
  discover?: boolean;
}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!scenarioBundle) {
    scenarioBundle = path.join(tempDir('memoir-scenario-'), 'scenario.mjs');
    buildSync({
      entryPoints: [path.join(import.meta.dirname, 'fixtures', 'credentialScenario.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: scenarioBundle,
      // isomorphic-git's CommonJS dependencies require Node's modules
      banner: {
        js: "import { createRequire as createRequireOfBanner } from 'node:module'; const require = createRequireOfBanner(import.meta.url);",
      },
      logLevel: 'error',
    });
  }
  const env = { ...options.env, SCENARIO_URL: options.url, ...(options.discover ? { SCENARIO_DISCOVER: '1' } : {}) };
  const child = spawn(process.execPath, [scenarioBundle], { cwd: options.cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
