import { createHash } from 'node:crypto';
import { readFileIfExists, writeFileAtomicSync } from '../store/atomicFile.js';
import type { Candidate, Classifier } from './types.js';

/*
 * A classifier's answers kept in a file, by text, for as long as its identity (models, taxonomy,
 * corrections) stays the same: `consolidate` asks the classifier about every fact it placed, and
 * on a memory of 10,000 facts that was two-thirds of the run, every run. The file holds the
 * answers for the texts of the last call only, so it never grows past the memory.
 */

interface KeptFile {
  identity: string;
  k: number;
  answers: Record<string, Candidate[]>;
}

const keyOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/** The candidates for each text, in order: kept answers where the identity matches, the classifier's for the rest. */
export async function classifyKept(
  classifier: Classifier,
  texts: readonly string[],
  k: number,
  file: string,
): Promise<Candidate[][]> {
  if (!classifier.identity) return (await classifier.classify(texts, k)).map((c) => c.candidates);
  const kept = read(file, classifier.identity, k);
  const missing = [...new Set(texts.filter((t) => !kept.has(keyOf(t))))];
  if (missing.length > 0) {
    const answered = await classifier.classify(missing, k);
    answered.forEach((c, i) => kept.set(keyOf(missing[i]!), c.candidates));
  }
  const answers = texts.map((t) => kept.get(keyOf(t))!);
  if (missing.length > 0) {
    const body: KeptFile = {
      identity: classifier.identity,
      k,
      answers: Object.fromEntries(texts.map((t, i) => [keyOf(t), answers[i]!])),
    };
    // a cache: a file that cannot be written costs the next run time, never a result
    try {
      writeFileAtomicSync(file, JSON.stringify(body));
    } catch {}
  }
  return answers;
}

function read(file: string, identity: string, k: number): Map<string, Candidate[]> {
  try {
    const body = JSON.parse(readFileIfExists(file) ?? 'null') as KeptFile | null;
    if (body?.identity !== identity || body.k !== k) return new Map();
    return new Map(Object.entries(body.answers));
  } catch {
    return new Map(); // unreadable: asked again
  }
}
