import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFileIfExists, writeFileAtomicSync } from '../store/atomicFile.js';
import type { Candidate, Classifier } from './types.js';

/*
 * A classifier's answers kept in the repository's state cache, by a hash of each text (never the
 * text), for as long as its identity (models, taxonomy, corrections) stays the same: the same
 * identity gives the same answer. `consolidate` asks the classifier about every fact it placed;
 * on 10,000 facts that was most of a run. Every classification a writer makes (add, import,
 * capture, MCP, the library) is appended as it is made, a line each, so consolidate finds the
 * answers of the facts it is about to look at already there; consolidate then rewrites the file
 * with the answers of the memory's current texts only, so it never grows far past the memory.
 */

/** The answers the detectors read: the top three (the offline classifier's top k does not depend on k). */
const KEPT = 3;
/** A writer stops appending past this size; the next consolidate compacts the file. */
const MOST_BYTES = 16 * 1024 * 1024;

interface Line {
  /** The classifier's identity, shortened: lines of another identity are ignored. */
  i: string;
  /** The text's hash. */
  t: string;
  c: Candidate[];
}

const keyOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);
const short = (identity: string) => identity.slice(0, 16);

export const keptAnswersFile = (stateDir: string) => path.join(stateDir, 'cache', 'classified.jsonl');

/** The classifier, its answers appended to `file` as it gives them (when it has an identity). */
export function keepingAnswers(classifier: Classifier, file: string): Classifier {
  const { identity } = classifier;
  if (!identity) return classifier;
  return {
    name: classifier.name,
    identity,
    async classify(texts, k, progress) {
      const answered = await classifier.classify(texts, k, progress);
      if (k >= KEPT)
        append(
          file,
          identity,
          texts,
          answered.map((c) => c.candidates),
        );
      return answered;
    },
  };
}

function append(file: string, identity: string, texts: readonly string[], answers: Candidate[][]): void {
  // a cache: a file that cannot be written costs consolidate time, never a result
  try {
    if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MOST_BYTES) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const lines = texts.map((text, n) =>
      JSON.stringify({ i: short(identity), t: keyOf(text), c: answers[n]!.slice(0, KEPT) } satisfies Line),
    );
    fs.appendFileSync(file, `${lines.join('\n')}\n`);
  } catch {}
}

/**
 * The top three candidates for each text, in order: the kept answers where the identity matches,
 * the classifier's for the rest (made only when some are missing, so a run that finds every
 * answer kept never loads the classifier). With `compact` (the texts are the whole memory's), the
 * file is rewritten to hold these texts' answers only; otherwise new answers are appended.
 */
export async function classifyKept(
  identity: string | undefined,
  classifier: () => Promise<Classifier>,
  texts: readonly string[],
  file: string,
  { compact = true } = {},
): Promise<Candidate[][]> {
  if (!identity) return (await (await classifier()).classify(texts, KEPT)).map((c) => c.candidates);
  const { kept, lines: linesRead } = read(file, short(identity));
  const missing = [...new Set(texts.filter((t) => !kept.has(keyOf(t))))];
  if (missing.length > 0) {
    const answered = await (await classifier()).classify(missing, KEPT);
    answered.forEach((c, n) => kept.set(keyOf(missing[n]!), c.candidates.slice(0, KEPT)));
  }
  const answers = texts.map((t) => kept.get(keyOf(t))!);
  if (!compact) {
    if (missing.length > 0)
      append(
        file,
        identity,
        missing,
        missing.map((t) => kept.get(keyOf(t))!),
      );
    return answers;
  }
  const unique = [...new Set(texts)];
  // rewritten when something was asked, or when other texts and identities have piled up
  if (missing.length > 0 || linesRead > unique.length * 2) {
    const lines = unique.map((t) =>
      JSON.stringify({ i: short(identity), t: keyOf(t), c: kept.get(keyOf(t))! } satisfies Line),
    );
    try {
      writeFileAtomicSync(file, `${lines.join('\n')}\n`);
    } catch {}
  }
  return answers;
}

/** The kept answers of one identity, by text hash (a later line wins; an unreadable one is skipped), and how many lines the file has. */
function read(file: string, identity: string): { kept: Map<string, Candidate[]>; lines: number } {
  const kept = new Map<string, Candidate[]>();
  let lines = 0;
  for (const text of (readFileIfExists(file) ?? '').split('\n')) {
    if (!text) continue;
    lines++;
    try {
      const line = JSON.parse(text) as Line;
      if (line.i === identity && typeof line.t === 'string' && Array.isArray(line.c)) kept.set(line.t, line.c);
    } catch {}
  }
  return { kept, lines };
}
