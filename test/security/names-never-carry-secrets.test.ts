import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { gitIn, ok } from '../helpers/e2e.js';
import { initRepoIn, memoirIn } from '../helpers/inProcess.js';

/*
 * Every string memoir writes into the repository is screened like a fact: the author, branch
 * names, sources and commit messages end up in commits, refs and the reflog, where a secret
 * would be as readable (and as hard to erase) as in a fact. Refused with exit 4, never echoed.
 */

const TOKEN = 'ghp_' + 'R8kq2ZfW7mNc4Lx9Tb1Vd6Hs3Jy0Pa5Ue2Gi';
const fact = ['add', 'I prefer dark mode', '-p', 'preferences.ui.theme'];

describe('names never carry secrets', () => {
  const cases: Array<[string, string[], Record<string, string>?]> = [
    ['--author', [...fact, '--commit', '--author', `Ada ${TOKEN} <ada@example.com>`]],
    ['MEMOIR_AUTHOR_NAME', [...fact, '--commit'], { MEMOIR_AUTHOR_NAME: `deploy ${TOKEN}` }],
    ['MEMOIR_AUTHOR_EMAIL', [...fact, '--commit'], { MEMOIR_AUTHOR_EMAIL: `${TOKEN}@example.com` }],
    ['--branch', [...fact, '--commit', '--branch', `agents/${TOKEN}`]],
    ['MEMOIR_BRANCH', [...fact, '--commit'], { MEMOIR_BRANCH: `x/${TOKEN}` }],
    ['branch <name>', ['branch', TOKEN]],
    ['checkout -b', ['checkout', '-b', `feature/${TOKEN}`]],
    ['--source', [...fact, '--source', `api ${TOKEN}`]],
    ['commit -m', [...fact, '--commit', '-m', `Remember the token ${TOKEN}`]],
    ['merge -m', ['merge', 'side', '-m', `Merge with ${TOKEN}`]],
  ];
  it.each(cases)('%s: refused with exit 4, nothing written, nothing echoed', async (_what, args, env = {}) => {
    const dir = await initRepoIn();
    ok(await memoirIn(['add', 'I use Neovim', '-p', 'preferences.tools.editor', '--commit'], { cwd: dir }));
    ok(
      await memoirIn(['add', 'I use zsh', '-p', 'preferences.tools.shell', '--commit', '--branch', 'side'], {
        cwd: dir,
      }),
    );
    const before = gitIn(dir, ['for-each-ref']);
    const result = await memoirIn(args, { cwd: dir, env });
    expect(result.code, result.stderr).toBe(4);
    expect(result.stdout + result.stderr).not.toContain(TOKEN.slice(4, 12));
    expect(gitIn(dir, ['for-each-ref'])).toBe(before);
    expect(gitIn(dir, ['log', '--all', '--format=%an %ae %B'])).not.toContain(TOKEN);
    expect((await memoirIn(['status', '--json'], { cwd: dir })).stdout).not.toContain('dark mode'); // nothing left staged
  });
});

describe('names never carry terminal control characters', () => {
  const cases: Array<[string, string[], Record<string, string>?, string?]> = [
    ['--source', [...fact, '--source', 'api\x1b]0;pwned\x07']],
    ['commit -m', [...fact, '--commit', '-m', 'Remember\x1b[2J this']],
    ['MEMOIR_AUTHOR_NAME', [...fact, '--commit'], { MEMOIR_AUTHOR_NAME: 'Ada\x07' }],
    [
      'a JSONL "source" field',
      ['add', '-', '-p', 'preferences.ui.theme'],
      {},
      JSON.stringify({ text: 'I prefer dark mode', source: 'agent\x1b]52;c;aGk=\x07' }) + '\n',
    ],
  ];
  it.each(cases)('%s: refused with exit 2, nothing staged or written', async (_what, args, env = {}, input) => {
    const dir = await initRepoIn();
    const result = await memoirIn(args, { cwd: dir, env, input });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('control character');
    expect(result.stdout + result.stderr).not.toMatch(/[\x07\x1b]/);
    expect(gitIn(dir, ['for-each-ref'])).toBe('');
    expect((await memoirIn(['status', '--json'], { cwd: dir })).stdout).not.toContain('dark mode');
  });
});

describe("the author's clean verdict is remembered, never its text", () => {
  const screened = (dir: string) => path.join(dir, '.memoir', 'state', 'cache', 'screened');

  it('keeps one hash per author and version, and a remembered author does not let another through', async () => {
    const dir = await initRepoIn();
    const ada = { MEMOIR_AUTHOR_NAME: 'Ada Lovelace', MEMOIR_AUTHOR_EMAIL: 'ada@example.com' };
    ok(await memoirIn([...fact, '--commit'], { cwd: dir, env: ada }));
    ok(await memoirIn(['add', 'I use Neovim', '-p', 'preferences.tools.editor', '--commit'], { cwd: dir, env: ada }));
    const entries = fs.readFileSync(screened(dir), 'utf8').trim().split('\n');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(screened(dir), 'utf8')).not.toContain('Ada');

    const leaked = await memoirIn(['add', 'I use zsh', '-p', 'preferences.tools.shell', '--commit'], {
      cwd: dir,
      env: { ...ada, MEMOIR_AUTHOR_NAME: `Ada ${TOKEN}` },
    });
    expect(leaked.code, leaked.stderr).toBe(4);
    const bell = await memoirIn(['add', 'I use zsh', '-p', 'preferences.tools.shell', '--commit'], {
      cwd: dir,
      env: { ...ada, MEMOIR_AUTHOR_NAME: 'Ada\x07' },
    });
    expect(bell.code, bell.stderr).toBe(2);
    // neither refused author was remembered
    expect(fs.readFileSync(screened(dir), 'utf8').trim().split('\n')).toEqual(entries);
  });

  it('an entry from another version (or planted) does not skip the screen', async () => {
    const dir = await initRepoIn();
    const author = `Ada ${TOKEN}`;
    const planted = createHash('sha256').update(`0.0.0-other\0${author} <ada@example.com>`).digest('hex');
    fs.mkdirSync(path.dirname(screened(dir)), { recursive: true });
    fs.writeFileSync(screened(dir), `${planted}\n`);
    const result = await memoirIn([...fact, '--commit'], {
      cwd: dir,
      env: { MEMOIR_AUTHOR_NAME: author, MEMOIR_AUTHOR_EMAIL: 'ada@example.com' },
    });
    expect(result.code, result.stderr).toBe(4);
    expect(result.stdout + result.stderr).not.toContain(TOKEN.slice(4, 12));
  });
});
