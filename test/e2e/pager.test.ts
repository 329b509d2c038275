import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, testEnv } from '../helpers/cli.js';
import { repoTemplate } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

// The pager, as a process on a terminal five rows high (util-linux `script` and stty) sees it.

const freshRepo = repoTemplate();

describe('the pager', () => {
  let dir: string;
  let paged: string;
  beforeAll(async () => {
    dir = freshRepo();
    for (const dish of ['ramen', 'sushi', 'pho', 'curry', 'tacos', 'paella'])
      await runIn(dir, ['add', `Likes ${dish}`, '-p', 'preferences.food.cuisine', '--commit']);
    paged = path.join(dir, 'paged.txt');
  });
  /** memoir on a small terminal; the pager `tee paged.txt` records what it was given. */
  function onTerminal(args: string[], env: Record<string, string> = {}, rows = 5) {
    fs.rmSync(paged, { force: true });
    const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
    const result = spawnSync('script', ['-qec', `stty rows ${rows} cols 80; ${command}; echo "exit=$?"`, '/dev/null'], {
      cwd: dir,
      env: testEnv(dir, { TERM: 'xterm-256color', MEMOIR_PAGER: `tee ${paged}`, ...env }),
      encoding: 'utf8',
    });
    return { screen: result.stdout, paged: fs.existsSync(paged) ? fs.readFileSync(paged, 'utf8') : undefined };
  }

  it('pages long output of a reader in a terminal', () => {
    const { screen, paged } = onTerminal(['log', '--oneline']);
    expect(paged).toContain('Remember preferences.food.cuisine: Likes paella');
    expect(paged).toContain('Likes ramen');
    expect(screen).toContain('exit=0');
  });

  it('not with --no-pager, --json, a pager of "cat", for a writer, or when the output fits', () => {
    for (const args of [['--no-pager', 'log', '--oneline'], ['log', '--oneline', '--json'], ['status']])
      expect(onTerminal(args).paged, args.join(' ')).toBeUndefined();
    expect(onTerminal(['log', '--oneline'], {}, 40).paged).toBeUndefined();
    const cat = onTerminal(['log', '--oneline'], { MEMOIR_PAGER: 'cat' });
    expect(cat.paged).toBeUndefined();
    expect(cat.screen).toContain('Likes ramen');
  });

  it('a missing pager prints the output; a pager quit before the end is no error', () => {
    const missing = onTerminal(['log', '--oneline'], { MEMOIR_PAGER: 'no-such-pager-here' });
    expect(missing.screen).toContain('Likes ramen');
    expect(missing.screen).toContain('exit=0');
    expect(missing.screen).not.toContain('memoir:');
    const quit = onTerminal(['log', '-p'], { MEMOIR_PAGER: 'true' });
    expect(quit.screen.trim()).toBe('exit=0');
  });
});
