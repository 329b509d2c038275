import * as fs from 'node:fs';
import { UsageError } from '../errors/index.js';
import type { Deps } from './deps.js';
import type { Memory } from '../store/memory.js';
import { commitsOf, selectRange } from './range.js';

/*
 * `memoir verify-commit <rev>...`: each commit's SSH signature checked, and its key looked up in
 * the allowed-signers file (--allowed-signers, or gpg.ssh.allowedSignersFile), as `git
 * verify-commit` does with gpg.format=ssh.
 */

export type SignatureStatus = 'good' | 'bad' | 'unknown-key' | 'unsigned';

export interface CommitVerification {
  commit: string;
  status: SignatureStatus;
  /** The key's fingerprint (`SHA256:…`), when the commit is signed. */
  key?: string;
  /** Who the allowed-signers file says the key is. */
  principals: string[];
  reason?: string;
}

export async function runVerifyCommits(
  revs: string[],
  options: { allowedSigners?: string },
  deps: Deps,
): Promise<CommitVerification[]> {
  if (revs.length === 0) throw new UsageError('usage', 'name the commits to verify: memoir verify-commit HEAD');
  const memory = await deps.memory();
  const commits: string[] = [];
  for (const rev of revs) commits.push(await memory.resolve(rev));
  return verifications(memory, commits, await allowedSigners(options.allowedSigners, deps));
}

/** The allowed-signers file's text: the one given, else gpg.ssh.allowedSignersFile; '' when neither is set. */
export async function allowedSigners(given: string | undefined, deps: Deps): Promise<string> {
  const file = given ?? (await deps.config()).get('gpg.ssh.allowedSignersFile');
  if (!file) return '';
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      'unreadable-file',
      `cannot read the allowed-signers file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        hint: 'one line per key: "email ssh-ed25519 AAAA…", as git\'s gpg.ssh.allowedSignersFile',
      },
    );
  }
}

/** Each commit's signature checked against the allowed signers (their file's text). */
export async function verifications(
  memory: Memory,
  commits: readonly string[],
  allowed: string,
): Promise<CommitVerification[]> {
  const { commitSignature, fingerprint, principalsFor, sshVerify } = await import('../core/sshSignature.js');
  const results: CommitVerification[] = [];
  for (const commit of commits) {
    const { payload, signature } = commitSignature(await memory.rawCommit(commit));
    if (!signature) {
      results.push({ commit, status: 'unsigned', principals: [] });
      continue;
    }
    const check = sshVerify(payload, signature);
    const key = check.publicBlob ? fingerprint(check.publicBlob) : undefined;
    if (check.status === 'bad') {
      results.push({ commit, status: 'bad', ...(key ? { key } : {}), principals: [], reason: check.reason });
      continue;
    }
    const principals = principalsFor(allowed, check.publicBlob);
    results.push({
      commit,
      status: principals.length > 0 ? 'good' : 'unknown-key',
      ...(key ? { key } : {}),
      principals,
    });
  }
  return results;
}

/**
 * `memoir verify [<rev> | <a..b>]`: every commit of a history (default: HEAD's) or a range,
 * verified as verify-commit does, newest first.
 */
export async function runVerifyRange(
  range: string | undefined,
  options: { allowedSigners?: string },
  deps: Deps,
): Promise<CommitVerification[]> {
  const memory = await deps.memory();
  const { start, only } = await selectRange(memory, range, (await memory.head()).oid);
  const commits: string[] = [];
  for await (const commit of commitsOf(memory, start, only)) commits.push(commit.oid);
  return commits.length === 0 ? [] : runVerifyCommits(commits, options, deps);
}
