import type { Fact } from './fact.js';
import { escapeControl } from './controlChars.js';
import { resolveConflict, type Conflict, type Decision, type Fold } from './merge.js';

const SUBJECT_MAX = 72;
const BODY_MAX_FACTS = 20;

export interface MessageInput {
  added: readonly Fact[];
  removed: readonly Fact[];
  /** The user's own message (`-m`); replaces the generated subject and body. */
  message?: string;
  version: string;
  /** More trailers after memoir's own (`Memoir-Policy-Override: rule: reason`). */
  trailers?: readonly string[];
}

/** At most `max` UTF-16 units, ending in "…" when cut; never splits a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
  return text.slice(0, end) + '…';
}

function uniq(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * A fact's text in a message: a fact read from a leaf file written with plain git may hold a
 * control character; in a commit object a NUL fails `git fsck`, an ESC reaches `git log`.
 */
const textOf = (fact: Fact): string => escapeControl(fact.text);

/** The generated subject: what was remembered and forgotten, and where. */
export function summarize(added: readonly Fact[], removed: readonly Fact[]): string {
  if (added.length === 0 && removed.length === 0) return 'Update memory';
  if (added.length === 1 && removed.length <= 1)
    return clip(`Remember ${added[0].path}: ${textOf(added[0])}`, SUBJECT_MAX);
  if (added.length === 0 && removed.length === 1)
    return clip(`Forget ${removed[0].path}: ${textOf(removed[0])}`, SUBJECT_MAX);
  const count = (n: number) => `${n} ${n === 1 ? 'fact' : 'facts'}`;
  const verbs = [added.length && `remember ${count(added.length)}`, removed.length && `forget ${count(removed.length)}`]
    .filter(Boolean)
    .join(', ');
  const paths = uniq([...added, ...removed].map((f) => f.path));
  const head = `${verbs[0].toUpperCase()}${verbs.slice(1)}: `;
  // As many paths as fit, then "(+N more)": the subject is never clipped mid-word.
  let shown = paths.length;
  const subject = (n: number) =>
    head + paths.slice(0, n).join(', ') + (n < paths.length ? ` (+${paths.length - n} more)` : '');
  while (shown > 1 && subject(shown).length > SUBJECT_MAX) shown--;
  if (subject(shown).length <= SUBJECT_MAX) return subject(shown);
  // not even one path fits beside the counts: say how many leaves instead
  return clip(`${head}${paths.length} leaves`, SUBJECT_MAX);
}

/** The body of a generated message: `+ path: text` per fact added, `- path: text` per fact removed (capped). */
export function listFacts(added: readonly Fact[], removed: readonly Fact[]): string {
  const lines = [...added.map((f) => `+ ${f.path}: ${textOf(f)}`), ...removed.map((f) => `- ${f.path}: ${textOf(f)}`)];
  const shown = lines.slice(0, BODY_MAX_FACTS).map((l) => clip(l, 100));
  if (lines.length > BODY_MAX_FACTS) shown.push(`… and ${lines.length - BODY_MAX_FACTS} more`);
  return shown.join('\n');
}

/**
 * The full commit message: subject, a body listing the facts (capped), and provenance as
 * git trailers, which `git interpret-trailers --parse` reads back.
 */
export function commitMessage(input: MessageInput): string {
  const { added, removed } = input;
  const parts: string[] = [];
  if (input.message?.trim()) {
    parts.push(input.message.trim());
  } else {
    parts.push(summarize(added, removed));
    if (added.length + removed.length > 1) parts.push(listFacts(added, removed));
  }
  const all = [...added, ...removed];
  const trailers = [
    `Memoir-Added: ${added.length}`,
    `Memoir-Removed: ${removed.length}`,
    `Memoir-Source: ${uniq(added.map((f) => escapeControl(f.source))).join(', ') || 'none'}`,
    `Memoir-Classifier: ${uniq(added.map((f) => escapeControl(f.classifier))).join(', ') || 'none'}`,
    `Memoir-Version: ${input.version}`,
  ];
  if (all.length === 0) trailers.splice(0, 2);
  trailers.push(...(input.trailers ?? []).map((t) => escapeControl(t)));
  parts.push(trailers.join('\n'));
  return parts.join('\n\n') + '\n';
}

/** A commit `memoir consolidate` made: a repair, not learning (its trailer says which kind). */
export function isConsolidation(message: string): boolean {
  return /^Memoir-Consolidate: (dedupe|refile|retire)$/m.test(message);
}

/** A fact in a merge's record: its id and text. */
const quoted = (fact: Fact): string => `${fact.id} "${textOf(fact)}"`;

/** What a decision did, in the past tense, naming the facts it kept by id. */
function decided(c: Conflict, decision: Decision): string {
  const kept = resolveConflict(c, decision);
  switch (decision.kind) {
    case 'ours':
      return c.ours ? `kept ours ${quoted(c.ours)}` : 'kept our removal';
    case 'theirs':
      return c.theirs ? `took theirs ${quoted(c.theirs)}` : 'took their removal';
    case 'both':
      return `kept both ${kept.map(quoted).join(' and ')}`;
    case 'text':
      return `edited ${quoted(kept[0])}`;
  }
}

/**
 * The record of a merge's decisions, as its commit body and its report list them: each conflict
 * by id with what was kept (or the edited text), then their facts folded into ours as the same fact.
 */
export function mergeDecisionLines(
  conflicts: readonly Conflict[],
  decisions: Readonly<Record<string, Decision>>,
  folded: readonly Fold[],
): string[] {
  const lines: string[] = [];
  const settled = conflicts.filter((c) => decisions[c.id]);
  if (settled.length)
    lines.push(
      `Conflicts settled (${settled.length}):`,
      ...settled.map((c) => `  ${c.id} ${c.path}: ${decided(c, decisions[c.id])}`),
    );
  if (folded.length)
    lines.push(
      `Folded as the same fact (${folded.length}):`,
      ...folded.map((f) => `  ${f.path}: theirs ${quoted(f.dropped)} into ours ${quoted(f.kept)}`),
    );
  return lines;
}

export interface MergeMessageInput extends Omit<MessageInput, 'message'> {
  /** The git-like subject ("Merge branch 'x' into main"), or the user's -m message whole. */
  message: string;
  conflicts: readonly Conflict[];
  decisions: Readonly<Record<string, Decision>>;
  folded: readonly Fold[];
  /** The commit merged in. */
  theirs: string;
}

/** A merge commit's message: the subject (or -m message), the decisions made (capped), the trailers, and Memoir-Merge/-Conflicts. */
export function mergeMessage(input: MergeMessageInput): string {
  const lines = mergeDecisionLines(input.conflicts, input.decisions, input.folded);
  const shown = lines.slice(0, BODY_MAX_FACTS * 2).map((l) => clip(l, 100));
  if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more`);
  const message = [input.message.trim(), ...(shown.length ? [shown.join('\n')] : [])].join('\n\n');
  return (
    commitMessage({ ...input, message }).trimEnd() +
    `\nMemoir-Merge: ${input.theirs}\nMemoir-Conflicts: ${input.conflicts.length}\n`
  );
}

/** Reads `Key: value` trailers from the last paragraph of a commit message. */
export function parseTrailers(message: string): Record<string, string> {
  const paragraphs = message.trim().split(/\n\s*\n/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  const trailers: Record<string, string> = {};
  if (paragraphs.length < 2) return trailers;
  for (const line of last.split(/\r?\n/)) {
    const m = /^([A-Za-z][A-Za-z0-9-]*): (.*)$/.exec(line);
    if (!m) return {};
    trailers[m[1]] = m[2];
  }
  return trailers;
}
