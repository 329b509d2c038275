import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manPages } from '../../src/cli.js';
import { ROOT } from '../helpers/cli.js';

const MAN = path.join(ROOT, 'man');

describe('man pages', () => {
  it('match the commander definitions (run "npm run man" after changing a command)', async () => {
    const pages = await manPages();
    const onDisk = fs
      .readdirSync(MAN)
      .filter((f) => f.endsWith('.1'))
      .sort();
    expect(onDisk).toEqual([...pages.keys()].sort());
    for (const [file, text] of pages) expect(fs.readFileSync(path.join(MAN, file), 'utf8'), file).toBe(text);
  });

  it('cover every command, and package.json lists them', async () => {
    const pages = await manPages();
    const commands = fs.readdirSync(path.join(ROOT, 'src', 'commands')).map((f) => f.replace(/\.ts$/, ''));
    for (const command of commands) expect(pages.has(`memoir-${command}.1`), command).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { man: string[] };
    expect([...pkg.man].sort()).toEqual([...pages.keys()].map((f) => `man/${f}`).sort());
  });

  it.each(fs.readdirSync(MAN).filter((f) => f.endsWith('.1')))('%s renders with man -l without warnings', (file) => {
    const result = spawnSync('man', ['--warnings', '-l', path.join(MAN, file)], {
      encoding: 'utf8',
      env: { ...process.env, MANWIDTH: '80', MANPAGER: 'cat', PAGER: 'cat' },
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('NAME');
    expect(result.stdout).toContain('EXIT STATUS');
  });

  it('renders the examples of each command', () => {
    const text = execFileSync('man', ['-l', path.join(MAN, 'memoir-add.1')], {
      encoding: 'utf8',
      env: { ...process.env, MANWIDTH: '100', MANPAGER: 'cat' },
    });
    expect(text).toContain('$ memoir add "I prefer dark mode in every app" --path preferences.ui.theme');
  });
});
