import { emptyStage, isStage, type Stage } from '../core/stage.js';
import { readStateFile, stateFilePath, writeStateFile, type StateFile } from './stateFile.js';

const STAGE: StateFile<Stage> = {
  name: 'stage.json',
  empty: emptyStage,
  isValid: isStage,
  corrupt: {
    code: 'corrupt-stage',
    what: 'stage file',
    hint: 'restore it from a backup, or remove it to unstage everything ("memoir status" shows what is staged)',
  },
};

export function stagePath(gitdir: string): string {
  return stateFilePath(gitdir, STAGE.name);
}

/** The staged operations; an absent file is an empty stage. */
export function readStage(gitdir: string): Stage {
  return readStateFile(gitdir, STAGE);
}

/** Replaces the stage atomically: a killed writer leaves the old stage or the new, never half. */
export function writeStage(gitdir: string, stage: Stage): void {
  writeStateFile(gitdir, STAGE, stage);
}
