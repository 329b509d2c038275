import type { Fact } from './fact.js';
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
  const known: Array<[string, string | undefined]> = [
    ['id', fact.id],
    ['at', fact.recordedAt],
    ['src', fact.source],
    ['by', fact.classifier],
    ['conf', fact.confidence === undefined ? undefined : fact.confidence.toFixed(2)],
    ['how', fact.how],
    ['sup', fact.supersedes],
    ['from', fact.validFrom],
    ['until', fact.validUntil],
  ];
  // Unknown keys are written back exactly as read, an empty value included.
  const meta = [...known.filter(([, v]) => v !== undefined && v !== ''), ...Object.entries(fact.extra ?? {})];
  const tokens = meta.map(([k, v]) => `${k}=${encodeValue(v!)}`);
  return `- ${fact.text} <!-- ${tokens.join(' ')} -->`;
}

/**
 * Parses one line; undefined when it is not a fact line (blank lines, hand-written notes).
 * Hot: a diff or merge of a large leaf parses thousands of lines, so there is one pass over
 * the tokens and no intermediate map.
 */
export function parseFactLine(line: string, path: string): Fact | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  const fact: Fact = { id: '', path, text: match[1], recordedAt: '', source: 'unknown', classifier: 'unknown' };
  let extra: Record<string, string> | undefined;
  for (const token of match[2].split(' ')) {
    const eq = token.indexOf('=');
    const key = token.slice(0, eq);
    const value = decodeValue(token.slice(eq + 1));
    // a repeated key: the last one wins
    switch (key) {
      case 'id': fact.id = value; break;
      case 'at': fact.recordedAt = value; break;
      case 'src': fact.source = value; break;
      case 'by': fact.classifier = value; break;
      case 'conf':
        if (!Number.isNaN(Number(value))) fact.confidence = Number(value);
        else delete fact.confidence;
        break;
      case 'sup': fact.supersedes = value; break;
      case 'from': fact.validFrom = value; break;
      case 'until': fact.validUntil = value; break;
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
      default: (extra ??= {})[key] = value;
    }
  }
  if (extra && Object.keys(extra).length > 0) fact.extra = extra;
  return fact;
}

/** The facts of a leaf file, in file order; LF or CRLF line ends. */
export function parseLeafFile(content: string, path: string): Fact[] {
  const facts: Fact[] = [];
  for (const line of content.split(/\r?\n/)) {
    const fact = parseFactLine(line, path);
    if (fact) facts.push(fact);
  }
  return facts;
}

/** The file's text for these facts, or undefined when there are none (the file is removed). */
export function formatLeafFile(facts: readonly Fact[]): string | undefined {
  if (facts.length === 0) return undefined;
  return facts.map((f) => formatFactLine(f) + '\n').join('');
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
