import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoirError } from '../../errors/index.js';
import type { GitStore } from '../git.js';
import { listRefs } from '../refs.js';
import { tmpDirOf } from '../safeWrite.js';
import {
  type BranchUpdate,
  type BranchUpdateResult,
  type Fetched,
  type RemoteRefs,
  remoteRefs,
  type TransferOptions,
  type Transport,
} from './transport.js';
import { readShallow } from '../shallow.js';

/*
 * SSH remotes through the system's git, which brings the user's ssh setup (keys, agent,
 * ~/.ssh/config, GIT_SSH_COMMAND). git never runs on the store itself, whose config may have come
 * from someone else's folder (hooks, `core.sshCommand`, `uploadpack`): it runs on a scratch
 * repository memoir writes, with the store's objects as its object directory. Objects land
 * straight in the store; refs land in the scratch, and memoir moves its own refs from there.
 */

/** Variables that would point git at another repository than the one memoir hands it. */
const REPOSITORY_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

/** Only ssh, whatever the URL turns out to say: no `ext::`, no local or other transports by this path. */
const ONLY_SSH = ['-c', 'protocol.allow=never', '-c', 'protocol.ssh.allow=always'];
let scratches = 0;

const QUIET = ['-c', 'gc.auto=0', '-c', 'maintenance.auto=false', '-c', 'fetch.writeCommitGraph=false'];

export class SystemGitTransport implements Transport {
  constructor(
    private readonly url: string,
    private readonly label: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async listRefs(): Promise<RemoteRefs> {
    const { stdout } = await this.git(['ls-remote', '--symref', this.url], {});
    const refs: Array<[string, string]> = [];
    let head: string | undefined;
    for (const line of stdout.split('\n')) {
      head ??= /^ref: (\S+)\tHEAD$/.exec(line)?.[1];
      const ref = /^([0-9a-f]{40})\t(\S+)$/.exec(line);
      if (ref) refs.push([ref[2], ref[1]]);
    }
    return remoteRefs(refs, head);
  }

  async fetch(local: GitStore, haves: readonly string[], options: TransferOptions = {}): Promise<Fetched> {
    return this.inScratch(local, haves, async (scratch) => {
      // git learns where a shallow store's history stops, and tells us where it stops now
      const before = local.shallowCommits();
      if (before.size > 0) fs.writeFileSync(path.join(scratch, 'shallow'), [...before].join('\n') + '\n');
      await this.git(
        [
          ...QUIET,
          'fetch',
          '--no-tags',
          '--no-write-fetch-head',
          options.onProgress ? '--progress' : '--quiet',
          ...(options.depth !== undefined ? [`--depth=${options.depth}`] : []),
          this.url,
          '+refs/heads/*:refs/fetched/*',
        ],
        { scratch, objects: path.join(local.gitdir, 'objects') },
      );
      const after = readShallow(scratch);
      return {
        branches: new Map(listRefs(scratch, 'refs/fetched/').map((b) => [b.name, b.oid])),
        shallow: { add: [...after].filter((o) => !before.has(o)), remove: [...before].filter((o) => !after.has(o)) },
      };
    });
  }

  async push(
    local: GitStore,
    plan: (remote: RemoteRefs) => Promise<BranchUpdate[]>,
    _options: TransferOptions = {},
  ): Promise<{ remote: RemoteRefs; results: BranchUpdateResult[] }> {
    const remote = await this.listRefs();
    const updates = await plan(remote);
    if (updates.length === 0) return { remote, results: [] };
    const args = [...QUIET, 'push', '--porcelain', '--atomic'];
    for (const u of updates) args.push(`--force-with-lease=refs/heads/${u.branch}:${u.old ?? ''}`);
    args.push(this.url, ...updates.map((u) => `${u.new ?? ''}:refs/heads/${u.branch}`));
    const { stdout, stderr, status } = await this.inScratch(local, [], (scratch) =>
      this.git(args, { scratch, objects: path.join(local.gitdir, 'objects'), allowFailure: true }),
    );
    const reported = new Map<string, { ok: boolean; reason?: string }>();
    for (const line of stdout.split('\n')) {
      const match = /^(.)\t[^:]*:refs\/heads\/(\S+)\t(.*)$/.exec(line);
      if (!match) continue;
      const reason = /\(([^)]*)\)\s*$/.exec(match[3])?.[1];
      reported.set(match[2], { ok: match[1] !== '!', ...(reason ? { reason } : {}) });
    }
    if (status !== 0 && reported.size === 0) throw this.failure(stderr);
    const results = updates.map((u) => ({
      ...u,
      ...(reported.get(u.branch) ?? { ok: false, reason: 'not reported' }),
    }));
    return { remote, results };
  }

  /** Runs `step` with a scratch repository whose packed-refs name `haves`, so git tells the remote what we hold. */
  private async inScratch<T>(
    local: GitStore,
    haves: readonly string[],
    step: (scratch: string) => Promise<T>,
  ): Promise<T> {
    // named as the store's temporary files are, so one left by a killed process is swept
    const scratch = path.join(tmpDirOf(local.gitdir), `git.tmp-${process.pid}-${++scratches}`);
    fs.mkdirSync(scratch, { recursive: true });
    try {
      fs.mkdirSync(path.join(scratch, 'refs'));
      fs.writeFileSync(path.join(scratch, 'HEAD'), 'ref: refs/heads/main\n');
      fs.writeFileSync(path.join(scratch, 'config'), '[core]\n\trepositoryformatversion = 0\n\tbare = true\n');
      fs.writeFileSync(
        path.join(scratch, 'packed-refs'),
        [...new Set(haves)].map((oid, i) => `${oid} refs/have/${i}\n`).join(''),
      );
      return await step(scratch);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }

  private async git(
    args: string[],
    where: { scratch?: string; objects?: string; allowFailure?: boolean },
  ): Promise<{ stdout: string; stderr: string; status: number }> {
    const env: NodeJS.ProcessEnv = { ...this.env, GIT_TERMINAL_PROMPT: '0' };
    for (const name of REPOSITORY_VARIABLES) delete env[name];
    if (where.scratch) env.GIT_DIR = where.scratch;
    if (where.objects) env.GIT_OBJECT_DIRECTORY = where.objects;
    const { spawn } = await import('node:child_process');
    const result = await new Promise<{ stdout: string; stderr: string; status: number }>((resolve, reject) => {
      const child = spawn('git', [...ONLY_SSH, ...args], {
        cwd: where.scratch ?? os.tmpdir(),
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        resolve({
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          status: code ?? 1,
        }),
      );
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT')
        throw new MemoirError(
          'git-not-installed',
          `${this.label} is an SSH remote, and reaching it needs git, which is not installed`,
          {
            hint: 'install git (it brings your ssh setup), or use an HTTPS URL with a token: memoir remote set-url <name> https://… and MEMOIR_REMOTE_TOKEN',
          },
        );
      throw error;
    });
    if (result.status !== 0 && !where.allowFailure) throw this.failure(result.stderr);
    return result;
  }

  /** git's complaint, in memoir's terms: one line naming the remote. */
  private failure(stderr: string): MemoirError {
    const said = stderr
      .split('\n')
      .map((l) => l.replace(/[\p{Cc}]/gu, ' ').trim())
      .filter(Boolean);
    const text = said.join(' ');
    const line = (said.find((l) => l.startsWith('fatal:') || l.startsWith('error:')) ?? said.at(-1) ?? '').slice(
      0,
      200,
    );
    if (/Permission denied|Authentication failed|Host key verification failed/i.test(text))
      return new MemoirError('remote-auth-failed', `${this.label} refused the SSH connection: ${line}`, {
        hint: 'check that your ssh key is loaded (ssh-add -l) and has access; "ssh -T <host>" tests it',
      });
    if (
      /Could not resolve hostname|Connection refused|Connection timed out|No route to host|Network is unreachable/i.test(
        text,
      )
    )
      return new MemoirError('remote-unreachable', `cannot reach ${this.label}: ${line}`, {
        hint: 'check the URL ("memoir remote -v") and the network, then retry; nothing changed locally',
      });
    if (/does not appear to be a git repository|not found|No such file or directory/i.test(text))
      return new MemoirError('remote-not-found', `${this.label} has no repository at that address: ${line}`, {
        hint: 'check the URL with "memoir remote -v"; fix it with "memoir remote set-url"',
      });
    return new MemoirError('remote-transfer-failed', `the transfer with ${this.label} failed: ${line}`, {
      hint: 'retry; nothing changed locally',
    });
  }
}
