import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git, ROOT, tempDir, testEnv } from '../helpers/cli.js';

/*
 * What someone gets from `npm i -g memoir`: the checkout is packed as npm publishes it (prepack
 * builds dist/, or reuses one built from the same sources), the tarball is installed into a
 * temporary prefix, and the installed bin runs a first session.
 */

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

/** npm as a person runs it: nothing inherited from an `npm test` that started this run. */
function npm(args: string[], cwd: string): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let prefix: string;
let installed: string;

beforeAll(() => {
  const packed = tempDir('memoir-pack-');
  npm(['pack', '--pack-destination', packed], ROOT);
  const tarballs = fs.readdirSync(packed).filter((name) => name.endsWith('.tgz'));
  expect(tarballs).toEqual([`memoir-${pkg.version}.tgz`]);
  prefix = tempDir('memoir-prefix-');
  // yaml, the one runtime dependency, is in npm's cache after any install of this checkout
  npm(
    [
      'install',
      '--global',
      path.join(packed, tarballs[0]),
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
    ],
    packed,
  );
  installed = path.join(prefix, 'lib', 'node_modules', 'memoir');
}, 180_000);

function installedMemoir(args: string[], cwd: string) {
  // the bin link npm made, run through its shebang as a shell would
  return spawnSync(path.join(prefix, 'bin', 'memoir'), args, {
    cwd,
    env: testEnv(tempDir('memoir-home-')),
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('the packed tarball', () => {
  it('installs only the runtime dependencies the bundle loads, and no source maps or training data', () => {
    const installedPackages = fs
      .readdirSync(path.join(installed, 'node_modules'))
      .filter((name) => !name.startsWith('.'));
    expect(installedPackages.sort()).toEqual(Object.keys(pkg.dependencies).sort());
    const files = fs.readdirSync(installed, { recursive: true, encoding: 'utf8' });
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(files.filter((file) => file.startsWith(path.join('data', 'training')))).toEqual([]);
    for (const file of ['LICENSE', 'THIRD_PARTY_NOTICES.md', 'dist/cli.cjs', 'data/embeddings/LICENSE'])
      expect(fs.existsSync(path.join(installed, file)), file).toBe(true);
  });

  it('runs a first session from the installed bin: version, init, add --commit, log', () => {
    const dir = tempDir();
    const version = installedMemoir(['--version'], dir);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);

    expect(installedMemoir(['init'], dir).status).toBe(0);
    const add = installedMemoir(['add', 'I prefer dark mode', '--path', 'preferences.ui.theme', '--commit'], dir);
    expect(add.status, add.stderr).toBe(0);
    const log = installedMemoir(['log', '--oneline'], dir);
    expect(log.status).toBe(0);
    expect(log.stdout.trim().split('\n')).toHaveLength(1);
    expect(log.stdout).toContain('preferences.ui.theme');

    const gitdir = path.join(dir, '.memoir');
    expect(git(gitdir, ['ls-tree', '-r', '--name-only', 'HEAD']).trim()).toBe('preferences/ui/theme.md');
    expect(git(gitdir, ['show', 'HEAD:preferences/ui/theme.md'])).toContain('I prefer dark mode');
    expect(git(gitdir, ['fsck', '--strict'])).toBe('');
  });

  it('is a library an application imports by name, as an ES module and with require, with its types', () => {
    const dir = tempDir();
    expect(installedMemoir(['init'], dir).status).toBe(0);
    const app = tempDir('memoir-app-');
    fs.mkdirSync(path.join(app, 'node_modules'));
    fs.symlinkSync(installed, path.join(app, 'node_modules', 'memoir'));
    fs.writeFileSync(
      path.join(app, 'remember.mjs'),
      `import { openMemory } from 'memoir';
const memory = await openMemory({ dir: process.argv[2] });
const { commit } = await memory.remember('I prefer dark mode', { path: 'preferences.ui.theme' });
console.log(commit.commit);
`,
    );
    fs.writeFileSync(
      path.join(app, 'recall.cjs'),
      `const { openMemory } = require('memoir');
openMemory({ dir: process.argv[2] })
  .then((memory) => memory.recall('which theme?', { k: 1 }))
  .then((hits) => console.log(hits[0].text));
`,
    );
    const env = testEnv(tempDir('memoir-home-'));
    const run = (file: string) =>
      spawnSync(process.execPath, [file, dir], { cwd: app, env, encoding: 'utf8', timeout: 30_000 });
    const remembered = run('remember.mjs');
    expect(remembered.status, remembered.stderr).toBe(0);
    expect(remembered.stdout.trim()).toBe(git(path.join(dir, '.memoir'), ['rev-parse', 'HEAD']).trim());
    const recalled = run('recall.cjs');
    expect(recalled.status, recalled.stderr).toBe(0);
    expect(recalled.stdout.trim()).toBe('I prefer dark mode');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(fs.readFileSync(path.join(installed, manifest.exports['.'].types), 'utf8')).toContain(
      'export declare function openMemory',
    );
  });
});
