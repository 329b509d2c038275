import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { findSecrets } from '../../src/core/secrets.js';

/**
 * Training data for the offline classifier: data/training/*.jsonl, one {"text", "path"} a line.
 * Besides shape and coverage, the independence checks make sure no training fact nearly repeats
 * a taxonomy example or an evaluation fact (bench/classify-eval.jsonl, and the gold facts of
 * capture's conversations, bench/capture/conversations/*.gold.json). On failure only the
 * training line is reported - never the example or evaluation text it resembles.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TRAINING_DIR = path.join(ROOT, 'data/training');
const EVAL_FILE = path.join(ROOT, 'bench/classify-eval.jsonl');
const CAPTURE_GOLD_DIR = path.join(ROOT, 'bench/capture/conversations');
const PER_LEAF = 12;
/** chat-*.jsonl: facts as said in a chat, a few a leaf (near-duplicates of the evaluations were dropped). */
const CHAT_PER_LEAF = [4, 8] as const;
const MAX_JACCARD = 0.6;
const PERSONAL = [
  'profile',
  'preferences',
  'relationships',
  'work',
  'education',
  'health',
  'goals',
  'routine',
  'beliefs',
  'events',
  'finance',
];
const CODING = ['project', 'workflow', 'knowledge', 'setup', 'assistant'];

interface Line {
  file: string;
  line: number;
  raw: string;
  text?: string;
  path?: string;
  error?: string;
}

const where = (l: Line) => `${l.file}:${l.line}: ${JSON.stringify(l.text ?? l.raw)}`;

function readTraining(): Line[] {
  const files = existsSync(TRAINING_DIR)
    ? readdirSync(TRAINING_DIR)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
    : [];
  const lines: Line[] = [];
  for (const file of files) {
    const rows = readFileSync(path.join(TRAINING_DIR, file), 'utf8').split('\n');
    rows.forEach((raw, i) => {
      if (raw.trim() === '') return;
      const entry: Line = { file: `data/training/${file}`, line: i + 1, raw };
      try {
        const value = JSON.parse(raw) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          entry.error = 'not a JSON object';
        } else {
          const { text, path: leaf } = value as Record<string, unknown>;
          if (typeof text !== 'string' || text.trim() === '') entry.error = '"text" must be a non-empty string';
          else entry.text = text;
          if (typeof leaf !== 'string') entry.error = '"path" must be a string';
          else entry.path = leaf;
          const extra = Object.keys(value).filter((k) => k !== 'text' && k !== 'path');
          if (extra.length) entry.error = `unexpected keys: ${extra.join(', ')}`;
        }
      } catch {
        entry.error = 'does not parse as JSON';
      }
      lines.push(entry);
    });
  }
  return lines;
}

/** Lower case, punctuation removed, whitespace collapsed: the key for "the same text". */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The set of words of 3+ letters, lower-cased (apostrophes dropped, so "don't" is "dont"). */
const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .replace(/['’]/g, '')
      .match(/\p{L}{3,}/gu) ?? [],
  );

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}

/** Word sets of the evaluation facts; any problem is reported without the file's content. */
function readEvaluation(): { sets: Set<string>[]; problem?: string } {
  if (!existsSync(EVAL_FILE)) return { sets: [], problem: 'bench/classify-eval.jsonl is missing' };
  const sets: Set<string>[] = [];
  const rows = readFileSync(EVAL_FILE, 'utf8').split('\n');
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(rows[i]);
    } catch {
      return { sets, problem: `bench/classify-eval.jsonl line ${i + 1} does not parse` };
    }
    const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const text =
      typeof record.text === 'string' ? record.text : typeof record.fact === 'string' ? record.fact : undefined;
    if (text === undefined) return { sets, problem: `bench/classify-eval.jsonl line ${i + 1} has no "text"` };
    sets.push(words(text));
  }
  if (sets.length === 0) return { sets, problem: 'bench/classify-eval.jsonl holds no facts' };
  const gold = existsSync(CAPTURE_GOLD_DIR)
    ? readdirSync(CAPTURE_GOLD_DIR).filter((f) => f.endsWith('.gold.json'))
    : [];
  if (gold.length === 0) return { sets, problem: 'bench/capture/conversations holds no gold files' };
  for (const file of gold) {
    const { facts } = JSON.parse(readFileSync(path.join(CAPTURE_GOLD_DIR, file), 'utf8')) as {
      facts: Array<{ text: string }>;
    };
    for (const fact of facts) sets.push(words(fact.text));
  }
  return { sets };
}

/** Training lines whose word set is too close to any of `others`; only the training line is named. */
function nearDuplicates(lines: Line[], others: Set<string>[], kind: string): string[] {
  const failures: string[] = [];
  for (const l of lines) {
    if (l.text === undefined) continue;
    const mine = words(l.text);
    if (others.some((other) => jaccard(mine, other) >= MAX_JACCARD)) failures.push(`${where(l)} - ${kind}`);
  }
  return failures;
}

describe('training data (data/training/*.jsonl)', () => {
  const taxonomy = builtinTaxonomy();
  const lines = readTraining();
  const good = lines.filter((l) => l.error === undefined);

  it('has at least one file with facts', () => {
    expect(lines.length, 'no training lines found in data/training/*.jsonl').toBeGreaterThan(0);
  });

  it('every line parses as {"text", "path"}', () => {
    const failures = lines.filter((l) => l.error).map((l) => `${where(l)} - ${l.error}`);
    expect(failures.length, `lines that do not parse:\n${failures.join('\n')}`).toBe(0);
  });

  it('every path is a leaf of the built-in taxonomy', () => {
    const failures = good
      .filter((l) => !taxonomy.leaves.has(l.path!))
      .map((l) => `${where(l)} - "${l.path}" is not a leaf`);
    expect(failures.length, `paths that are not leaves:\n${failures.join('\n')}`).toBe(0);
  });

  it('texts are 2 to 40 words long and hold no secrets', () => {
    const failures: string[] = [];
    for (const l of good) {
      const n = l.text!.trim().split(/\s+/).length;
      if (n < 2 || n > 40) failures.push(`${where(l)} - ${n} words`);
      if (findSecrets(l.text!).length > 0) failures.push(`${where(l)} - looks like it holds a secret`);
    }
    expect(failures.length, `bad texts:\n${failures.join('\n')}`).toBe(0);
  });

  it('texts are unique across all files (ignoring case and punctuation)', () => {
    const seen = new Map<string, Line>();
    const failures: string[] = [];
    for (const l of good) {
      const key = normalise(l.text!);
      const first = seen.get(key);
      if (first) failures.push(`${where(l)} - duplicate of ${first.file}:${first.line}`);
      else seen.set(key, l);
    }
    expect(failures.length, `duplicate texts:\n${failures.join('\n')}`).toBe(0);
  });

  it(`in every file, every covered leaf has exactly ${PER_LEAF} facts`, () => {
    // Counted per file: each file is a round of PER_LEAF facts for each leaf it covers.
    const byFile = new Map<string, Map<string, number>>();
    for (const l of lines) byFile.set(path.basename(l.file), byFile.get(path.basename(l.file)) ?? new Map());
    for (const l of good) {
      const counts = byFile.get(path.basename(l.file))!;
      counts.set(l.path!, (counts.get(l.path!) ?? 0) + 1);
    }
    // A file of a category family (personal*.jsonl, coding*.jsonl) must cover that family in full;
    // any other leaf is required only where it appears.
    const families: [string, string[]][] = [
      ['personal', PERSONAL],
      ['coding', CODING],
    ];
    const failures: string[] = [];
    for (const [file, counts] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
      if (file.startsWith('chat')) continue; // counted below
      const required = new Set(counts.keys());
      for (const [prefix, categories] of families) {
        if (!file.startsWith(prefix)) continue;
        for (const leaf of taxonomy.leaves.keys()) if (categories.includes(leaf.split('.')[0])) required.add(leaf);
      }
      for (const leaf of [...required].sort()) {
        if (taxonomy.leaves.has(leaf) && counts.get(leaf) !== PER_LEAF)
          failures.push(`${file}: ${leaf}: ${counts.get(leaf) ?? 0} facts`);
      }
    }
    expect(failures.length, `leaves without exactly ${PER_LEAF} facts in a file:\n${failures.join('\n')}`).toBe(0);
  });

  it(`the chat files together cover every leaf, ${CHAT_PER_LEAF[0]} to ${CHAT_PER_LEAF[1]} facts each`, () => {
    const counts = new Map<string, number>();
    for (const l of good)
      if (path.basename(l.file).startsWith('chat')) counts.set(l.path!, (counts.get(l.path!) ?? 0) + 1);
    const failures = [...taxonomy.leaves.keys()]
      .filter((leaf) => (counts.get(leaf) ?? 0) < CHAT_PER_LEAF[0] || (counts.get(leaf) ?? 0) > CHAT_PER_LEAF[1])
      .map((leaf) => `${leaf}: ${counts.get(leaf) ?? 0} facts`);
    expect(failures.length, `leaves outside ${CHAT_PER_LEAF.join('-')} chat facts:\n${failures.join('\n')}`).toBe(0);
  });

  it(`no text nearly duplicates a taxonomy example (word Jaccard < ${MAX_JACCARD})`, () => {
    const examples = [...taxonomy.leaves.values()].flatMap((leaf) => leaf.examples.map(words));
    const failures = nearDuplicates(good, examples, 'too similar to a taxonomy example');
    expect(failures.length, `training lines too close to a taxonomy example:\n${failures.join('\n')}`).toBe(0);
  });

  it(`no text nearly duplicates an evaluation fact (word Jaccard < ${MAX_JACCARD})`, () => {
    const { sets, problem } = readEvaluation();
    expect(problem, 'the evaluation file could not be used').toBeUndefined();
    const failures = nearDuplicates(good, sets, 'too similar to an evaluation fact');
    expect(failures.length, `training lines too close to an evaluation fact:\n${failures.join('\n')}`).toBe(0);
  });
});
