import { connect } from '../helpers/mcp.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { configWarnings } from '../../src/config/load.js';
import { tempDir } from '../helpers/cli.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

/*
 * A cloned project is someone else's folder: memoir reads its configuration as data and never
 * runs a file from it. Each planted file would leave a marker behind if it ever ran.
 */

const EXECUTABLE_CONFIGS = [
  'memoir.config.js',
  'memoir.config.mjs',
  'memoir.config.cjs',
  'memoir.config.ts',
  '.memoirrc.js',
  '.memoirrc.cjs',
  '.memoirrc.mjs',
  '.memoirrc.ts',
  '.config/memoirrc.js',
];
/** cosmiconfig's "meta config", which cosmiconfig itself runs from the working directory. */
const META_CONFIGS = ['.config/config.js', '.config/config.cjs', '.config/config.mjs'];

function plant(dir: string, marker: string): void {
  for (const name of [...EXECUTABLE_CONFIGS, ...META_CONFIGS]) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const write = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, ${JSON.stringify(name)});`;
    const body = name.endsWith('.mjs')
      ? `import * as fs from 'node:fs'; fs.writeFileSync(${JSON.stringify(marker)}, ${JSON.stringify(name)}); export default { lock: { timeout: 99 } };`
      : `${write} module.exports = { lock: { timeout: 99 } };`;
    fs.writeFileSync(file, body);
  }
}

describe('a project folder never runs code', () => {
  it('loading the config runs no .js/.cjs/.mjs/.ts config, here or in a parent, and names each one it ignored', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'package.json'), '{"name": "cloned"}');
    plant(root, path.join(root, 'ran'));
    const cwd = path.join(root, 'src', 'deep');
    fs.mkdirSync(cwd, { recursive: true });
    plant(cwd, path.join(root, 'ran'));
    const config = await loadConfig({ cwd, env: { HOME: tempDir(), XDG_CONFIG_HOME: tempDir() } });
    expect(fs.existsSync(path.join(root, 'ran'))).toBe(false);
    expect(config.get('lock.timeout')).toBe(10);
    expect(config.ignored).toContain(path.join(root, 'memoir.config.js'));
    expect(config.ignored).toContain(path.join(cwd, '.config/memoirrc.js'));
    expect(config.ignored.some((f) => f.endsWith('.config/config.js'))).toBe(false); // not memoir's: not reported
    const warnings = configWarnings(config);
    expect(warnings).toHaveLength(config.ignored.length);
    expect(warnings[0]).toMatch(/^ignored \/.*: memoir never runs code from a folder/);
  });

  it('a data config beside them is still read', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'package.json'), '{"name": "cloned"}');
    plant(root, path.join(root, 'ran'));
    fs.writeFileSync(path.join(root, '.memoirrc.yaml'), 'lock:\n  timeout: 7\n');
    const config = await loadConfig({ cwd: root, env: { HOME: tempDir(), XDG_CONFIG_HOME: tempDir() } });
    expect(config.get('lock.timeout')).toBe(7);
    expect(fs.existsSync(path.join(root, 'ran'))).toBe(false);
  });

  it('memoir status and add in such a folder run none of it, and say so on stderr', async () => {
    const dir = await initRepoIn();
    const marker = path.join(dir, 'ran');
    plant(dir, marker);
    const status = await memoirIn(['status'], { cwd: dir });
    expect(status.code).toBe(0);
    expect(status.stderr).toContain(
      `ignored ${path.join(dir, 'memoir.config.js')}: memoir never runs code from a folder (use .memoirrc.yaml)`,
    );
    const add = await memoirIn(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme'], { cwd: dir });
    expect(add.code).toBe(0);
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("the MCP server's first tool call runs none of it", async () => {
    const dir = await initRepoIn();
    const marker = path.join(dir, 'ran');
    plant(dir, marker);
    const { client } = await connect(dir);
    const result = (await client.callTool({
      name: 'memoir_remember',
      arguments: { content: 'I prefer dark mode', path: 'preferences.ui.theme' },
    })) as { isError?: boolean };
    expect(result.isError).toBeFalsy();
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe('a project config that is not a file', () => {
  it('a .memoirrc.json linked to /dev/zero is a usage error, not a read without end', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'package.json'), '{"name": "cloned"}');
    fs.symlinkSync('/dev/zero', path.join(root, '.memoirrc.json'));
    await expect(loadConfig({ cwd: root, env: { HOME: tempDir(), XDG_CONFIG_HOME: tempDir() } })).rejects.toMatchObject(
      { code: 'invalid-config', exitCode: 2 },
    );
  });
});
