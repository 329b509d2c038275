import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, tempDir } from '../helpers/cli.js';
import { gitdirOf, gitIn, jsonError, ok, revParse } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';
import { FOOD } from '../helpers/merge.js';

/*
 * Signed commits (issue 18): memoir signs as git does with gpg.format=ssh, so `git
 * verify-commit` accepts memoir's signatures and memoir verifies git's; a commit changed after
 * it was signed is bad for both. The keys are made by the test, with ssh-keygen, and thrown away.
 */

function keyPair(dir: string, comment: string, keyType = 'ed25519') {
  const key = path.join(dir, `key-${keyType}-${comment}`);
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    keyType,
    ...(keyType === 'rsa' ? ['-b', '2048'] : []),
    '-N',
    '',
    '-C',
    comment,
    '-f',
    key,
  ]);
  const [type, blob] = fs.readFileSync(`${key}.pub`, 'utf8').split(' ');
  return { key, line: `${comment} ${type} ${blob}\n` };
}

async function signedRepo() {
  const dir = tempDir();
  const keys = tempDir();
  const me = keyPair(keys, 'me@example.com');
  const stranger = keyPair(keys, 'stranger@example.com');
  const allowed = path.join(keys, 'allowed_signers');
  fs.writeFileSync(allowed, me.line);
  ok(await runIn(dir, ['init', '-q']));
  return { dir, me, stranger, allowed };
}

/** A policy file with one signing rule, and its allowed-signers file beside it; the policy's path. */
function signingPolicy(signers: string, name: string, branch: string): string {
  const folder = tempDir();
  fs.writeFileSync(path.join(folder, 'allowed_signers'), signers);
  const policy = path.join(folder, 'policy.yaml');
  fs.writeFileSync(
    policy,
    `rules:\n  - name: ${name}\n    signing: { branches: ["${branch}"], allowedSigners: allowed_signers }\n`,
  );
  return policy;
}

type Verified = Array<{ commit: string; status: string; principals: string[] }>;

describe('signed commits', () => {
  it('signs with -S or commit.sign; git verify-commit accepts it, and memoir says good, unknown-key or unsigned', async () => {
    const { dir, me, stranger, allowed } = await signedRepo();
    ok(await runIn(dir, ['add', 'Likes tea', '-p', FOOD, '--commit', '-S'], { MEMOIR_SIGNING_KEY: me.key }));
    ok(await runIn(dir, ['add', 'Likes coffee', '-p', FOOD, '--commit']));
    ok(
      await runIn(dir, ['add', 'Likes cocoa', '-p', FOOD, '--commit'], {
        MEMOIR_SIGNING_KEY: me.key,
        MEMOIR_COMMIT_SIGN: 'true',
      }),
    );
    ok(await runIn(dir, ['add', 'Likes juice', '-p', FOOD, '--commit', '-S'], { MEMOIR_SIGNING_KEY: stranger.key }));
    expect(gitIn(dir, ['cat-file', 'commit', 'main~3'])).toContain('gpgsig -----BEGIN SSH SIGNATURE-----');
    for (const rev of ['main~3', 'main~1'])
      expect(gitIn(dir, ['-c', `gpg.ssh.allowedSignersFile=${allowed}`, 'verify-commit', rev])).toBe('');
    const result = await runIn(dir, [
      'verify-commit',
      'main~3',
      'main~2',
      'main~1',
      'main',
      '--allowed-signers',
      allowed,
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(parseJson<Verified>(result.stdout).map((v) => [v.status, v.principals])).toEqual([
      ['good', ['me@example.com']],
      ['unsigned', []],
      ['good', ['me@example.com']],
      ['unknown-key', []],
    ]);
    ok(await runIn(dir, ['verify-commit', 'main~1', '--allowed-signers', allowed]));
    // log --show-signature, against gpg.ssh.allowedSignersFile
    const env = { MEMOIR_ALLOWED_SIGNERS: allowed, NO_COLOR: '1' };
    const logged = parseJson<Array<{ signature: { status: string } }>>(
      ok(await runIn(dir, ['log', '--show-signature', '--json'], env)).stdout,
    );
    expect(logged.map((c) => c.signature.status)).toEqual(['unknown-key', 'good', 'unsigned', 'good']);
    const human = ok(await runIn(dir, ['log', '--show-signature', '-n', '2'], env, true)).stdout;
    expect(human).toMatch(/^commit [0-9a-f]{40} \(HEAD -> main\)\nSignature: unknown-key SHA256:/);
    expect(human).toMatch(/\ncommit [0-9a-f]{40}\nSignature: good for me@example\.com SHA256:/);
    expect(ok(await runIn(dir, ['log', '--oneline', '--show-signature'], env, true)).stdout).toMatch(
      /^[0-9a-f]{7} U \(HEAD/,
    );
    // a whole history, or a range: each commit once, newest first
    const all = parseJson<Verified>((await runIn(dir, ['verify', '--allowed-signers', allowed, '--json'])).stdout);
    expect(all.map((v) => v.commit)).toEqual(gitIn(dir, ['log', '--format=%H', 'main']).trim().split('\n'));
    ok(await runIn(dir, ['verify', 'main~2..main~1', '--allowed-signers', allowed]));
  }, 20_000);

  it('verifies a commit native git signed, and finds a commit changed after signing bad, as git does', async () => {
    const { dir, me, allowed } = await signedRepo();
    ok(await runIn(dir, ['add', 'Likes tea', '-p', FOOD, '--commit', '-S'], { MEMOIR_SIGNING_KEY: me.key }));
    const native = gitIn(dir, [
      '-c',
      'gpg.format=ssh',
      '-c',
      `user.signingkey=${me.key}`,
      '-c',
      'user.name=Native',
      '-c',
      'user.email=me@example.com',
      'commit-tree',
      '-S',
      'main^{tree}',
      '-p',
      'main',
      '-m',
      'signed by git',
    ]).trim();
    const tampered = execFileSync('git', ['--git-dir', gitdirOf(dir), 'hash-object', '-t', 'commit', '-w', '--stdin'], {
      input: gitIn(dir, ['cat-file', 'commit', 'main']).replace('Likes tea', 'Likes TEA'),
      encoding: 'utf8',
    }).trim();
    const result = await runIn(dir, ['verify-commit', native, tampered, '--allowed-signers', allowed, '--json']);
    expect(parseJson<Verified>(result.stdout).map((v) => v.status)).toEqual(['good', 'bad']);
    expect(() => gitIn(dir, ['-c', `gpg.ssh.allowedSignersFile=${allowed}`, 'verify-commit', tampered])).toThrow();
    expect(revParse(dir)).not.toBe(tampered);
  }, 20_000);

  it('signs with an RSA key too (rsa-sha2-512), as git verifies it', async () => {
    const { dir } = await signedRepo();
    const rsa = keyPair(tempDir(), 'rsa@example.com', 'rsa');
    const allowed = path.join(tempDir(), 'allowed_signers');
    fs.writeFileSync(allowed, rsa.line);
    ok(await runIn(dir, ['add', 'Likes tea', '-p', FOOD, '--commit', '-S'], { MEMOIR_SIGNING_KEY: rsa.key }));
    expect(gitIn(dir, ['-c', `gpg.ssh.allowedSignersFile=${allowed}`, 'verify-commit', 'main'])).toBe('');
    const verified = parseJson<Verified>(
      ok(await runIn(dir, ['verify-commit', 'main', '--allowed-signers', allowed, '--json'])).stdout,
    );
    expect(verified[0]).toMatchObject({ status: 'good', principals: ['rsa@example.com'] });
  }, 20_000);

  it('signs through ssh-agent when user.signingKey names a public key, as git does', async () => {
    const { dir, me, stranger, allowed } = await signedRepo();
    const socket = path.join(tempDir(), 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !fs.existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));
      execFileSync('ssh-add', ['-q', me.key], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
      const agentEnv = { SSH_AUTH_SOCK: socket, MEMOIR_SIGNING_KEY: `${me.key}.pub` };
      ok(await runIn(dir, ['add', 'Likes tea', '-p', FOOD, '--commit', '-S'], agentEnv));
      expect(gitIn(dir, ['-c', `gpg.ssh.allowedSignersFile=${allowed}`, 'verify-commit', 'main'])).toBe('');
      const missing = await runIn(dir, ['add', 'Likes coffee', '-p', FOOD, '--commit', '-S', '--json'], {
        SSH_AUTH_SOCK: socket,
        MEMOIR_SIGNING_KEY: `${stranger.key}.pub`,
      });
      expect(jsonError(missing)).toMatchObject({ code: 'signing-key-unreadable' });
      expect(jsonError(missing).message).toContain('ssh-agent does not hold the key');
    } finally {
      agent.kill();
    }
  }, 20_000);

  it('signs merges and reverts too when signing is on', async () => {
    const { dir, me, allowed } = await signedRepo();
    const signing = { MEMOIR_SIGNING_KEY: me.key, MEMOIR_COMMIT_SIGN: 'true' };
    ok(await runIn(dir, ['add', 'Likes tea', '-p', FOOD, '--commit'], signing));
    ok(await runIn(dir, ['branch', 'side']));
    ok(await runIn(dir, ['add', 'Likes coffee', '-p', FOOD, '--commit', '-b', 'side'], signing));
    ok(await runIn(dir, ['add', 'Writes Go', '-p', 'preferences.coding.languages', '--commit'], signing));
    ok(await runIn(dir, ['merge', 'side', '--no-input'], signing));
    ok(await runIn(dir, ['revert', 'HEAD~1', '-S'], { MEMOIR_SIGNING_KEY: me.key }));
    expect(gitIn(dir, ['rev-list', '--merges', '--count', 'main']).trim()).toBe('1');
    const verified = parseJson<Verified>(
      ok(await runIn(dir, ['verify-commit', 'main', 'main~1', '--allowed-signers', allowed, '--json'])).stdout,
    );
    expect(verified.map((v) => v.status)).toEqual(['good', 'good']);
    for (const rev of ['main', 'main~1'])
      expect(gitIn(dir, ['-c', `gpg.ssh.allowedSignersFile=${allowed}`, 'verify-commit', rev])).toBe('');
  }, 20_000);

  it('says what to do when signing is asked for without a usable key (exit 1), and writes nothing', async () => {
    const { dir } = await signedRepo();
    const missing = await runIn(dir, ['add', 'Likes tea', '-p', FOOD, '--commit', '-S', '--json']);
    expect(missing.code).toBe(1);
    expect(jsonError(missing)).toMatchObject({ code: 'no-signing-key' });
    const notKey = path.join(tempDir(), 'not-a-key');
    fs.writeFileSync(notKey, 'hello\n');
    const bad = await runIn(dir, ['add', 'Likes tea', '-p', FOOD, '--commit', '-S', '--json'], {
      MEMOIR_SIGNING_KEY: notKey,
    });
    expect(jsonError(bad)).toMatchObject({ code: 'signing-key-unreadable' });
    expect(() => gitIn(dir, ['rev-parse', '--verify', '-q', 'main'])).toThrow();
  });

  it('holds a branch a signing rule covers to commits signed by a key its allowed-signers file lists; a merge of unsigned commits moves nothing', async () => {
    const { dir, me, stranger } = await signedRepo();
    const policy = signingPolicy(me.line, 'stable-is-signed', 'stable');
    ok(await runIn(dir, ['add', 'Likes tea', '-p', FOOD, '--commit']));
    ok(await runIn(dir, ['policy', 'set', policy]));
    expect(gitIn(dir, ['show', 'main:allowed_signers'])).toBe(me.line);
    ok(await runIn(dir, ['branch', 'stable']));
    const unsigned = await runIn(dir, ['add', 'Likes coffee', '-p', FOOD, '--commit', '-b', 'stable', '--json']);
    expect(unsigned.code).toBe(4);
    expect(jsonError(unsigned)).toMatchObject({ code: 'policy-violation' });
    const wrongKey = await runIn(dir, ['add', 'Likes coffee', '-p', FOOD, '--commit', '-b', 'stable', '-S'], {
      MEMOIR_SIGNING_KEY: stranger.key,
    });
    expect(wrongKey.code).toBe(4);
    expect(wrongKey.stderr).toContain('is not one allowed_signers lists');
    ok(
      await runIn(dir, ['add', 'Likes coffee', '-p', FOOD, '--commit', '-b', 'stable', '-S'], {
        MEMOIR_SIGNING_KEY: me.key,
      }),
    );
    // audit of stable: the signed commit passes, the unsigned history before the rule does not
    const range = parseJson<{ findings: unknown[] }>(
      (await runIn(dir, ['policy', 'audit', 'main..stable', '--json'])).stdout,
    );
    expect(range.findings).toEqual([]);
    const whole = parseJson<{ findings: Array<{ commit: string }> }>(
      (await runIn(dir, ['policy', 'audit', 'stable', '--json'])).stdout,
    );
    expect(whole.findings.map((f) => f.commit)).not.toContain(revParse(dir, 'stable'));
    expect(whole.findings.length).toBeGreaterThan(0);

    // unsigned commits on main, merged into stable: refused, the branch stays
    ok(await runIn(dir, ['add', 'Likes cocoa', '-p', FOOD, '--commit']));
    ok(await runIn(dir, ['checkout', 'stable']));
    const before = revParse(dir, 'stable');
    const merge = await runIn(dir, ['merge', 'main', '--no-input', '-S', '--json'], { MEMOIR_SIGNING_KEY: me.key });
    expect(merge.code).toBe(4);
    expect(jsonError(merge).message).toMatch(/commit [0-9a-f]{7} is unsigned/);
    expect(revParse(dir, 'stable')).toBe(before);
  }, 20_000);

  it('stops a pull that brings unsigned commits onto a signed-only branch: no ref moves; signed ones pass', async () => {
    const { dir, me } = await signedRepo();
    const policy = signingPolicy(me.line, 'main-is-signed', 'main');
    const signing = { MEMOIR_SIGNING_KEY: me.key };
    ok(await runIn(dir, ['add', 'Likes tea', '-p', FOOD, '--commit', '-S'], signing));
    ok(await runIn(dir, ['policy', 'set', policy, '-S'], signing));
    const bare = path.join(tempDir(), 'memory.git');
    execFileSync('git', ['init', '-q', '--bare', bare]);
    ok(await runIn(dir, ['remote', 'add', 'origin', bare]));
    ok(await runIn(dir, ['push', '-u', '-q']));
    // another clone, where nobody signs: its commit reaches the remote, and the pull stops at it
    const other = tempDir();
    ok(await runIn(other, ['clone', bare, '-q']));
    const unsigned = await runIn(other, ['add', 'Likes coffee', '-p', FOOD, '--commit', '--json']);
    expect(jsonError(unsigned)).toMatchObject({ code: 'policy-violation' });
    ok(await runIn(other, ['add', 'Likes coffee', '-p', FOOD, '--commit', '-S'], signing));
    ok(await runIn(other, ['push', '-q']));
    ok(await runIn(dir, ['pull', '-q']));
    expect(revParse(dir)).toBe(revParse(other));
    // a commit made with plain git, unsigned, pushed to the remote: the pull refuses it
    const plain = execFileSync(
      'git',
      [
        '--git-dir',
        bare,
        '-c',
        'user.name=N',
        '-c',
        'user.email=n@example.com',
        'commit-tree',
        'main^{tree}',
        '-p',
        'main',
        '-m',
        'plain git, unsigned',
      ],
      { encoding: 'utf8' },
    ).trim();
    execFileSync('git', ['--git-dir', bare, 'update-ref', 'refs/heads/main', plain]);
    const before = revParse(dir);
    const refused = await runIn(dir, ['pull', '--json']);
    expect(refused.code).toBe(4);
    expect(jsonError(refused)).toMatchObject({ code: 'policy-violation' });
    expect(revParse(dir)).toBe(before);
  }, 30_000);
});
