import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFileIfExists } from './atomicFile.js';

/*
 * The forget log, `.memoir/forget-log.jsonl`: one receipt per forget, appended, never holding a
 * forgotten text: a person can show what was erased, when, by whom and why, and `forget
 * --verify` can prove against the hashes that none of it is left.
 */

export interface ForgetReceipt {
  id: string;
  /** When (ISO 8601, UTC). */
  at: string;
  /** `Name <email>`: who ran it. */
  by: string;
  reason: string | null;
  factIds: string[];
  /** The SHA-256 of each forgotten text (hex). */
  sha256: string[];
  leaves: string[];
  /** Every commit whose id changed: `dropped` when it changed nothing else and its parent stands in for it. */
  commitsRewritten: Array<{ old: string; new: string; dropped?: true }>;
  /** Local branches moved. */
  branches: string[];
  /** Every ref moved, with its old and new commit (push --force-with-lease reads a remote's old tip here). */
  refs: Array<{ ref: string; old: string; new: string }>;
  /** Remotes whose branches still hold the old commits (until the rewrite is pushed). */
  remotes: string[];
  /** The protect rules passed with --override-policy (the reason is `reason`). */
  overrides?: string[];
}

export const FORGET_LOG = 'forget-log.jsonl';

/** Whether any forget ran here (one stat): only then does a fetch look for forgotten facts. */
export function hasForgotten(gitdir: string): boolean {
  return fs.existsSync(path.join(gitdir, FORGET_LOG));
}

/** Every receipt, oldest first; a line that is no receipt (hand-edited) is skipped. */
export function readReceipts(gitdir: string): ForgetReceipt[] {
  const receipts: ForgetReceipt[] = [];
  for (const line of (readFileIfExists(path.join(gitdir, FORGET_LOG)) ?? '').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const receipt = JSON.parse(line) as ForgetReceipt;
      if (typeof receipt?.id === 'string' && Array.isArray(receipt.sha256)) receipts.push(receipt);
    } catch {
      // not a receipt
    }
  }
  return receipts;
}

/** The forget log with one more receipt: the whole file, for the forget's journal to write. */
export function appendReceipt(gitdir: string, receipt: ForgetReceipt): { file: string; content: string } {
  const before = readFileIfExists(path.join(gitdir, FORGET_LOG)) ?? '';
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  return { file: FORGET_LOG, content: `${before}${separator}${JSON.stringify(receipt)}\n` };
}

/**
 * The commit a remote-tracking ref named before the forgets that moved it: what the remote still
 * holds, the lease `push --force-with-lease` checks. The current value when no forget moved it.
 */
export function tipBeforeForgets(gitdir: string, ref: string, current: string | undefined): string | undefined {
  let tip = current;
  for (const receipt of readReceipts(gitdir).reverse())
    for (const move of receipt.refs) if (move.ref === ref && move.new === tip) tip = move.old;
  return tip;
}

/** The receipt of the forget that rewrote this commit away, if one did. */
export function forgetThatRewrote(gitdir: string, commit: string): string | undefined {
  return readReceipts(gitdir).find((r) => r.commitsRewritten.some((c) => c.old === commit))?.id;
}
