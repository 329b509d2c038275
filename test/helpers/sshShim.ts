import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * SSH without sshd or ssh, for the remote tests: a script to use as GIT_SSH_COMMAND. Git calls it as
 * `<script> [-o SendEnv=GIT_PROTOCOL] [-p PORT] host "git-upload-pack '/path'"`; it ignores the options
 * and the host, appends `host command` to `log`, and runs the command locally, so
 * `git clone git@example.com:/abs/path/repo.git` reaches a local bare repository. GIT_PROTOCOL, which
 * git sets for its ssh command, reaches git-upload-pack unchanged (the environment is inherited).
 */
export interface SshShim {
  /** The value for GIT_SSH_COMMAND (quoted for the shell git runs it with). */
  command: string;
  /** One line per call: `host command`. */
  log: string;
  /** GIT_SSH_COMMAND and GIT_SSH_VARIANT=ssh, to spread into a spawned process's environment. */
  env: { GIT_SSH_COMMAND: string; GIT_SSH_VARIANT: string };
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

export function sshShim(dir: string): SshShim {
  const script = path.join(dir, 'ssh-shim');
  const log = path.join(dir, 'ssh-shim.log');
  // git-upload-pack and git-receive-pack live in git's exec path, not always on PATH
  const execPath = execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim();
  const lines = [
    '#!/bin/sh',
    '# GIT_SSH_COMMAND for memoir tests (test/helpers/sshShim.ts): runs the requested git command locally.',
    '# `-G host` is the probe git makes when GIT_SSH_VARIANT is unset: answer as OpenSSH does.',
    '[ "$1" = "-G" ] && exit 0',
    '# the last two arguments are the host and the command; the options before them are ignored',
    'for arg; do host=$cmd; cmd=$arg; done',
    `printf '%s %s\\n' "$host" "$cmd" >> ${quote(log)}`,
    `PATH=${quote(execPath)}:$PATH exec sh -c "$cmd"`,
    '',
  ];
  fs.writeFileSync(script, lines.join('\n'), { mode: 0o755 });
  fs.writeFileSync(log, '');
  const command = quote(script);
  return { command, log, env: { GIT_SSH_COMMAND: command, GIT_SSH_VARIANT: 'ssh' } };
}
