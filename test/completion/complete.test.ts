import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCompletion } from '../../src/completion/run.js';
import { COMPLETION_SCRIPTS } from '../../src/completion/scripts.js';
import { BIN, memoir, tempDir, testEnv } from '../helpers/cli.js';
import { gitdirOf, readStageFile, repoTemplate } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

// Tab completion: the scripts hand the words to `memoir __complete`, which answers from the commander definitions and the repository.

const FOOD = 'preferences.food.cuisine';
const freshRepo = repoTemplate();
const valuesOf = (lines: string) =>
  lines
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t')[0]);

describe('memoir __complete', () => {
  let dir: string;
  let ramen: string;
  let sushi: string;
  const complete = async (...words: string[]) =>
    valuesOf(await runCompletion(words, { MEMOIR_DIR: gitdirOf(dir) }, dir));
  beforeAll(async () => {
    dir = freshRepo();
    await runIn(dir, ['add', 'Likes ramen', '-p', FOOD, '--commit']);
    await runIn(dir, ['branch', 'feature']);
    await runIn(dir, ['add', 'Likes sushi', '-p', FOOD]);
    const committed = await runIn(dir, ['get', FOOD, '--json']);
    ramen = (JSON.parse(committed.stdout) as Array<{ id: string }>)[0].id;
    sushi = readStageFile(dir).ops[0].fact.id;
  });

  it('completes command names, and the flags of the command typed (its own and the global ones)', async () => {
    expect(await complete('ch')).toEqual(['checkout']);
    expect(await complete('comp')).toEqual(['completion']);
    expect(await complete('commit', '--a')).toEqual(['--author']);
    expect(await complete('commit', '--')).toEqual(expect.arrayContaining(['--message', '--quiet', '--memoir-dir']));
    expect(await complete('--no-')).toEqual(expect.arrayContaining(['--no-color', '--no-input']));
  });

  it('completes taxonomy leaves where a command takes a leaf or a prefix, and after --path', async () => {
    expect(await complete('get', 'preferences.food.c')).toEqual([FOOD]);
    expect(await complete('add', 'Likes tea', '--path', 'preferences.food.d')).toEqual(['preferences.food.drinks']);
    expect(await complete('add', 'Likes tea', '-p', 'preferences.food.d')).toEqual(['preferences.food.drinks']);
    expect(await complete('ls', 'preferences.fo')).toEqual(expect.arrayContaining(['preferences.food', FOOD]));
    expect(await complete('blame', 'preferences.food.c')).toEqual([FOOD]);
  });

  it('completes branch names (checkout, merge, branch -d) and the values of a flag with choices', async () => {
    expect(await complete('checkout', '')).toEqual(['HEAD', 'feature', 'main']);
    expect(await complete('merge', 'fe')).toEqual(['feature']);
    expect(await complete('branch', '-d', 'f')).toEqual(['feature']);
    expect(await complete('--color', 'a')).toEqual(['auto', 'always']);
    expect(await complete('--color=n')).toEqual(['--color=never']);
    expect(await complete('--memoir-dir', gitdirOf(dir), 'checkout', 'm')).toEqual(['main']);
  });

  it('completes remote-tracking branches as revisions, and revisions and paths where log and diff take either', async () => {
    const tracking = path.join(gitdirOf(dir), 'refs', 'remotes', 'origin');
    fs.mkdirSync(tracking, { recursive: true });
    fs.copyFileSync(path.join(gitdirOf(dir), 'refs', 'heads', 'main'), path.join(tracking, 'main'));
    try {
      expect(await complete('merge', 'o')).toEqual(['origin/main']);
      expect(await complete('log', 'ma')).toEqual(['main']);
      expect(await complete('log', 'preferences.food.c')).toEqual([FOOD]);
      expect(await complete('diff', 'HEAD', 'o')).toEqual(['origin/main']);
    } finally {
      fs.rmSync(tracking, { recursive: true });
    }
  });

  it('completes fact ids: committed and staged for rm, staged only for reset', async () => {
    expect(await complete('rm', '')).toEqual([ramen, sushi]);
    expect(await complete('reset', '')).toEqual([sushi]);
    const described = await runCompletion(['rm', ramen.slice(0, 4)], { MEMOIR_DIR: gitdirOf(dir) }, dir);
    expect(described).toBe(`${ramen}\t${FOOD}: Likes ramen\n`);
  });

  it('completes the subcommands of remote, and remote names where one is named', async () => {
    await runIn(dir, ['remote', 'add', 'origin', 'https://example.com/acme/memories.git']);
    await runIn(dir, ['remote', 'add', 'backup', '/mnt/disk/memories.git']);
    expect(await complete('remote', 's')).toEqual(['set-url']);
    expect(await complete('remote', 'rm', '')).toEqual(['origin', 'backup']); // as the config lists them
    expect(await complete('remote', 'remove', 'o')).toEqual(['origin']);
    expect(await complete('remote', 'set-url', 'b')).toEqual(['backup']);
    expect(await complete('remote', 'rename', 'origin', '')).toEqual([]); // the new name is the user's
    const described = await runCompletion(['remote', 'rm', 'o'], { MEMOIR_DIR: gitdirOf(dir) }, dir);
    expect(described).toBe('origin\thttps://example.com/acme/memories.git\n');
  });

  it('outside a repository completes no repository value and prints nothing else', async () => {
    const outside = tempDir();
    expect(await runCompletion(['checkout', ''], {}, outside)).toBe('');
    expect(await runCompletion(['rm', ''], {}, outside)).toBe('');
    expect(await runCompletion(['checkout', ''], { MEMOIR_DIR: path.join(outside, 'nowhere') }, outside)).toBe('');
    const spawned = memoir(['__complete', 'merge', ''], { cwd: outside });
    expect(spawned).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('memoir completion <shell>', () => {
  it('prints a bash script that bash accepts and that completes through memoir __complete', () => {
    const dir = freshRepo();
    const script = memoir(['completion', 'bash'], { cwd: dir }).stdout;
    expect(script).toBe(COMPLETION_SCRIPTS.bash);
    const file = path.join(dir, 'memoir.bash');
    fs.writeFileSync(file, script);
    expect(spawnSync('bash', ['-n', file]).status).toBe(0);
    // a `memoir` on PATH, as after npm i -g
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'memoir'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`, {
      mode: 0o755,
    });
    const tab = (line: string) =>
      spawnSync(
        'bash',
        [
          '-c',
          `source '${file}'; COMP_LINE="$1"; COMP_POINT=\${#COMP_LINE}; _memoir_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
          '-',
          line,
        ],
        { cwd: dir, encoding: 'utf8', env: { ...testEnv(dir), PATH: `${bin}:${process.env.PATH}` } },
      ).stdout;
    expect(tab('memoir get preferences.ui.t')).toBe('preferences.ui.theme\n');
    expect(tab('memoir --color=alw')).toBe('always\n'); // bash replaces only what follows the "="
  });

  it('prints the zsh and fish scripts, and refuses another shell (exit 2)', () => {
    const dir = tempDir();
    expect(memoir(['completion', 'zsh'], { cwd: dir }).stdout).toMatch(/^#compdef memoir\n[\s\S]*memoir __complete/);
    expect(memoir(['completion', 'fish'], { cwd: dir }).stdout).toContain('complete -c memoir -f');
    expect(memoir(['completion', 'tcsh'], { cwd: dir }).code).toBe(2);
  });
});
