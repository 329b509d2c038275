import { createHash } from './lazyBuiltins.js';
import { FACT_ID_LENGTH, MAX_FACT_LENGTH, type Fact } from './fact.js';
import { SEGMENT } from './taxonomy.js';

/*
 * The text of one leaf file (`preferences/ui/theme.md`): one fact per line, as a Markdown
 * list item whose metadata rides in an HTML comment at the end of the line, e.g.
 *
 *   - I prefer dark mode in every app <!-- id=3fa2c91b0d at=2026-11-21T13:00:00Z src=cli by=manual -->
 *
 * The text stays verbatim and readable in `git show`, renders cleanly as Markdown, and a
 * line changes only when its fact does, so native `git blame` attributes facts exactly.
 */

// `s`: a fact's text may hold characters `.` would not match (U+2028, U+2029, a lone CR).
const LINE = /^- (.*) <!-- (id=[0-9a-f]+(?: [a-z][a-z0-9-]*=\S*)*) -->$/s;
const COMMENT = ' <!-- ';
const META = /^(id=[0-9a-f]+(?: [a-z][a-z0-9-]*=\S*)*) -->$/;

/**
 * A memoir line's text and metadata, as LINE reads them, or undefined. LINE's greedy text runs
 * to the last comment that reads as metadata, and only the last " <!-- id=" can start one (a
 * later one would sit inside it, where no token starts with "<"): that one is checked first,
 * without LINE's backtracking through the whole line (a merge or an index build reads thousands).
 */
function splitFactLine(line: string): [text: string, meta: string] | undefined {
  const at = line.lastIndexOf(`${COMMENT}id=`);
  if (at >= 2 && line.startsWith('- ')) {
    const meta = META.exec(line.slice(at + COMMENT.length));
    if (meta) return [line.slice(2, at), meta[1]];
  }
  const match = LINE.exec(line);
  return match ? [match[1], match[2]] : undefined;
}

const HOW = new Set(['auto', 'yes', 'accepted', 'picked', 'edited']);

/** Percent-encodes what would break a `key=value` token: whitespace, `%`, and `-->`. */
function encodeValue(value: string): string {
  return value.replace(/[%\s]|-->/g, (m) => (m === '-->' ? '%2D%2D%3E' : encodeURIComponent(m)));
}

function decodeValue(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function formatFactLine(fact: Fact): string {
  // built as one string: a bulk add or a merge formats thousands of lines
  let meta = '';
  const token = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') meta += ` ${key}=${encodeValue(value)}`;
  };
  token('id', fact.id);
  token('at', fact.recordedAt);
  token('src', fact.source);
  token('by', fact.classifier);
  token('conf', fact.confidence === undefined ? undefined : fact.confidence.toFixed(2));
  token('how', fact.how);
  token('sup', fact.supersedes);
  token('from', fact.validFrom);
  token('until', fact.validUntil);
  token('when', fact.when);
  // Unknown keys are written back exactly as read, an empty value included.
  if (fact.extra) for (const [key, value] of Object.entries(fact.extra)) meta += ` ${key}=${encodeValue(value)}`;
  return `- ${fact.text} <!-- ${meta.slice(1)} -->`;
}

/**
 * Parses one line; undefined when it is not a fact line (blank lines, hand-written notes).
 * Hot: a diff or merge of a large leaf parses thousands of lines, so there is one pass over
 * the tokens and no intermediate map.
 */
export function parseFactLine(line: string, path: string): Fact | undefined {
  const match = splitFactLine(line);
  if (!match) return undefined;
  const fact: Fact = { id: '', path, text: match[0], recordedAt: '', source: 'unknown', classifier: 'unknown' };
  let extra: Record<string, string> | undefined;
  for (const token of match[1].split(' ')) {
    const eq = token.indexOf('=');
    const key = token.slice(0, eq);
    const value = decodeValue(token.slice(eq + 1));
    // a repeated key: the last one wins
    switch (key) {
      case 'id':
        fact.id = value;
        break;
      case 'at':
        fact.recordedAt = value;
        break;
      case 'src':
        fact.source = value;
        break;
      case 'by':
        fact.classifier = value;
        break;
      case 'conf':
        if (!Number.isNaN(Number(value))) fact.confidence = Number(value);
        else delete fact.confidence;
        break;
      case 'sup':
        fact.supersedes = value;
        break;
      case 'from':
        fact.validFrom = value;
        break;
      case 'until':
        fact.validUntil = value;
        break;
      case 'when':
        fact.when = value;
        break;
      case 'how':
        // a `how` this version does not know is kept, not lost
        if (HOW.has(value)) {
          fact.how = value as Fact['how'];
          if (extra) delete extra.how;
        } else {
          delete fact.how;
          (extra ??= {}).how = value;
        }
        break;
      default:
        (extra ??= {})[key] = value;
    }
  }
  if (extra && Object.keys(extra).length > 0) fact.extra = extra;
  return fact;
}

/** The facts of a leaf file, in file order (memoir's lines and foreign ones); LF or CRLF line ends. */
export function parseLeafFile(content: string, path: string): Fact[] {
  return parseLeafLines(content, path, false).facts;
}

/** The file's text for these facts, or undefined when there are none (the file is removed). */
export function formatLeafFile(facts: readonly Fact[]): string | undefined {
  return writeLeafFile(undefined, '', facts).text;
}

/**
 * The new text of a leaf file that held `original` (undefined: a new file) and now holds
 * `facts`: every line memoir does not mean to change is kept byte for byte (foreign facts,
 * blank and unreadable lines, their order, CRLF ends); a fact whose effective id is gone
 * loses its line, a changed one is rewritten in memoir's format in place, and a new fact goes
 * after the kept fact it follows in `facts` (those that follow none: before the first kept
 * fact, or at the end when none is kept). `text` is undefined when nothing but blank lines
 * would be left (the file is removed); `unreadable` counts the lines kept that memoir cannot read as facts.
 * @example writeLeafFile('# notes\n- tea\n', leaf, [...facts, newFact]).text === '# notes\n- tea\n- new <!-- id=… -->\n'
 */
export function writeLeafFile(
  original: string | { lines: readonly LeafLine[]; unended: boolean } | undefined,
  path: string,
  facts: readonly Fact[],
): { text: string | undefined; unreadable: number } {
  const { lines, unended } =
    typeof original === 'string' ? parseLeafLines(original, path) : (original ?? { lines: [], unended: false });
  const present = new Set<string>();
  for (const line of lines) if (line.kind === 'fact') present.add(line.fact.id);
  // each new fact hangs after the kept fact before it in `facts` ('' : none before it)
  const wanted = new Map<string, Fact>();
  const after = new Map<string, Fact[]>();
  let anchor = '';
  for (const fact of facts) {
    if (present.has(fact.id) && !wanted.has(fact.id)) {
      wanted.set(fact.id, fact);
      anchor = fact.id;
    } else (after.get(anchor) ?? after.set(anchor, []).get(anchor)!).push(fact);
  }
  const end = lines[0]?.raw.endsWith('\r') ? '\r' : '';
  const out: string[] = [];
  const emitAfter = (id: string) => {
    for (const fact of after.get(id) ?? []) out.push(formatFactLine(fact) + end);
    after.delete(id);
  };
  let unreadable = 0;
  let keptFact = false;
  let lastIsOriginal = false;
  for (const line of lines) {
    lastIsOriginal = false;
    if (line.kind !== 'fact') {
      out.push(line.raw);
      if (line.kind === 'unreadable') unreadable++;
      lastIsOriginal = true;
      continue;
    }
    const fact = wanted.get(line.fact.id);
    if (!fact) continue;
    if (!keptFact) emitAfter('');
    keptFact = true;
    const same = fact === line.fact || sameFact(fact, line.fact);
    out.push(same ? line.raw : formatFactLine(fact) + (line.raw.endsWith('\r') ? '\r' : ''));
    lastIsOriginal = same;
    const before = out.length;
    emitAfter(fact.id);
    if (out.length > before) lastIsOriginal = false;
  }
  if (after.size > 0) lastIsOriginal = false;
  for (const id of [...after.keys()]) emitAfter(id);
  if (out.every((line) => line.trim() === '')) return { text: undefined, unreadable };
  const text = out.join('\n') + '\n';
  // a last line without a line end keeps it that way unless something new comes after it
  return {
    text: lastIsOriginal && unended ? text.slice(0, -1) : text,
    unreadable,
  };
}

/** Whether two facts would be written the same: cheaper than formatting both. */
export function sameFact(a: Fact, b: Fact): boolean {
  if (
    a.id !== b.id ||
    a.text !== b.text ||
    a.recordedAt !== b.recordedAt ||
    a.source !== b.source ||
    a.classifier !== b.classifier
  )
    return false;
  if (
    a.confidence !== b.confidence ||
    a.how !== b.how ||
    a.supersedes !== b.supersedes ||
    a.validFrom !== b.validFrom ||
    a.validUntil !== b.validUntil ||
    a.when !== b.when
  )
    return false;
  // most facts have no unknown keys: no arrays are made for them (a merge compares thousands)
  if (a.extra === b.extra) return true;
  const [x, y] = [Object.entries(a.extra ?? {}), Object.entries(b.extra ?? {})];
  return x.length === y.length && x.every(([k, v], i) => y[i][0] === k && y[i][1] === v);
}

/** A line of a leaf file that is not a fact: kept where it is, byte for byte. */
export interface KeptLine {
  kind: 'blank' | 'unreadable';
  /** The line as written, without its LF (a CR before it stays). */
  raw: string;
  /** 1-based. */
  number: number;
  /** Why memoir cannot read it as a fact (unreadable lines only). */
  reason?: 'control-character' | 'too-long' | 'heading' | 'rule' | 'code-fence' | 'comment';
}

export interface FactLine {
  kind: 'fact';
  raw: string;
  number: number;
  fact: Fact;
  /** A line without memoir's metadata (or with a comment memoir cannot parse), read as written. */
  foreign: boolean;
  /** The id written on the line when another line before it already holds it (the fact's id is derived). */
  copiedId?: string;
}

export type LeafLine = FactLine | KeptLine;

// a list item's bullet and the space after it
const BULLET = /^[-*+](?:\s+|$)/;
// a thematic break: ---, ***, _ _ _
const RULE = /^([-*_])(?:\s*\1){2,}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Every line of a leaf file, classified, and its facts in file order. One pass: a diff or
 * merge of a large leaf parses thousands of lines.
 *
 * - A memoir line keeps the id written on it, unless an earlier line of the file holds that id
 *   (a hand-made copy): the copy gets an id derived from the leaf, that id, its text and how many
 *   copies with that text come before it.
 * - A foreign line (a list item without metadata, free text, a malformed comment) is a fact with
 *   its text as written (bullet stripped, comment kept), `source: 'git'`, no `recordedAt`, and an
 *   id derived from the leaf, its text and how many foreign lines with that text come before it,
 *   so adding or removing other lines does not change it.
 * - Blank lines, and lines memoir cannot read as a fact (control characters, longer than
 *   MAX_FACT_LENGTH, a heading, a thematic break, a code fence and what it holds, a lone HTML comment), are kept.
 * `withLines: false` skips building `lines` (the readers need only the facts). `unended`: the
 * last line has no line end (kept so when the file is written again). `known`: each line's fact
 * as parsed before, from other versions of the same leaf (shared, so the facts are frozen).
 */
export function parseLeafLines(
  content: string,
  path: string,
  withLines = true,
  known?: Map<string, Fact | null>,
): { facts: Fact[]; lines: LeafLine[]; unended: boolean } {
  const facts: Fact[] = [];
  const lines: LeafLine[] = [];
  const ids = new Set<string>();
  let seen: Map<string, number> | undefined;
  let fenced = false;
  const raws = fileLines(content);
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const number = i + 1;
    if (!fenced) {
      let fact = known ? known.get(text) : parseFactLine(text, path);
      if (fact === undefined && known) known.set(text, (fact = parseFactLine(text, path) ?? null));
      if (fact) {
        let copiedId: string | undefined;
        if (ids.has(fact.id)) {
          copiedId = fact.id;
          fact = { ...fact, id: derivedId(`copy\n${path}\n${copiedId}\n${fact.text}`, (seen ??= new Map())) };
        }
        ids.add(fact.id);
        facts.push(fact);
        if (withLines)
          lines.push(
            copiedId
              ? { kind: 'fact', raw, number, fact, foreign: false, copiedId }
              : { kind: 'fact', raw, number, fact, foreign: false },
          );
        continue;
      }
    }
    const other = otherLine(text, fenced);
    fenced = other.fenced;
    const { reason, body } = other;
    if (reason) {
      if (withLines) lines.push({ kind: 'unreadable', raw, number, reason });
      continue;
    }
    if (body === '') {
      if (withLines) lines.push({ kind: 'blank', raw, number });
      continue;
    }
    const fact: Fact = {
      id: derivedId(`foreign\n${path}\n${body}`, (seen ??= new Map())),
      path,
      text: body,
      recordedAt: '',
      source: 'git',
      classifier: 'unknown',
    };
    ids.add(fact.id);
    facts.push(fact);
    if (withLines) lines.push({ kind: 'fact', raw, number, fact, foreign: true });
  }
  return { facts, lines, unended: content !== '' && !content.endsWith('\n') };
}

/** A leaf file's lines, as written (a CR before a line's LF stays), without the empty one after a last line end. */
export function fileLines(content: string): string[] {
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * How many facts a leaf file holds, as parseLeafLines counts them (memoir's lines and foreign
 * ones), without making them: `ls` counts every leaf of the memory.
 */
export function countLeafFacts(content: string): number {
  const raws = fileLines(content);
  let count = 0;
  let fenced = false;
  for (const raw of raws) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!fenced && splitFactLine(text)) {
      count++;
      continue;
    }
    const other = otherLine(text, fenced);
    fenced = other.fenced;
    if (!other.reason && other.body !== '') count++;
  }
  return count;
}

/**
 * The text of the fact a line holds, as parseLeafLines reads a line outside a code fence (a
 * memoir line's text, or a foreign line's), without making the fact; undefined for a blank or
 * unreadable line. The line has no CR.
 */
export function factTextOf(line: string): string | undefined {
  const match = splitFactLine(line);
  if (match) return match[0];
  const { reason, body } = otherLine(line, false);
  return reason || body === '' ? undefined : body;
}

/**
 * A line that is not memoir's: why it cannot be read as a fact (none: it is a foreign fact, or
 * blank when its body is empty), its text without the bullet, and whether a code fence is open after it.
 */
function otherLine(text: string, fenced: boolean): { reason?: KeptLine['reason']; body: string; fenced: boolean } {
  const reason = unreadable(text, fenced);
  const after = reason === 'code-fence' && FENCE.test(text) ? !fenced : fenced;
  return reason ? { reason, body: '', fenced: after } : { body: text.trim().replace(BULLET, '').trim(), fenced: after };
}

/** Why a line that is not memoir's cannot be read as a fact; undefined when it can. */
function unreadable(text: string, fenced: boolean): KeptLine['reason'] {
  if (fenced || FENCE.test(text)) return 'code-fence';
  if (CONTROL.test(text)) return 'control-character';
  if (text.length > MAX_FACT_LENGTH) return 'too-long';
  const start = text.trimStart();
  if (start.startsWith('#')) return 'heading';
  if (RULE.test(start.trimEnd())) return 'rule';
  if (start.startsWith('<!--') && start.trimEnd().endsWith('-->')) return 'comment';
  return undefined;
}

/** The n-th id for the same key (n counted in `seen`): stable when other lines come and go. */
function derivedId(key: string, seen: Map<string, number>): string {
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return createHash('sha1').update(`${key}\n${n}`).digest('hex').slice(0, FACT_ID_LENGTH);
}

/** `preferences.ui.theme` → `preferences/ui/theme.md` */
export function leafFilePath(path: string): string {
  return path.replaceAll('.', '/') + '.md';
}

/**
 * `preferences/ui/theme.md` → `preferences.ui.theme`; undefined for anything else (a README,
 * `notes/v1.2/todo.md`): the three segments must be valid taxonomy names.
 */
export function leafPathFromFile(file: string): string | undefined {
  if (!file.endsWith('.md')) return undefined;
  const parts = file.slice(0, -3).split('/');
  return parts.length === 3 && parts.every((part) => SEGMENT.test(part)) ? parts.join('.') : undefined;
}

/** Files at the tree's root that memoir reads beside the leaves, named as themselves (`memoir log policy.yaml`). */
export const ROOT_FILES: ReadonlySet<string> = new Set(['policy.yaml']);

/** `preferences.ui.theme` → `preferences/ui/theme.md`; `preferences.ui` → `preferences/ui`; `policy.yaml` as it is. */
export function prefixFilePath(prefix: string): string {
  if (ROOT_FILES.has(prefix)) return prefix;
  return prefix.split('.').length === 3 ? leafFilePath(prefix) : prefix.replaceAll('.', '/');
}
