import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson, ROOT, tempDir } from '../helpers/cli.js';
import { jsonError, ok } from '../helpers/e2e.js';
import { initRepoIn, memoirIn, runnerIn } from '../helpers/inProcess.js';

const VERSION = parseJson<{ version: string }>(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

interface ConfigRow {
  key: string;
  value: string | number | boolean | null;
  source: string;
  env: string;
  description: string;
}

/** The commands whose --help the tests read (the first that were written; every command has one). */
const HELPED = [
  'init',
  'add',
  'status',
  'commit',
  'rm',
  'reset',
  'log',
  'show',
  'get',
  'ls',
  'taxonomy',
  'config',
  'help',
];

describe('memoir taxonomy', () => {
  // taxonomy needs no repository
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  it('plain: every leaf, one per line: path, cardinality, description', async () => {
    const result = ok(await memoirIn(['taxonomy'], { cwd: dir }));
    const records = result.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(records.length).toBeGreaterThanOrEqual(60);
    for (const [leaf, cardinality, description, ...rest] of records) {
      expect(leaf).toMatch(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/);
      expect(['one', 'many']).toContain(cardinality);
      expect(description.length).toBeGreaterThan(0);
      expect(rest).toEqual([]);
    }
    expect(records).toContainEqual(['preferences.ui.theme', 'one', expect.any(String)]);
    expect(records).toContainEqual(['preferences.entertainment.music', 'many', expect.any(String)]);
    expect(new Set(records.map((r) => r[0])).size).toBe(records.length);
  });

  it('with a prefix: only the leaves under it', async () => {
    const ui = ok(await memoirIn(['taxonomy', 'preferences.ui'], { cwd: dir }))
      .stdout.trim()
      .split('\n')
      .map((l) => l.split('\t')[0]);
    expect(ui).toEqual(expect.arrayContaining(['preferences.ui.theme', 'preferences.ui.font']));
    for (const leaf of ui) expect(leaf).toMatch(/^preferences\.ui\.[a-z_]+$/);
    const category = ok(await memoirIn(['taxonomy', 'preferences'], { cwd: dir }))
      .stdout.trim()
      .split('\n');
    expect(category.length).toBeGreaterThan(2);
    for (const line of category) expect(line).toMatch(/^preferences\./);
    expect(ok(await memoirIn(['taxonomy', 'preferences.ui.theme'], { cwd: dir })).stdout.split('\t')[0]).toBe(
      'preferences.ui.theme',
    );
  });

  it('--json: {path, description, cardinality, examples} for each leaf', async () => {
    const leaves = parseJson<Array<{ path: string; description: string; cardinality: string; examples: string[] }>>(
      ok(await memoirIn(['taxonomy', '--json'], { cwd: dir })).stdout,
    );
    expect(leaves.length).toBeGreaterThanOrEqual(200);
    for (const leaf of leaves)
      expect(Object.keys(leaf).sort()).toEqual(['cardinality', 'description', 'examples', 'path']);
    for (const leaf of leaves) expect(leaf.examples.length).toBeGreaterThanOrEqual(3);
    const plain = ok(await memoirIn(['taxonomy'], { cwd: dir }))
      .stdout.trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(leaves.map((l) => [l.path, l.cardinality, l.description])).toEqual(plain);
  });

  it('an unknown prefix (or a partial segment) is exit 2', async () => {
    for (const prefix of ['nope', 'pref']) {
      const result = await memoirIn(['taxonomy', prefix, '--json'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(jsonError(result).code).toBe('unknown-path');
    }
  });
});

describe('memoir config', () => {
  const keys = (rows: ConfigRow[]) => Object.fromEntries(rows.map((r) => [r.key, [r.value, r.source]]));
  const configOf = async (dir: string, args: string[] = [], env?: Record<string, string | undefined>) =>
    keys(parseJson<ConfigRow[]>(ok(await memoirIn([...args, 'config', '--json'], { cwd: dir, env })).stdout));

  it('lists every key with its value and where it came from (default and environment)', async () => {
    const dir = tempDir();
    const plain = ok(await memoirIn(['config'], { cwd: dir }));
    const lines = plain.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'author.name\tTest Author\tenv MEMOIR_AUTHOR_NAME\t',
      'author.email\ttest@example.com\tenv MEMOIR_AUTHOR_EMAIL\t',
      'lock.timeout\t10\tdefault\t',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        'classifier.provider\toffline\tdefault\t',
        'review.autoAccept\t0.8\tdefault\t',
        'classifier.apiKey\t\tdefault\t',
      ]),
    );
    const rows = parseJson<ConfigRow[]>(ok(await memoirIn(['config', '--json'], { cwd: dir })).stdout);
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual(['description', 'env', 'key', 'refusedFrom', 'source', 'value']);
    expect(rows.find((r) => r.key === 'lock.timeout')).toMatchObject({
      value: 10,
      source: 'default',
      env: 'MEMOIR_LOCK_TIMEOUT',
    });
    expect((await configOf(dir, [], { MEMOIR_LOCK_TIMEOUT: '30' }))['lock.timeout']).toEqual([
      30,
      'env MEMOIR_LOCK_TIMEOUT',
    ]);
    expect(
      (await configOf(dir, [], { MEMOIR_AUTHOR_NAME: undefined, MEMOIR_AUTHOR_EMAIL: undefined }))['author.name'],
    ).toEqual([null, 'default']);
  });

  it('never shows the API key, only that it is set', async () => {
    const dir = tempDir();
    const key = 'sk-proj-' + 'Z'.repeat(12) + 'abc123def456';
    const result = ok(await memoirIn(['config', '--json'], { cwd: dir, env: { MEMOIR_CLASSIFIER_API_KEY: key } }));
    expect(result.stdout).not.toContain(key);
    expect(parseJson<ConfigRow[]>(result.stdout).find((r) => r.key === 'classifier.apiKey')).toMatchObject({
      value: '(set)',
      source: 'env MEMOIR_CLASSIFIER_API_KEY',
    });
  });

  it('one key', async () => {
    const dir = tempDir();
    expect(ok(await memoirIn(['config', 'lock.timeout'], { cwd: dir, env: { MEMOIR_LOCK_TIMEOUT: '3' } })).stdout).toBe(
      'lock.timeout\t3\tenv MEMOIR_LOCK_TIMEOUT\t\n',
    );
    const unknown = await memoirIn(['config', 'lock.timeot', '--json'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(jsonError(unknown).code).toBe('unknown-config-key');
  });

  const projectFiles: Array<[string, string]> = [
    ['.memoirrc.json', JSON.stringify({ lock: { timeout: 3 } })],
    ['.memoirrc.yaml', 'lock:\n  timeout: 3\n'],
    ['package.json', JSON.stringify({ name: 'app', memoir: { lock: { timeout: 3 } } })],
  ];
  for (const [file, content] of projectFiles) {
    it(`reads the project config from ${file}`, async () => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, file), content);
      expect((await configOf(dir))['lock.timeout']).toEqual([3, `project config ${path.join(dir, file)}`]);
    });
  }

  it('precedence: --lock-timeout > MEMOIR_LOCK_TIMEOUT > project config > user config > default', async () => {
    const dir = tempDir();
    const userFile = path.join(dir, '.config', 'memoir', 'config.json');
    fs.mkdirSync(path.dirname(userFile), { recursive: true });
    fs.writeFileSync(userFile, JSON.stringify({ lock: { timeout: 1 }, author: { name: 'User Config' } }));
    expect(await configOf(dir, [], { MEMOIR_AUTHOR_NAME: undefined })).toMatchObject({
      'lock.timeout': [1, `user config ${userFile}`],
      'author.name': ['User Config', `user config ${userFile}`],
    });
    fs.writeFileSync(path.join(dir, '.memoirrc.json'), JSON.stringify({ lock: { timeout: 2 } }));
    expect((await configOf(dir))['lock.timeout']).toEqual([2, `project config ${path.join(dir, '.memoirrc.json')}`]);
    expect((await configOf(dir, [], { MEMOIR_LOCK_TIMEOUT: '4' }))['lock.timeout']).toEqual([
      4,
      'env MEMOIR_LOCK_TIMEOUT',
    ]);
    expect((await configOf(dir, ['--lock-timeout', '5'], { MEMOIR_LOCK_TIMEOUT: '4' }))['lock.timeout']).toEqual([
      5,
      'flag --lock-timeout',
    ]);
  });

  it('reads a YAML user config ($XDG_CONFIG_HOME/memoir/config.yaml) and uses its author for commits', async () => {
    const dir = tempDir();
    const userFile = path.join(dir, '.config', 'memoir', 'config.yaml');
    fs.mkdirSync(path.dirname(userFile), { recursive: true });
    fs.writeFileSync(userFile, 'author:\n  name: Yaml User\n  email: yaml@example.com\nlock:\n  timeout: 7\n');
    const env = { MEMOIR_AUTHOR_NAME: undefined, MEMOIR_AUTHOR_EMAIL: undefined };
    expect(await configOf(dir, [], env)).toMatchObject({
      'lock.timeout': [7, `user config ${userFile}`],
      'author.name': ['Yaml User', `user config ${userFile}`],
    });
    expect((await memoirIn(['init'], { cwd: dir })).code).toBe(0);
    expect((await memoirIn(['add', 'x', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir, env })).code).toBe(0);
    const log = JSON.parse((await memoirIn(['log', '--json'], { cwd: dir, env })).stdout) as Array<{
      author: { name: string; email: string };
    }>;
    expect(log[0].author).toEqual({ name: 'Yaml User', email: 'yaml@example.com' });
  });

  const broken: Array<[string, string, string, string]> = [
    ['an unknown key', '.memoirrc.json', JSON.stringify({ lock: { timeout: 3 }, colour: 'never' }), 'colour'],
    ['an unknown nested key', '.memoirrc.yaml', 'lock:\n  timout: 3\n', 'lock.timout'],
    ['a value of the wrong type', '.memoirrc.json', JSON.stringify({ lock: { timeout: 'soon' } }), 'lock.timeout'],
    ['a value out of range', '.memoirrc.json', JSON.stringify({ lock: { timeout: -1 } }), 'lock.timeout'],
  ];
  for (const [what, file, content, key] of broken) {
    it(`${what} in ${file} is exit 2 naming the file and the key`, async () => {
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, file), content);
      const plain = await memoirIn(['config'], { cwd: dir });
      expect(plain.code).toBe(2);
      expect(plain.stderr).toContain(path.join(dir, file));
      expect(plain.stderr).toContain(`"${key}"`);
      const json = await memoirIn(['config', '--json'], { cwd: dir });
      expect(json.code).toBe(2);
      const error = jsonError(json);
      expect(error.code).toBe('invalid-config');
      expect(error.data).toEqual({ file: path.join(dir, file) });
    });
  }

  it('a broken config file stops the commands that read it, too', async () => {
    const dir = await initRepoIn();
    fs.writeFileSync(path.join(dir, '.memoirrc.json'), JSON.stringify({ lock: { timeout: 'soon' } }));
    const result = await runnerIn(dir)(['add', 'Likes jazz', '-p', 'preferences.entertainment.music', '--json']);
    expect(result.code).toBe(2);
    expect(jsonError(result).code).toBe('invalid-config');
  });

  it('a --lock-timeout that is not a number is exit 2', async () => {
    const result = await memoirIn(['--lock-timeout', 'soon', 'config', '--json'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(jsonError(result).code).toBe('invalid-config');
  });
});

describe('help, --help and --version', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });

  it('memoir help exit-codes lists every exit code', async () => {
    const result = ok(await memoirIn(['help', 'exit-codes'], { cwd: dir }));
    for (const code of [0, 1, 2, 3, 4, 5, 130]) expect(result.stdout).toMatch(new RegExp(`^\\s+${code}  \\S`, 'm'));
    expect(result.stdout).toMatch(/4 {2}refused.*secret/);
  });

  it('memoir help environment names the MEMOIR_* variables', async () => {
    const result = ok(await memoirIn(['help', 'environment'], { cwd: dir }));
    for (const name of [
      'MEMOIR_DIR',
      'MEMOIR_AUTHOR_NAME',
      'MEMOIR_LOCK_TIMEOUT',
      'MEMOIR_NOW',
      'NO_COLOR',
      'MEMOIR_TAXONOMY',
      'MEMOIR_CLASSIFIER_API_KEY',
      'MEMOIR_REVIEW_AUTO_ACCEPT',
      'OPENAI_API_KEY',
    ])
      expect(result.stdout).toContain(name);
  });

  it("memoir help <command> is the command's --help; an unknown topic is exit 2", async () => {
    expect(ok(await memoirIn(['help', 'log'], { cwd: dir })).stdout).toBe(
      ok(await memoirIn(['log', '--help'], { cwd: dir })).stdout,
    );
    const unknown = await memoirIn(['help', 'nope'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^memoir: .*"nope"\nhint: .*exit-codes/);
  });

  it('memoir --help lists every command and shows examples', async () => {
    const result = ok(await memoirIn(['--help'], { cwd: dir }));
    for (const command of HELPED) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('memoir help exit-codes');
  });

  for (const command of HELPED) {
    it(`memoir ${command} --help: exit 0, usage, description and examples on stdout`, async () => {
      const result = ok(await memoirIn([command, '--help'], { cwd: dir }));
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(new RegExp(`^Usage: memoir ${command} `));
      expect(result.stdout).toMatch(/\nExamples:\n {2}\$ memoir /);
    });
  }

  it('--version and -V print the version', async () => {
    expect(ok(await memoirIn(['--version'], { cwd: dir })).stdout).toBe(`${VERSION}\n`);
    expect(ok(await memoirIn(['-V'], { cwd: dir })).stdout).toBe(`${VERSION}\n`);
  });
});
