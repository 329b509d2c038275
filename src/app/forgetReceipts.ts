import * as fs from 'node:fs';
import * as path from 'node:path';
import { textHash } from '../core/forget.js';
import { parseLeafLines } from '../core/leafFile.js';
import { UsageError } from '../errors/index.js';
import { type ForgetReceipt, readReceipts } from '../store/forgetLog.js';
import { allObjectIds } from '../store/repack.js';
import { filesUnder } from '../store/filesUnder.js';
import type { Deps } from './deps.js';

/*
 * The forget log read back: every receipt (`forget --log`), and the proof one asks for
 * (`forget --verify <id>`): nothing in the store, objects, reflogs and state, holds a text
 * whose SHA-256 the receipt lists. The check hashes every fact, message line and state entry
 * it reads, so it needs no forgotten text to run.
 */

export async function runForgetLog(deps: Deps): Promise<ForgetReceipt[]> {
  return readReceipts((await deps.memory()).gitdir);
}

export interface ForgetVerification {
  receipt: ForgetReceipt;
  clean: boolean;
  /** Where a hashed text was found: `object <id>`, `logs/HEAD`, `state/stage.json`. */
  found: Array<{ where: string; sha256: string }>;
  checked: { objects: number; files: number };
}

export async function runForgetVerify(id: string, deps: Deps): Promise<ForgetVerification> {
  const memory = await deps.memory();
  const receipts = readReceipts(memory.gitdir).filter((r) => r.id.startsWith(id));
  if (receipts.length !== 1)
    throw new UsageError(
      receipts.length === 0 ? 'unknown-receipt' : 'ambiguous-id',
      receipts.length === 0 ? `no forget receipt ${id}` : `receipt id "${id}" is ambiguous`,
      { hint: '"memoir forget --log" lists the receipts' },
    );
  const receipt = receipts[0];
  const hashes = new Set(receipt.sha256);
  const found: ForgetVerification['found'] = [];
  const check = (where: string, candidates: Iterable<string>) => {
    for (const candidate of candidates) {
      const hash = textHash(candidate);
      if (hashes.has(hash)) found.push({ where, sha256: hash });
    }
  };
  const ids = allObjectIds(memory.gitdir);
  for (const oid of ids) {
    const { type, content } = await memory.readObject(oid);
    check(
      `object ${oid}`,
      type === 'blob' ? textsOfFile(content.toString('utf8')) : textsOfMessage(content.toString('utf8')),
    );
  }
  const files = filesUnder(memory.gitdir).filter((file) => !file.startsWith(`objects${path.sep}`));
  for (const file of files) check(file, textsOfFile(fs.readFileSync(path.join(memory.gitdir, file), 'utf8')));
  return { receipt, clean: found.length === 0, found, checked: { objects: ids.length, files: files.length } };
}

/** What may be a fact's text in a file: each fact of it read as a leaf file, each line, and each JSON string. */
function textsOfFile(text: string): string[] {
  const texts = parseLeafLines(text, 'any.leaf.here', false).facts.map((f) => f.text);
  for (const line of text.split('\n')) texts.push(line, ...textsOfMessage(line));
  for (const match of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    try {
      texts.push(JSON.parse(`"${match[1]}"`) as string);
    } catch {
      // not a JSON string
    }
  }
  return texts;
}

/** What may be a fact's text in a commit message or a reflog line: what follows "leaf: " on a line, and quoted texts. */
function textsOfMessage(text: string): string[] {
  const texts: string[] = [];
  for (const line of text.split('\n')) {
    for (const match of line.matchAll(/[a-z0-9_]+\.[a-z0-9_]+\.[a-z0-9_]+: (.*)$/g)) texts.push(match[1]);
    for (const match of line.matchAll(/"([^"]*)"/g)) texts.push(match[1]);
  }
  return texts;
}
