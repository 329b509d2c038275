import * as fs from 'node:fs';
import * as path from 'node:path';
import { emptyStage } from '../core/stage.js';
import { MemoirError, UsageError } from '../errors/index.js';
import { GitStore } from './git.js';
import { modesFor, OWNER_ONLY } from './modes.js';
import { STATE_DIR } from './repository.js';
import { mkdirInside, writeInside } from './safeWrite.js';
import { writeStage } from './stageFile.js';

/**
 * Creates a memory repository at `gitdir`: a bare git repository on `main`, owner-only
 * (directories 0700, files 0600, recorded as `core.sharedRepository = 0600`), plus memoir's
 * state. A directory already there is used when it is empty or holds no repository yet;
 * its mode is made owner-only only when it is empty (it is then the repository, nothing else).
 * @example await createRepository('/home/me/project/.memoir')
 */
export async function createRepository(gitdir: string): Promise<void> {
  const modes = modesFor(OWNER_ONLY)!;
  try {
    makeDirectory(gitdir, modes.dir);
    await GitStore.init(gitdir, 'main', OWNER_ONLY);
    mkdirInside(gitdir, path.join(gitdir, STATE_DIR));
    writeInside(
      gitdir,
      path.join(gitdir, 'description'),
      'memoir memory repository: facts at taxonomy leaves, one per line\n',
    );
    writeStage(gitdir, emptyStage());
  } catch (error) {
    throw cannotCreate(gitdir, error);
  }
}

function makeDirectory(gitdir: string, mode: number): void {
  const stat = fs.statSync(gitdir, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory()) {
    throw new UsageError(
      'not-a-directory',
      `cannot create a repository at ${gitdir}: it exists and is not a directory`,
      {
        hint: 'move that file away, or create the repository elsewhere with --memoir-dir DIR',
        data: { path: gitdir },
      },
    );
  }
  if (!stat) {
    fs.mkdirSync(path.dirname(gitdir), { recursive: true });
    fs.mkdirSync(gitdir, { mode });
  } else if (fs.readdirSync(gitdir).length === 0) {
    fs.chmodSync(gitdir, mode);
  }
}

/** A file system error while creating, in the user's terms (a path component that is a file, no permission). */
function cannotCreate(gitdir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (error instanceof MemoirError || !code) return error;
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new UsageError(
      'not-a-directory',
      `cannot create a repository at ${gitdir}: a part of that path is a file, not a directory`,
      {
        hint: 'choose another place with --memoir-dir DIR',
        data: { path: gitdir, reason: code },
      },
    );
  }
  return new MemoirError('cannot-create-repository', `cannot create a repository at ${gitdir}: ${code}`, {
    hint:
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'check that you may write there, or choose another place with --memoir-dir DIR'
        : 'check the path, or choose another place with --memoir-dir DIR',
    data: { path: gitdir, reason: code },
  });
}
