import { beforeAll, describe, expect, it } from 'vitest';
import { initRepo, memoir } from '../helpers/cli.js';

// --color and the colour variables, as a process sees them: stdout here is a pipe.

const ESC = '\x1b[';
const ADD = ['add', 'Likes ramen', '-p', 'preferences.food.cuisine', '--dry-run'];

describe('--color and FORCE_COLOR in a pipe', () => {
  let dir: string;
  beforeAll(() => {
    dir = initRepo();
  });
  const run = (args: string[], env: Record<string, string> = {}) => memoir(args, { cwd: dir, env });

  it('a pipe gets no colour unless asked; --color=always and FORCE_COLOR ask', () => {
    expect(run(ADD).stdout).not.toContain(ESC);
    expect(run(['--color=always', ...ADD]).stdout).toContain(`${ESC}36mpreferences.food.cuisine`);
    expect(run([...ADD, '--color', 'always']).stdout).toContain(ESC);
    expect(run(ADD, { FORCE_COLOR: '1' }).stdout).toContain(ESC);
    expect(run(ADD, { CLICOLOR_FORCE: '1' }).stdout).toContain(ESC);
  });

  it('NO_COLOR beats FORCE_COLOR; the flag beats both; --json never carries colour', () => {
    expect(run(ADD, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain(ESC);
    expect(run(['--color=always', ...ADD], { NO_COLOR: '1' }).stdout).toContain(ESC);
    expect(run(['--color=never', ...ADD], { FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
    expect(run(['--no-color', ...ADD], { FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
    expect(run(['--color=always', ...ADD, '--json']).stdout).not.toContain(ESC);
  });

  it('an unknown value is a usage error (exit 2) naming the choices', () => {
    const result = run(['--color=sometimes', 'log', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stderr).code).toBe('usage');
  });
});
