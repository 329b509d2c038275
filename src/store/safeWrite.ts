import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoirError, RefusedError } from '../errors/index.js';
import { writeFileAtomicSync } from './atomicFile.js';
import { repositoryModes, type Modes } from './modes.js';
import { STATE_DIR } from './repository.js';

/*
 * Every file memoir creates, appends to or removes inside a repository goes through here, for
 * two guarantees:
 * - new files and directories get the repository's modes (owner-only for one `memoir init`
 *   made, see modes.ts);
 * - nothing is written through a symbolic link inside the repository. Git never puts links
 *   there, but a store copied or unpacked from elsewhere may carry them (`logs/HEAD` pointing
 *   at ~/.bashrc, `refs/heads` at ~/.ssh), and following one would let a commit write outside
 *   the store. A link on the way is refused; a link in the place of a file that is replaced
 *   whole (a ref, a state file) is replaced, never followed.
 * The repository directory itself may be a link: that is the user's choice, not the store's.
 */

/** Where atomic writes stage their temporary files: inside the store, outside refs/ and objects/. */
export function tmpDirOf(gitdir: string): string {
  return path.join(gitdir, STATE_DIR, 'tmp');
}

function linkRefused(link: string): RefusedError {
  return new RefusedError(
    'symlink-in-repository',
    `${link} is a symbolic link: memoir never writes through a link inside its repository`,
    {
      hint: 'replace the link with the file or directory it stands for (git never creates links there), then retry',
      data: { path: link },
    },
  );
}

/**
 * Refuses when a directory between the repository and `file` is a symbolic link, or, with
 * `final`, when `file` itself is one.
 */
export function refuseLinks(gitdir: string, file: string, final = false): void {
  const relative = path.relative(gitdir, file);
  if (relative === '') return;
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new RefusedError(
      'outside-repository',
      `memoir will not write ${file}: it is outside the repository ${gitdir}`,
      {
        hint: `a ref or state name leads out of the store; run "git --git-dir ${gitdir} fsck" and check HEAD`,
        data: { path: file },
      },
    );
  }
  const parts = relative.split(path.sep);
  let at = gitdir;
  for (const part of final ? parts : parts.slice(0, -1)) {
    at = path.join(at, part);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // the rest will be created as real directories
      throw error;
    }
    if (stat.isSymbolicLink()) throw linkRefused(at);
  }
}

/**
 * A file system failure while changing the store, in the user's terms: a directory where a
 * file belongs, no permission, a full disk. Not a bug in memoir, so never an internal error.
 */
export function writeError(file: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (error instanceof MemoirError || typeof code !== 'string') return error;
  return new MemoirError('cannot-write', `cannot write ${file}: ${code}`, {
    hint:
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'check that you may write to the repository'
        : code === 'ENOSPC'
          ? 'free some disk space, then retry'
          : 'something is in the way there: run "git fsck" on the repository and move it aside',
    data: { path: file, reason: code },
  });
}

function writing<T>(file: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw writeError(file, error);
  }
}

/**
 * Creates a directory (and its missing parents) with the repository's modes (`modes` when the
 * repository's config is not written yet).
 */
export function mkdirInside(gitdir: string, dir: string, recursive = true, modes = repositoryModes(gitdir)): void {
  refuseLinks(gitdir, dir, true);
  fs.mkdirSync(dir, { recursive, mode: modes?.dir });
}

/** Replaces a file atomically (temporary file, then rename), with the repository's modes. */
export function writeInside(
  gitdir: string,
  file: string,
  data: string | Uint8Array,
  modes: Modes | undefined = repositoryModes(gitdir),
): void {
  const tmpDir = tmpDirOf(gitdir);
  refuseLinks(gitdir, file);
  refuseLinks(gitdir, tmpDir, true);
  writing(file, () => writeFileAtomicSync(file, data, { tmpDir, mode: modes?.file, dirMode: modes?.dir }));
}

/** Appends to a file (a reflog), creating it with the repository's modes; never through a link. */
export function appendInside(gitdir: string, file: string, text: string): void {
  refuseLinks(gitdir, file);
  const modes = repositoryModes(gitdir);
  writing(file, () => {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: modes?.dir });
    const flags = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | (fs.constants.O_NOFOLLOW ?? 0);
    let fd: number;
    try {
      fd = fs.openSync(file, flags, modes?.file ?? 0o666);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw linkRefused(file);
      throw error;
    }
    try {
      fs.writeSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
  });
}

/** Removes a file if it is there (a link is removed itself, never its target). */
export function removeInside(gitdir: string, file: string): void {
  refuseLinks(gitdir, file);
  writing(file, () => fs.rmSync(file, { force: true }));
}

/** Moves a file to another place in the repository, creating the directories on the way. */
export function renameInside(gitdir: string, from: string, to: string): void {
  refuseLinks(gitdir, from);
  refuseLinks(gitdir, to);
  writing(to, () => {
    fs.mkdirSync(path.dirname(to), { recursive: true, mode: repositoryModes(gitdir)?.dir });
    fs.renameSync(from, to);
  });
}
