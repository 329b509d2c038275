import { createHash } from './lazyBuiltins.js';
import { escapeControl } from './controlChars.js';
import type { Fact } from './fact.js';
import { parseLeafLines } from './leafFile.js';

/*
 * What `memoir forget` erases, as pure functions: which facts a selection names, a leaf file
 * without them, and any other text (a commit message, a reflog line, a file memoir did not
 * write) with every copy of their words replaced by FORGOTTEN, including the clipped copies
 * that generated subjects and bodies end with "…".
 */

/** What stands where a forgotten text was quoted. */
export const FORGOTTEN = '[forgotten]';

/** Which facts to forget: by id (or 4+ leading digits), every fact ever held at a leaf, or by text. */
export type ForgetSelection =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'leaf'; leaf: string }
  | { kind: 'match'; text: string }
  | { kind: 'regex'; pattern: RegExp };

/** Whether a fact read from history is named by the selection (ids are matched by prefix). */
export function selects(selection: ForgetSelection, fact: Fact): boolean {
  switch (selection.kind) {
    case 'ids':
      return selection.ids.some((id) => fact.id.startsWith(id));
    case 'leaf':
      return fact.path === selection.leaf;
    case 'match':
      return fact.text.toLowerCase().includes(selection.text.toLowerCase());
    case 'regex':
      selection.pattern.lastIndex = 0;
      return selection.pattern.test(fact.text);
  }
}

/** The SHA-256 of a text, as a receipt records it (hex). */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A leaf file's text without the facts whose text is forgotten; lines that are no fact but quote
 * a forgotten text (a note written with plain git) keep their place with the words replaced.
 * `text` is undefined when nothing but blank lines is left (the file goes), and `removed`
 * lists the facts taken out. Unchanged: undefined.
 */
export function forgetInLeafFile(
  content: string,
  path: string,
  forgotten: ReadonlySet<string>,
): { text: string | undefined; removed: Fact[] } | undefined {
  const raws = content.split('\n');
  const removed: Fact[] = [];
  const drop = new Set<number>();
  let changed = false;
  for (const line of parseLeafLines(content, path).lines) {
    if (line.kind === 'fact' && forgotten.has(line.fact.text)) {
      removed.push(line.fact);
      drop.add(line.number - 1);
      continue;
    }
    // another fact that quotes a forgotten text stays as it is: it was not asked for (see quotesForgotten)
    if (line.kind === 'fact') continue;
    const scrubbed = scrubText(line.raw, forgotten);
    if (scrubbed !== line.raw) {
      raws[line.number - 1] = scrubbed;
      changed = true;
    }
  }
  if (removed.length === 0 && !changed) return undefined;
  const kept = raws.filter((_, i) => !drop.has(i));
  const text = kept.join('\n');
  return { text: kept.every((raw) => raw.trim() === '') ? undefined : text, removed };
}

/** Whether a fact that is kept quotes a forgotten text inside its own (the plan names it). */
export function quotesForgotten(fact: Fact, forgotten: ReadonlySet<string>): boolean {
  if (forgotten.has(fact.text)) return false;
  for (const text of forgotten) if (fact.text.includes(text)) return true;
  return false;
}

/**
 * The text with every copy of a forgotten text replaced by FORGOTTEN: the text as written, as
 * a message writes it (control characters made visible) and as JSON writes it; then, on a line
 * ending in "…" (a subject or body line memoir clipped), the clipped start of one.
 */
export function scrubText(text: string, forgotten: Iterable<string>): string {
  let out = text;
  const texts = [...forgotten].sort((a, b) => b.length - a.length);
  for (const t of texts) for (const variant of variants(t)) out = out.split(variant).join(FORGOTTEN);
  if (!out.includes('…')) return out;
  return out
    .split('\n')
    .map((line) => scrubClipped(line, texts))
    .join('\n');
}

/** The ways a text is written where memoir quotes it: as it is, in a message (control characters made visible), in JSON. */
export function variants(text: string): string[] {
  return [...new Set([text, escapeControl(text), JSON.stringify(text).slice(1, -1)])].filter((v) => v !== '');
}

/** `Remember a.b.c: My sister Ana is a carp…` → `Remember a.b.c: [forgotten]`, when the clipped words start a forgotten text. */
function scrubClipped(line: string, texts: readonly string[]): string {
  const end = line.replace(/\r$/, '');
  if (!end.endsWith('…')) return line;
  const body = end.slice(0, -1);
  for (const text of texts)
    for (const variant of variants(text))
      for (let k = Math.min(variant.length, body.length); k > 0; k--) {
        const start = body.length - k;
        if (!body.endsWith(variant.slice(0, k))) continue;
        // the clipped words start where a generated line puts a text: after ": " or a quote
        if (start > 0 && !/(: |")$/.test(body.slice(0, start))) continue;
        return body.slice(0, start) + FORGOTTEN + line.slice(end.length);
      }
  return line;
}
