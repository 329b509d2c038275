import { describe, expect, it } from 'vitest';
import { runCompletion } from '../../src/completion/run.js';
import { gitdirOf, gitIn, ok, repoTemplate, snapshotRepository } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

/*
 * A remote's URL is written to `.memoir/config` in clear, and printed by `remote -v`: a password
 * or token in it would be stored and shown. `remote add` and `set-url` refuse such a URL (exit
 * 2, nothing written) without repeating any part of it, in any output, --json or --debug; a
 * password that reached the config by hand is masked wherever memoir shows the URL.
 */

const TOKEN = 'ghp_' + 'R8kq2ZfW7mNc4Lx9Tb1Vd6Hs3Jy0Pa5Ue2Gi';
const GITLAB = 'glpat-' + 'Xk4mP9qR2sT7vW1yZ3bC';
const PASSWORD = 'Zq7-hunter-Wp3';

/** Whether any six characters of `secret` in a row appear in `text`. */
function leaks(text: string, secret: string): boolean {
  for (let i = 0; i + 6 <= secret.length; i++) if (text.includes(secret.slice(i, i + 6))) return true;
  return false;
}

const repo = repoTemplate(async (dir) => {
  ok(await runIn(dir, ['remote', 'add', 'origin', 'https://example.com/acme/memories.git']));
});

describe('credentials in remote URLs are refused, never echoed', () => {
  const urls: Array<[string, string, string]> = [
    ['a password', `https://ada:${PASSWORD}@example.com/acme/memories.git`, PASSWORD],
    ['a token as the user', `https://${TOKEN}@github.com/acme/memories.git`, TOKEN],
    ['a token as the password', `https://x-access-token:${TOKEN}@github.com/acme/memories.git`, TOKEN],
    ['a GitLab token', `https://oauth2:${GITLAB}@gitlab.com/acme/memories.git`, GITLAB],
    ['a password over ssh://', `ssh://git:${PASSWORD}@example.com/acme/memories.git`, PASSWORD],
    ['a token in the query', `https://example.com/acme/memories.git?access_token=${TOKEN}`, TOKEN],
    ['a token in the path', `https://example.com/${TOKEN}/memories.git`, TOKEN],
    ['a token in an scp-like URL', `git@github.com:${TOKEN}/memories.git`, TOKEN],
    ['a token in an unsupported URL', `git://${TOKEN}@example.com/memories.git`, TOKEN],
    ['a token in a local path', `/mnt/backups/${TOKEN}/memories.git`, TOKEN],
  ];
  const commands: Array<[string, (url: string) => string[]]> = [
    ['remote add', (url) => ['remote', 'add', 'backup', url]],
    ['remote set-url', (url) => ['remote', 'set-url', 'origin', url]],
    ['remote add --json --debug', (url) => ['remote', 'add', 'backup', url, '--json', '--debug']],
  ];
  const cases = urls.flatMap(([what, url, secret]) =>
    commands.map(([command, args]) => [`${command}: ${what}`, args(url), secret] as const),
  );
  it.each(cases)('%s: exit 2, credential-in-url, nothing written', async (_what, args, secret) => {
    const dir = repo();
    const before = snapshotRepository(dir);
    const result = await runIn(dir, args);
    expect([result.code, result.errorCode]).toEqual([2, 'credential-in-url']);
    expect(leaks(result.stdout + result.stderr, secret)).toBe(false);
    expect(result.stderr).toContain('MEMOIR_REMOTE_TOKEN'); // the hint names the ways that keep it off disk
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('a remote name carrying a token is refused (exit 4) without echo', async () => {
    const dir = repo();
    const before = snapshotRepository(dir);
    for (const args of [
      ['remote', 'add', TOKEN, 'https://example.com/m.git'],
      ['remote', 'rename', 'origin', TOKEN],
      ['remote', 'remove', TOKEN],
    ]) {
      const result = await runIn(dir, args);
      expect([result.code, result.errorCode]).toEqual([4, 'secret-detected']);
      expect(leaks(result.stdout + result.stderr, TOKEN)).toBe(false);
    }
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('a password written into the config by hand is masked by remote -v, --json, remove and completion', async () => {
    const dir = repo();
    gitIn(dir, ['config', 'remote.old.url', `https://ada:${PASSWORD}@example.com/acme/memories.git`]);
    const shown = [
      (await runIn(dir, ['remote', '-v'])).stdout,
      (await runIn(dir, ['remote', '-v'], {}, true)).stdout,
      (await runIn(dir, ['remote', '--json'])).stdout,
      await runCompletion(['remote', 'rm', ''], { MEMOIR_DIR: gitdirOf(dir) }, dir),
    ];
    expect(shown[0]).toContain('old\thttps://ada:***@example.com/acme/memories.git (fetch)\n');
    const removed = await runIn(dir, ['remote', 'rm', 'old']);
    expect(removed.stdout).toBe('Removed remote old (was https://ada:***@example.com/acme/memories.git)\n');
    for (const text of [...shown, removed.stdout + removed.stderr]) expect(leaks(text, PASSWORD)).toBe(false);
  });
});
