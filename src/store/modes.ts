import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The permissions of what memoir creates inside a repository. Memory is private data, so a
 * repository made by `memoir init` is owner-only, as ssh keeps ~/.ssh: its config says
 * `core.sharedRepository = 0600`, exactly as `git init --shared=0600` writes it. The setting
 * lives in the repository, so native git (gc, fetch, hash-object) creates its files with the
 * same modes memoir does. A repository without it (made by an older memoir, or by git) keeps
 * the umask's modes: memoir never changes the permissions of an existing repository.
 */

export interface Modes {
  file: number;
  dir: number;
}

/** The `core.sharedRepository` value `memoir init` writes: files 0600, directories 0700. */
export const OWNER_ONLY = '0600';

/**
 * The modes a `core.sharedRepository` value asks for, as git computes them: files get the
 * value itself, directories add an execute bit wherever it grants read. Only the octal form
 * is honoured; `group`, `all` and the rest are left to the umask, as before.
 * @example modesFor('0600') // { file: 0o600, dir: 0o700 }
 */
export function modesFor(value: string | undefined): Modes | undefined {
  const octal = value?.trim();
  if (!octal || !/^0[0-7]{3}$/.test(octal)) return undefined;
  const file = parseInt(octal, 8);
  // git refuses a value that takes read or write away from the owner; so does memoir
  if ((file & 0o600) !== 0o600) return undefined;
  return { file, dir: file | ((file & 0o444) >> 2) };
}

/** `core.sharedRepository` from the text of a git config file (section and key names are case-insensitive). */
export function sharedRepositorySetting(config: string): string | undefined {
  let inCore = false;
  let value: string | undefined;
  for (const line of config.split('\n')) {
    const section = /^\s*\[\s*([^\]\s"]+)[^\]]*\]/.exec(line);
    if (section) inCore = section[1].toLowerCase() === 'core';
    const entry = inCore ? /^\s*sharedrepository\s*=\s*([^#;]*)/i.exec(line) : null;
    if (entry) value = entry[1].trim().replace(/^"(.*)"$/, '$1');
  }
  return value;
}

const known = new Map<string, { stamp: string; modes: Modes | undefined }>();

/** The modes for new files and directories in a repository; undefined leaves them to the umask. */
export function repositoryModes(gitdir: string): Modes | undefined {
  const file = path.join(gitdir, 'config');
  let stamp: string;
  try {
    const stat = fs.statSync(file);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
  const cached = known.get(gitdir);
  if (cached?.stamp === stamp) return cached.modes;
  const modes = modesFor(sharedRepositorySetting(fs.readFileSync(file, 'utf8')));
  known.set(gitdir, { stamp, modes });
  return modes;
}
