import { describe, expect, it } from 'vitest';
import { memoir, tempDir } from '../helpers/cli.js';

// `memoir --help`, `-h`, `help` and a bare `memoir` print the root help from the build's command
// list (src/runtime/rootHelp.ts); with a global flag before them, from every command's definition
describe('the root help of the built CLI', () => {
  it.each([['--help'], ['-h'], ['help'], []])('memoir %j prints what the full command tree prints', (...args) => {
    const cwd = tempDir();
    const light = memoir(args, { cwd });
    const full = memoir(['--debug', ...args], { cwd });
    expect(light).toEqual(full);
    expect(light.code).toBe(args.length === 0 ? 2 : 0);
    expect(light.stdout + light.stderr).toContain('verify-commit [options] <rev...>');
  });
});
