import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initRepo, memoir, ROOT, tempDir, testEnv } from '../helpers/cli.js';

/** The bundle's files a command loads (dist/cli.cjs, dist/chunks/…), by name without their hash. */
function chunksLoaded(args: string[], cwd: string): string[] {
  const script = `
    process.on('exit', () => {
      const files = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(path.join(ROOT, 'dist'))}));
      process.stderr.write('\\nLOADED ' + JSON.stringify(files.map((f) => require('node:path').basename(f))));
    });
    process.argv = [process.argv[0], 'memoir', ...${JSON.stringify(args)}];
    require(${JSON.stringify(path.join(ROOT, 'dist', 'cli.cjs'))}).main();`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd, env: testEnv(cwd), encoding: 'utf8' });
  const line = result.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (result.status !== 0 || !line) throw new Error(`memoir ${args.join(' ')} failed: ${result.stderr}`);
  return (JSON.parse(line.slice('LOADED '.length)) as string[]).map((f) => f.replace(/-[\w-]{8}\.cjs$/, '')).sort();
}

describe('the bundle', () => {
  // scripts/bundle.mjs keeps what these reads need in one chunk: one that reached a use case,
  // renderer or store module of another command would load every other command's code too
  it('loads the entry, the shared chunk and the command tree for the commonest reads, nothing more', () => {
    const dir = initRepo();
    expect(memoir(['add', 'I prefer dark mode', '--path', 'preferences.ui.theme', '--commit'], { cwd: dir }).code).toBe(
      0,
    );
    const reads = [['get', 'preferences.ui.theme'], ['log', '-n', '20'], ['status'], ['ls']];
    for (const args of reads)
      expect(chunksLoaded(args, dir), args.join(' ')).toEqual(['cli.cjs', 'program', 'rolldown-runtime', 'shared']);
  });

  // the other reads: their code beyond "shared" is a chunk of its own (scripts/bundle.mjs)
  it("loads no writer's code for recall, context, diff, blame and show", () => {
    const dir = initRepo();
    expect(memoir(['add', 'I prefer dark mode', '--path', 'preferences.ui.theme', '--commit'], { cwd: dir }).code).toBe(
      0,
    );
    expect(
      memoir(['add', 'I prefer light mode', '--path', 'preferences.ui.theme', '--commit'], { cwd: dir }).code,
    ).toBe(0);
    const reads = [
      ['recall', 'which theme?'],
      ['context', '--query', 'theme'],
      ['diff', 'HEAD~1', 'HEAD'],
      ['blame', 'preferences.ui.theme'],
      ['show', 'HEAD'],
    ];
    for (const args of reads) {
      const loaded = chunksLoaded(args, dir);
      expect(loaded, args.join(' ')).toContain('reads');
      expect(loaded, args.join(' ')).not.toContain('commands');
      expect(loaded, args.join(' ')).not.toContain('writes');
    }
  });

  // the everyday writes: their code beyond "shared" and "reads" is "writes", not every command's
  it('loads neither remotes, forget nor capture for add, commit and merge', () => {
    const dir = initRepo();
    expect(memoir(['add', 'I prefer dark mode', '--path', 'preferences.ui.theme'], { cwd: dir }).code).toBe(0);
    expect(memoir(['commit', '-m', 'theme'], { cwd: dir }).code).toBe(0);
    expect(memoir(['branch', 'side'], { cwd: dir }).code).toBe(0);
    const writes = [
      ['add', 'We have a cat named Miso', '--path', 'relationships.pets.animals'],
      ['commit', '-m', 'a cat'],
      ['merge', 'side'],
    ];
    for (const args of writes) {
      const loaded = chunksLoaded(args, dir);
      expect(loaded, args.join(' ')).toContain('writes');
      expect(loaded, args.join(' ')).not.toContain('commands');
    }
  });

  // the root help lists the commands from dist/data/root-help.json (src/runtime/rootHelp.ts)
  it("loads no command's code for the root help", () => {
    const dir = tempDir();
    for (const args of [['--help'], ['-h'], ['help']])
      expect(chunksLoaded(args, dir), args.join(' ')).toEqual(['cli.cjs', 'program', 'rolldown-runtime', 'shared']);
  });
});
