import type { DiffResult } from '../app/diff.js';
import type * as api from '../library/api.js';
import { CHANGE_KINDS, changeId, countChanges, countKinds, type FactChange } from '../core/factDiff.js';
import type { Renderer } from '../runtime/emit.js';
import type { Palette } from './palette.js';
import { plainRecord, plural } from './format.js';

/** Marks the words a modification changed: (old, new) → both texts, highlighted. */
export type WordHighlighter = (before: string, after: string, p: Palette) => [string, string];

const wholeTexts: WordHighlighter = (before, after, p) => [p.removed(before), p.added(after)];

/**
 * The word-level highlighter for a terminal with colour; `diff` (jsdiff) is loaded only then.
 */
export async function loadWordHighlighter(): Promise<WordHighlighter> {
  const { diffWordsWithSpace } = await import('diff');
  return (before, after, p) => {
    let old = '';
    let now = '';
    for (const part of diffWordsWithSpace(before, after)) {
      if (part.added) now += p.addedWord(part.value);
      else if (part.removed) old += p.removedWord(part.value);
      else {
        old += p.removed(part.value);
        now += p.added(part.value);
      }
    }
    return [old, now];
  };
}

/** The mark of each kind of change, in listings and in `--stat` columns. */
export const CHANGE_MARK: Record<FactChange['kind'], string> = {
  added: '+',
  removed: '-',
  modified: '~',
  superseded: '>',
};

/** One change for a person: `+ text`, `- text`, `~ old → new` (edited), `> old → new` (superseded), with the fact's id dimmed. */
export function changeLine(change: FactChange, p: Palette, highlight: WordHighlighter = wholeTexts): string {
  const id = p.dim(changeId(change));
  if (change.kind === 'added') return `${p.added('+')} ${p.added(change.new!.text)}  ${id}`;
  if (change.kind === 'removed') return `${p.removed('-')} ${p.removed(change.old!.text)}  ${id}`;
  const [before, after] = highlight(change.old!.text, change.new!.text, p);
  return `${p.changed(CHANGE_MARK[change.kind])} ${before} ${p.dim('→')} ${after}  ${id}`;
}

/** Changes grouped under their leaf, as `diff`, `show` and `log -p` print them. */
export function changesByLeaf(
  changes: readonly FactChange[],
  p: Palette,
  highlight?: WordHighlighter,
  indent = '',
): string {
  let out = '';
  let leaf: string | undefined;
  for (const change of changes) {
    if (change.path !== leaf) out += `${indent}${p.path((leaf = change.path))}\n`;
    out += `${indent}  ${changeLine(change, p, highlight)}\n`;
  }
  return out;
}

/** One change as a plain record: kind, path, id, old text, new text (empty where absent). */
export function changePlain(change: FactChange): string {
  return plainRecord([change.kind, change.path, changeId(change), change.old?.text, change.new?.text]);
}

/** The documented JSON of a change: `{path, kind, old, new, id}` with fact texts, null where absent. */
export function changeJson(change: FactChange): api.FactChange {
  return {
    path: change.path,
    kind: change.kind,
    old: change.old?.text ?? null,
    new: change.new?.text ?? null,
    id: changeId(change),
  };
}

function summary(changes: readonly FactChange[]): string {
  const leaves = new Set(changes.map((c) => c.path)).size;
  const counts = countKinds(changes);
  return `${plural(leaves, 'leaf', 'leaves')} changed: ${CHANGE_KINDS.map((kind) => `${counts[kind]} ${kind}`).join(', ')}\n`;
}

/** `--stat` for a person (diff, log): a row per leaf with each kind's count, then the totals. */
export function statHuman(changes: readonly FactChange[], p: Palette, indent = ''): string {
  const rows = countChanges(changes);
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((r) => r.path.length));
  const mark = (kind: FactChange['kind'], n: number) =>
    (kind === 'added' ? p.added : kind === 'removed' ? p.removed : p.changed)(`${CHANGE_MARK[kind]}${n}`);
  const lines = rows.map(
    (r) => `${indent} ${p.path(r.path.padEnd(width))} | ${CHANGE_KINDS.map((kind) => mark(kind, r[kind])).join(' ')}\n`,
  );
  return lines.join('') + `${indent} ${summary(changes)}`;
}

/** `--stat` as plain records: path, then the counts added, removed, modified, superseded. */
export function statPlain(changes: readonly FactChange[]): string {
  return countChanges(changes)
    .map((r) => plainRecord([r.path, ...CHANGE_KINDS.map((kind) => r[kind])]))
    .join('');
}

export function diffRenderer(
  mode: 'changes' | 'stat' | 'name-only',
  highlight?: WordHighlighter,
): Renderer<DiffResult> {
  if (mode === 'name-only') {
    const names = (r: DiffResult) => [...new Set(r.changes.map((c) => c.path))];
    return {
      human: (r) =>
        names(r)
          .map((n) => n + '\n')
          .join(''),
      plain: (r) =>
        names(r)
          .map((n) => n + '\n')
          .join(''),
      json: names,
    };
  }
  if (mode === 'stat')
    return {
      human: (result, p) => statHuman(result.changes, p),
      plain: (result) => statPlain(result.changes),
      json: (result) => countChanges(result.changes),
    };
  return {
    human: (result, p) => changesByLeaf(result.changes, p, highlight),
    plain: (result) => result.changes.map(changePlain).join(''),
    json: (result) => result.changes.map(changeJson),
  };
}
