import type { Taxonomy } from '../core/taxonomy.js';
import type { Candidate } from './types.js';

/** Bumped whenever the prompt or the schema changes, so cached answers to the old prompt miss. */
export const PROMPT_VERSION = 2;

/**
 * Characters the taxonomy section may use. Every leaf's path and description and every group
 * heading always go in, whatever the budget; examples are added one per leaf per round while
 * they fit. For the built-in taxonomy (213 leaves) descriptions and headings alone take about
 * 37,000 characters; 48,000 leaves room for one example per leaf: about 12,000 tokens in all.
 */
export const TAXONOMY_BUDGET = 48_000;

/** Up to this many of the user's own corrections go in as few-shot examples. */
export const FEW_SHOT = 5;

/**
 * The leaf paths become an `enum` in the schema, so servers that constrain decoding to the
 * schema (OpenAI, vLLM, llama.cpp, Ollama) cannot invent or misspell a path. OpenAI limits
 * enums: 1,000 values per schema (earlier, and on some Azure deployments, 500), and one enum
 * of more than 250 values must fit in 15,000 characters. A taxonomy beyond that gets a plain
 * string; every reply is checked against the taxonomy either way.
 */
export function pathEnumFits(paths: readonly string[]): boolean {
  if (paths.length > 500) return false;
  return paths.length <= 250 || paths.reduce((n, p) => n + p.length, 0) <= 15_000;
}

export interface Example {
  text: string;
  path: string;
}

const clip = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max - 1) + '…');

/**
 * The taxonomy as the model reads it: groups as headings, one leaf a line, and beneath a leaf
 * its examples, added one per leaf per round while the section stays within `budget`
 * characters (and at most `examplesPerLeaf` each). Paths, descriptions and headings always go
 * in, whatever the budget. With `only`, just those leaves (a shortlist); `headings: false` leaves
 * out the group headings (a leaf's description says enough when few are shown).
 */
export function taxonomySection(
  taxonomy: Taxonomy,
  budget = TAXONOMY_BUDGET,
  options: { only?: ReadonlySet<string>; examplesPerLeaf?: number; headings?: boolean } = {},
): string {
  const { only, examplesPerLeaf = Infinity, headings = true } = options;
  const leaves = [...taxonomy.leaves.values()].filter((leaf) => !only || only.has(leaf.path));
  const blocks: string[][] = [];
  let lastCategory = '';
  let lastGroup = '';
  for (const leaf of leaves) {
    const [category, sub] = leaf.path.split('.');
    const group = `${category}.${sub}`;
    const lines: string[] = [];
    if (headings && category !== lastCategory)
      lines.push('', `# ${category}: ${taxonomy.groups.get(category) ?? ''}`.trimEnd());
    if (headings && group !== lastGroup) lines.push(`## ${group}: ${taxonomy.groups.get(group) ?? ''}`.trimEnd());
    lines.push(`${leaf.path}: ${leaf.description}`);
    [lastCategory, lastGroup] = [category, group];
    blocks.push(lines);
  }
  if (headings && blocks.length > 0) blocks[0].shift(); // no blank line before the first heading
  const examples = leaves.map((): string[] => []);
  let size = blocks.reduce((sum, lines) => sum + lines.reduce((n, line) => n + line.length + 1, 0), 0) - 1;
  for (let round = 0, added = true; added && round < examplesPerLeaf; round++) {
    added = false;
    leaves.forEach((leaf, i) => {
      if (leaf.examples[round] === undefined) return;
      const quoted = JSON.stringify(clip(leaf.examples[round], 200));
      const cost = quoted.length + (examples[i].length === 0 ? '\n  e.g. '.length : ' | '.length);
      if (size + cost > budget) return;
      examples[i].push(quoted);
      size += cost;
      added = true;
    });
  }
  return blocks
    .map((lines, i) => (examples[i].length > 0 ? [...lines, `  e.g. ${examples[i].join(' | ')}`] : lines).join('\n'))
    .join('\n');
}

export type ParsedReply = { ok: true; candidates: Candidate[]; discarded: string[] } | { ok: false; problem: string };

export function extractJson(content: string): unknown {
  const trimmed = content.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    // servers that ignore response_format wrap JSON in prose or ``` fences: take the outermost object
    const start = trimmed.indexOf('{');
    const end = trimmed.lastIndexOf('}');
    if (start < 0 || end <= start) throw new Error('not JSON');
    return JSON.parse(trimmed.slice(start, end + 1));
  }
}

/** Lenient about spelling (`Preferences/UI/Theme`), strict about membership. */
const normalisePath = (path: string) =>
  path
    .trim()
    .toLowerCase()
    .replace(/[/\s]+/g, '.');

/**
 * Reads a reply: valid JSON with candidates, every path checked against the taxonomy (invented
 * ones are dropped and reported), confidences brought into [0, 1], duplicates merged, best first.
 */
export function parseReply(content: string | null | undefined, taxonomy: Taxonomy): ParsedReply {
  const read = readReply(content);
  return read.ok ? parseAnswer(read.data, taxonomy) : read;
}

/** A reply's JSON, or what is wrong with it: empty, or not JSON. */
export function readReply(
  content: string | null | undefined,
): { ok: true; data: unknown } | { ok: false; problem: string } {
  if (!content || content.trim() === '') return { ok: false, problem: 'the reply was empty' };
  try {
    return { ok: true, data: extractJson(content) };
  } catch {
    return { ok: false, problem: 'the reply was not valid JSON' };
  }
}

/** One fact's answer, already read as JSON: `{"candidates": [...]}` or a bare list (see parseReply). */
export function parseAnswer(data: unknown, taxonomy: Taxonomy): ParsedReply {
  const list = Array.isArray(data) ? data : (data as { candidates?: unknown } | null)?.candidates;
  if (!Array.isArray(list)) return { ok: false, problem: 'the reply had no "candidates" list' };
  const raw: Array<{ path: string; confidence: number }> = [];
  const discarded: string[] = [];
  for (const item of list) {
    const given = typeof item === 'string' ? item : (item as { path?: unknown } | null)?.path;
    if (typeof given !== 'string') continue;
    const path = normalisePath(given);
    if (!taxonomy.leaves.has(path)) {
      discarded.push(given);
      continue;
    }
    const value = Number(typeof item === 'string' ? 0 : (item as { confidence?: unknown }).confidence);
    raw.push({ path, confidence: Number.isFinite(value) ? value : 0 });
  }
  // A model that answers in percent (80 rather than 0.8) is rescaled rather than clamped to 1.
  const percent = raw.some((c) => c.confidence > 1) && raw.every((c) => c.confidence <= 100);
  const best = new Map<string, number>();
  for (const c of raw) {
    const confidence = Math.min(1, Math.max(0, percent ? c.confidence / 100 : c.confidence));
    best.set(c.path, Math.max(confidence, best.get(c.path) ?? 0));
  }
  if (best.size === 0) {
    return {
      ok: false,
      problem:
        discarded.length > 0
          ? `every path was outside the taxonomy (${discarded
              .slice(0, 3)
              .map((d) => clip(d, 60))
              .join(', ')})`
          : 'the reply named no leaf',
    };
  }
  // stable sort: equal confidences keep the model's order
  const candidates = [...best]
    .map(([path, confidence]) => ({ path, confidence }))
    .sort((a, b) => b.confidence - a.confidence);
  return { ok: true, candidates, discarded };
}

const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []);

/**
 * The corrections sharing the most words with the fact (Jaccard similarity), at most `n`, newest
 * first among equals; used when the caller has no better measure of closeness.
 */
export function closestExamples(corrections: readonly Example[], text: string, n: number): Example[] {
  const mine = words(text);
  return corrections
    .map((c, index) => {
      const theirs = words(c.text);
      let shared = 0;
      for (const w of theirs) if (mine.has(w)) shared++;
      return { c, index, score: shared / (mine.size + theirs.size - shared || 1) };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || b.index - a.index)
    .slice(0, n)
    .map(({ c }) => ({ text: c.text, path: c.path }));
}
