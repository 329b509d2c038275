import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import { coerce, loadConfig } from '../../src/config/load.js';
import {
  CONFIG_KEYS,
  configDefault,
  findConfigKey,
  type ConfigKey,
  type ConfigKeyName,
} from '../../src/config/schema.js';
import { UsageError } from '../../src/errors/index.js';

const LOCK = findConfigKey('lock.timeout')!;
const NAME = findConfigKey('author.name')!;
const FLAG: ConfigKey = { key: 'ui.color', type: 'boolean', env: 'MEMOIR_COLOR', description: 'test key' };
const ENUM: ConfigKey = {
  key: 'ui.mode',
  type: 'string',
  env: 'MEMOIR_MODE',
  description: 'test key',
  values: ['human', 'plain'],
};
const RANGE: ConfigKey = { key: 'x.n', type: 'number', env: 'MEMOIR_N', description: 'test key', min: 1, max: 5 };
const SPECS = new Map([LOCK, NAME, FLAG, ENUM, RANGE].map((spec) => [spec.key, spec]));

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<UsageError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error as UsageError;
  }
  throw new Error('expected an error');
}

describe('coerce', () => {
  it.each([
    ['lock.timeout', '5', 5],
    ['lock.timeout', ' 5 ', 5],
    ['lock.timeout', '0', 0],
    ['lock.timeout', '2.5', 2.5],
    ['lock.timeout', 7, 7],
    ['ui.color', 'true', true],
    ['ui.color', 'TRUE', true],
    ['ui.color', 'yes', true],
    ['ui.color', '1', true],
    ['ui.color', 'false', false],
    ['ui.color', 'No', false],
    ['ui.color', '0', false],
    ['ui.color', false, false],
    ['author.name', 'Ada Lovelace', 'Ada Lovelace'],
    ['author.name', '', ''],
    ['author.name', '42', '42'], // a string key keeps digits as text
    ['ui.mode', 'plain', 'plain'],
    ['x.n', '1', 1],
    ['x.n', '5', 5],
  ] as Array<[string, unknown, unknown]>)('%s: %j → %j', (key, value, expected) => {
    expect(coerce(SPECS.get(key)!, value, 'test')).toBe(expected);
  });

  it.each([
    ['lock.timeout', '-1', 'below the minimum'],
    ['lock.timeout', -0.5, 'below the minimum'],
    ['lock.timeout', '', 'empty'],
    ['lock.timeout', '   ', 'blank'],
    ['lock.timeout', 'soon', 'not a number'],
    ['lock.timeout', '5s', 'a unit'],
    ['lock.timeout', 'Infinity', 'not finite'],
    ['lock.timeout', Number.POSITIVE_INFINITY, 'not finite (YAML .inf)'],
    ['lock.timeout', Number.NaN, 'NaN'],
    ['lock.timeout', true, 'a boolean'],
    ['ui.color', 'maybe', 'not a boolean word'],
    ['ui.color', 1, 'a number'],
    ['author.name', 42, 'a number for a string key'],
    ['author.name', ['a'], 'a list'],
    ['author.name', { first: 'Ada' }, 'a mapping'],
    ['ui.mode', 'fancy', 'not one of the values'],
    ['x.n', '0', 'below min'],
    ['x.n', '6', 'above max'],
  ] as Array<[string, unknown, string]>)('%s: %j is invalid-config (%s)', async (key, value) => {
    const spec = SPECS.get(key)!;
    const error = await rejection(() => coerce(spec, value, 'environment variable MEMOIR_X'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe('invalid-config');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('environment variable MEMOIR_X');
    expect(error.message).toContain(spec.key);
  });
});

describe('loadConfig', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  const write = (file: string, text: string) => {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    return full;
  };
  const dir = (sub: string) => {
    const full = path.join(root, sub);
    fs.mkdirSync(full, { recursive: true });
    return full;
  };

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'memoir-config-')));
    // The project search stops at a package.json: keep it inside this directory.
    write('project/package.json', '{"name": "fixture"}\n');
    env = { HOME: dir('home'), XDG_CONFIG_HOME: dir('xdg') };
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('gives the defaults when nothing is configured', async () => {
    const config = await loadConfig({ cwd: dir('project'), env });
    expect(config.files).toEqual([]);
    expect(config.get('lock.timeout')).toBe(10);
    expect(config.entries.get('lock.timeout')).toMatchObject({ value: 10, source: 'default' });
    expect(config.get('author.name')).toBeUndefined();
    expect(config.entries.get('author.name')).toMatchObject({ value: undefined, source: 'default' });
    expect(config.entries.get('no.such.key')).toBeUndefined();
  });

  it('get is typed by the key, and every key with a default has its value (no call site needs a fallback)', async () => {
    const config = await loadConfig({ cwd: dir('project'), env: { ...env, MEMOIR_REVIEW_AUTO_ACCEPT: '0.5' } });
    expectTypeOf(config.get('lock.timeout')).toEqualTypeOf<number>();
    expectTypeOf(config.get('author.name')).toEqualTypeOf<string | undefined>();
    expectTypeOf(config.get('classifier.provider')).toEqualTypeOf<'offline' | 'openai'>();
    expectTypeOf<'no.such.key'>().not.toExtend<ConfigKeyName>();
    for (const spec of CONFIG_KEYS)
      if (spec.default !== undefined && spec.key !== 'review.autoAccept')
        expect(config.get(spec.key as ConfigKeyName), spec.key).toBe(spec.default);
    expect(config.get('review.autoAccept')).toBe(0.5);
    expect(configDefault('merge.similarity')).toBe(0.92);
  });

  it('reads the user config under XDG_CONFIG_HOME/memoir/config.yaml', async () => {
    const file = write(
      'xdg/memoir/config.yaml',
      'author:\n  name: Ada\n  email: ada@example.com\nlock:\n  timeout: 3\n',
    );
    const config = await loadConfig({ cwd: dir('project'), env });
    expect(config.files).toEqual([file]);
    expect(config.get('author.name')).toBe('Ada');
    expect(config.get('author.email')).toBe('ada@example.com');
    expect(config.entries.get('lock.timeout')).toMatchObject({ value: 3, source: `user config ${file}` });
  });

  it('reads the user config under HOME/.config when XDG_CONFIG_HOME is not set', async () => {
    const file = write('home/.config/memoir/config.json', '{"lock": {"timeout": 4}}');
    const config = await loadConfig({ cwd: dir('project'), env: { HOME: env.HOME } });
    expect(config.entries.get('lock.timeout')).toMatchObject({ value: 4, source: `user config ${file}` });
  });

  it('accepts dotted keys in a config file', async () => {
    write('xdg/memoir/config.yaml', 'author.name: Ada\n');
    expect((await loadConfig({ cwd: dir('project'), env })).get('author.name')).toBe('Ada');
  });

  it('finds a project .memoirrc.json from a subdirectory', async () => {
    const file = write('project/.memoirrc.json', '{"lock": {"timeout": 7}}');
    const config = await loadConfig({ cwd: dir('project/src/deep/er'), env });
    expect(config.entries.get('lock.timeout')).toMatchObject({ value: 7, source: `project config ${file}` });
    // relative paths in a config file (such as "taxonomy") are relative to that file
    expect(config.entries.get('lock.timeout')?.base).toBe(path.dirname(file));
    expect(config.files).toEqual([file]);
  });

  it('finds a YAML .memoirrc and package.json#memoir too', async () => {
    write('project/.memoirrc', 'lock:\n  timeout: 8\n');
    expect((await loadConfig({ cwd: dir('project/sub'), env })).get('lock.timeout')).toBe(8);
    fs.rmSync(path.join(root, 'project/.memoirrc'));
    write('project/package.json', '{"name": "fixture", "memoir": {"lock": {"timeout": 9}}}');
    expect((await loadConfig({ cwd: dir('project/sub'), env })).get('lock.timeout')).toBe(9);
  });

  it('does not look above the directory holding package.json', async () => {
    write('.memoirrc.json', '{"lock": {"timeout": 7}}');
    expect((await loadConfig({ cwd: dir('project/sub'), env })).entries.get('lock.timeout')?.source).toBe('default');
  });

  it('lets the project config beat the user config, key by key', async () => {
    const user = write('xdg/memoir/config.yaml', 'author:\n  name: Ada\nlock:\n  timeout: 3\n');
    const project = write('project/.memoirrc.json', '{"lock": {"timeout": 7}}');
    const config = await loadConfig({ cwd: dir('project'), env });
    expect(config.files).toEqual([user, project]);
    expect(config.entries.get('lock.timeout')).toMatchObject({ value: 7, source: `project config ${project}` });
    expect(config.entries.get('author.name')).toMatchObject({ value: 'Ada', source: `user config ${user}` });
  });

  it('lets MEMOIR_LOCK_TIMEOUT beat the project file, as a number', async () => {
    write('project/.memoirrc.json', '{"lock": {"timeout": 7}}');
    const config = await loadConfig({ cwd: dir('project'), env: { ...env, MEMOIR_LOCK_TIMEOUT: '5' } });
    expect(config.entries.get('lock.timeout')).toMatchObject({ value: 5, source: 'env MEMOIR_LOCK_TIMEOUT' });
  });

  it('ignores an empty environment variable', async () => {
    write('project/.memoirrc.json', '{"lock": {"timeout": 7}}');
    expect(
      (await loadConfig({ cwd: dir('project'), env: { ...env, MEMOIR_LOCK_TIMEOUT: '' } })).get('lock.timeout'),
    ).toBe(7);
  });

  it('lets flags beat the environment', async () => {
    write('project/.memoirrc.json', '{"lock": {"timeout": 7}}');
    const config = await loadConfig({
      cwd: dir('project'),
      env: { ...env, MEMOIR_LOCK_TIMEOUT: '5', MEMOIR_AUTHOR_NAME: 'Env Name' },
      flags: {
        'lock.timeout': { value: 2, flag: '--lock-timeout' },
        'author.name': { value: undefined, flag: '--author-name' },
      },
    });
    expect(config.entries.get('lock.timeout')).toMatchObject({ value: 2, source: 'flag --lock-timeout' });
    expect(config.entries.get('author.name')).toMatchObject({ value: 'Env Name', source: 'env MEMOIR_AUTHOR_NAME' }); // an absent flag changes nothing
  });

  it('converts a flag given as a string', async () => {
    const config = await loadConfig({
      cwd: dir('project'),
      env,
      flags: { 'lock.timeout': { value: '12', flag: '--lock-timeout' } },
    });
    expect(config.get('lock.timeout')).toBe(12);
  });

  it.each([
    ['a project file', 'project/.memoirrc.json', '{"lock": {"timeout": 7}, "colour": "blue"}', 'colour'],
    ['a nested key in a project file', 'project/.memoirrc.json', '{"author": {"nickname": "A"}}', 'author.nickname'],
    ['the user file', 'xdg/memoir/config.yaml', 'lock:\n  timout: 3\n', 'lock.timout'],
  ])('rejects an unknown key in %s, naming the file and the key', async (_what, file, text, key) => {
    const full = write(file, text);
    const error = await rejection(loadConfig({ cwd: dir('project'), env }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe('invalid-config');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(full);
    expect(error.message).toContain(`"${key}"`);
    expect(error.data).toEqual({ file: full });
  });

  it.each([
    [
      'a string for a number in a project file',
      'project/.memoirrc.json',
      '{"lock": {"timeout": "soon"}}',
      'lock.timeout',
    ],
    ['a negative timeout', 'project/.memoirrc.json', '{"lock": {"timeout": -1}}', 'lock.timeout'],
    ['a number for a name in the user file', 'xdg/memoir/config.yaml', 'author:\n  name: 42\n', 'author.name'],
    ['a mapping for a value', 'xdg/memoir/config.yaml', 'lock:\n  timeout:\n    seconds: 3\n', 'lock.timeout'],
  ])('rejects %s with invalid-config, naming the file and the key', async (_what, file, text, key) => {
    const full = write(file, text);
    const error = await rejection(loadConfig({ cwd: dir('project'), env }));
    expect(error.code).toBe('invalid-config');
    expect(error.message).toContain(full);
    expect(error.message).toContain(`"${key}"`);
  });

  it('rejects a bad environment value, naming the variable', async () => {
    const error = await rejection(loadConfig({ cwd: dir('project'), env: { ...env, MEMOIR_LOCK_TIMEOUT: 'forever' } }));
    expect(error.code).toBe('invalid-config');
    expect(error.message).toContain('MEMOIR_LOCK_TIMEOUT');
  });

  it('rejects a bad flag value, naming the flag', async () => {
    const error = await rejection(
      loadConfig({ cwd: dir('project'), env, flags: { 'lock.timeout': { value: 'x', flag: '--lock-timeout' } } }),
    );
    expect(error.code).toBe('invalid-config');
    expect(error.message).toContain('--lock-timeout');
  });

  it.each([
    ['a user file that is not YAML', 'xdg/memoir/config.yaml', 'author: [unclosed\n'],
    ['a user file that is not JSON', 'xdg/memoir/config.json', '{"lock": '],
    ['a project file that is not JSON', 'project/.memoirrc.json', '{"lock": '],
    ['a user file that is a list', 'xdg/memoir/config.yaml', '- a\n- b\n'],
  ])('rejects %s with invalid-config naming the file', async (_what, file, text) => {
    const full = write(file, text);
    const error = await rejection(loadConfig({ cwd: dir('project'), env }));
    expect(error.code).toBe('invalid-config');
    expect(error.message).toContain(full);
  });

  it('treats an empty user file as no settings', async () => {
    write('xdg/memoir/config.yaml', '# nothing yet\n');
    expect((await loadConfig({ cwd: dir('project'), env })).get('lock.timeout')).toBe(10);
  });
});
