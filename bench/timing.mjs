// What memoir's whole-process benchmarks share (bench/run.mjs, bench/scale.mjs): the built CLI,
// the environment it runs in, a process timed from spawn to exit, medians, and the key of a
// build under which a benchmark caches the repositories it made.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = join(root, 'bin', 'memoir.js');

export const env = {
  ...process.env,
  MEMOIR_AUTHOR_NAME: 'Bench',
  MEMOIR_AUTHOR_EMAIL: 'bench@example.com',
  NO_COLOR: '1',
};
delete env.MEMOIR_DIR;

/** Runs `node <args>` to its exit: the wall time from spawn to exit, and stdout. Throws unless it exits 0. */
export function run(args, cwd, input) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, env, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

export const memoir = (args, cwd, input) => run([bin, ...args], cwd, input);

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * A hash of the build in dist/ (every file but the source maps), 12 hex digits: a benchmark
 * repository made by one build is reused until the build changes.
 */
export function distKey() {
  const hash = createHash('sha1');
  const dist = join(root, 'dist');
  for (const file of readdirSync(dist, { recursive: true }).map(String).sort()) {
    if (file.endsWith('.map')) continue;
    const path = join(dist, file);
    try {
      hash.update(file).update(readFileSync(path));
    } catch (error) {
      if (error.code !== 'EISDIR') throw error;
    }
  }
  return hash.digest('hex').slice(0, 12);
}

/** How many runs to time each command: `--runs N` on the command line, else `fallback`. */
export function runsOption(fallback) {
  const at = process.argv.indexOf('--runs');
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}
