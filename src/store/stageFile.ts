import * as path from 'node:path';
import { MemoirError } from '../errors/index.js';
import { emptyStage, isStage, type Stage } from '../core/stage.js';
import { readFileIfExists, writeFileAtomicSync } from './atomicFile.js';
import { STATE_DIR } from './repository.js';

export function stagePath(gitdir: string): string {
  return path.join(gitdir, STATE_DIR, 'stage.json');
}

/** The staged operations; an absent file is an empty stage. */
export function readStage(gitdir: string): Stage {
  const file = stagePath(gitdir);
  const text = readFileIfExists(file);
  if (text === undefined || text.trim() === '') return emptyStage();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isStage(parsed)) {
    throw new MemoirError('corrupt-stage', `the stage file ${file} is not valid`, {
      hint: 'restore it from a backup, or remove it to unstage everything ("memoir status" shows what is staged)',
    });
  }
  return parsed;
}

/** Replaces the stage atomically: a killed writer leaves the old stage or the new, never half. */
export function writeStage(gitdir: string, stage: Stage): void {
  writeFileAtomicSync(stagePath(gitdir), JSON.stringify(stage) + '\n', { tmpDir: path.join(gitdir, STATE_DIR, 'tmp') });
}
