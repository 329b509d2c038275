import { normalizeFactText, type Fact } from './fact.js';
import { countLines, mayHoldFence, writtenOnce } from './leafDelta.js';
import { factTextOf, fileLines, formatFactLine, parseFactLine } from './leafFile.js';
import { addTheirs, fateOfOurs, type Fold } from './merge.js';

/*
 * The fact-level merge of a `many` leaf changed on both sides, worked out on lines. The slow
 * way parses the three versions, merges their facts (core/merge.ts) and writes the result over
 * our file (writeLeafFile): at 10,000 facts a merge of 500 new facts a side parsed, compared and
 * wrote 30,000 facts, almost all on lines no side had touched. Here a line the three versions
 * share, the same number of times, is a fact none of them changed, and it stays where our file
 * has it; only the other lines are parsed, and the same decisions are taken on them (fateOfOurs,
 * addTheirs), so the text is the one the slow way writes. It answers only where those lines alone
 * decide: each is a memoir line written as memoir writes it (no foreign or hand-formatted line,
 * whose fact could match another's written differently), its id written once in its file (no
 * copy, whose id depends on its place), no code fence and no CR anywhere; no conflict, and no
 * two versions holding the same lines in another order. Anything else goes the slow way.
 */

/** One version's lines that the three do not share: parsed, with their ids. */
interface Delta {
  /** For each line of the file: its fact, or undefined where the three versions share the line. */
  factAt: Array<Fact | undefined>;
  facts: Fact[];
  lines: Map<string, string>;
  byId: Map<string, Fact>;
}

/**
 * The lines the three versions share: the runs all three start and end with (most merges add
 * or change a few lines of hundreds), and in the middles between, how many times each line is
 * in all three.
 */
function sharedLines(versions: ReadonlyArray<readonly string[]>) {
  const shortest = Math.min(...versions.map((v) => v.length));
  const [a, b, c] = versions;
  let head = 0;
  while (head < shortest && a[head] === b[head] && a[head] === c[head]) head++;
  let tail = 0;
  const at = (v: readonly string[]) => v[v.length - 1 - tail];
  while (tail < shortest - head && at(a) === at(b) && at(a) === at(c)) tail++;
  const [inA, inB, inC] = versions.map((v) => countLines(v.slice(head, v.length - tail)));
  const counts = new Map<string, number>();
  for (const [line, n] of inA) {
    const least = Math.min(n, inB.get(line) ?? 0, inC.get(line) ?? 0);
    if (least > 0) counts.set(line, least);
  }
  return { head, tail, counts };
}

function deltaOf(
  lines: readonly string[],
  text: string,
  { head, tail, counts }: ReturnType<typeof sharedLines>,
  path: string,
): Delta | undefined {
  const left = new Map(counts);
  const delta: Delta = {
    factAt: new Array(lines.length).fill(undefined),
    facts: [],
    lines: new Map(),
    byId: new Map(),
  };
  for (let i = head; i < lines.length - tail; i++) {
    const line = lines[i];
    const n = left.get(line);
    if (n) {
      left.set(line, n - 1);
      continue;
    }
    const fact = parseFactLine(line, path);
    if (!fact || formatFactLine(fact) !== line) return undefined;
    delta.factAt[i] = fact;
    delta.facts.push(fact);
    delta.lines.set(fact.id, line);
    delta.byId.set(fact.id, fact);
  }
  return writtenOnce(
    text,
    delta.facts.map((f) => f.id),
  )
    ? delta
    : undefined;
}

/** Whether two versions hold the same lines (their unshared lines are unique memoir lines, so those decide). */
const sameLines = (x: Delta, y: Delta) =>
  x.facts.length === y.facts.length && x.facts.every((f) => y.lines.get(f.id) === x.lines.get(f.id));

/**
 * The merged file (undefined: it is left with no fact, and removed) and the folds, as
 * mergeLeaf and writeLeafFile make them; undefined where the lines do not decide alone (see above).
 */
export function mergeLeafText(
  base: string,
  ours: string,
  theirs: string,
  path: string,
  threshold: number,
): { text: string | undefined; folded: Fold[] } | undefined {
  if ([base, ours, theirs].some((text) => text.includes('\r') || mayHoldFence(text))) return undefined;
  const [b, o, t] = [fileLines(base), fileLines(ours), fileLines(theirs)];
  const shared = sharedLines([b, o, t]);
  const db = deltaOf(b, base, shared, path);
  const dO = db && deltaOf(o, ours, shared, path);
  const dt = dO && deltaOf(t, theirs, shared, path);
  if (!db || !dO || !dt) return undefined;
  // a version that only moved lines: the slow way tells which order its facts keep
  if (sameLines(db, dO) || sameLines(db, dt) || sameLines(dO, dt)) return undefined;
  // removed on our side and edited on theirs: a conflict
  for (const f of db.facts) {
    const their = dt.byId.get(f.id);
    if (!dO.byId.has(f.id) && their && their.text !== f.text) return undefined;
  }

  const out: string[] = [];
  /** Where their added lines go: after the last fact we keep (-1: none kept, at the end). */
  let anchor = -1;
  let lastIsOriginal = false;
  // our merged facts by normalised text, the last one winning; a shared line is parsed only if it is asked for
  const known = new Map<string, Fact | string>();
  const oursAdded: Fact[] = [];
  for (let i = 0; i < o.length; i++) {
    const line = o[i];
    const fact = dO.factAt[i];
    if (!fact) {
      out.push(line);
      lastIsOriginal = true;
      const text = factTextOf(line);
      if (text !== undefined) {
        anchor = out.length;
        known.set(normalizeFactText(text), line);
      }
      continue;
    }
    const fate = fateOfOurs(fact, db.byId.get(fact.id), dt.byId.get(fact.id));
    lastIsOriginal = false;
    if (fate === 'edit' || fate === 'edit-remove') return undefined;
    if (fate === 'dropped') continue;
    const kept = fate === 'theirs' ? dt.byId.get(fact.id)! : fact;
    const written = fate === 'theirs' ? dt.lines.get(fact.id)! : line;
    out.push(written);
    lastIsOriginal = written === line;
    anchor = out.length;
    known.set(normalizeFactText(kept.text), kept);
    if (!db.byId.has(fact.id)) oursAdded.push(fact);
  }

  let exact = true;
  const find = (normal: string): Fact | undefined => {
    const found = known.get(normal);
    if (typeof found !== 'string') return found;
    // a shared line's fact, as the slow way has it: a foreign line's or a copy's id comes from its place
    const fact = parseFactLine(found, path);
    if (!fact || !writtenOnce(ours, [fact.id])) exact = false;
    return fact;
  };
  const theirsAdded = dt.facts.filter((f) => !db.byId.has(f.id) && !dO.byId.has(f.id));
  const { added, folded } = addTheirs(path, theirsAdded, find, oursAdded, threshold);
  if (!exact) return undefined;
  if (added.length > 0) {
    const lines = added.map((f) => dt.lines.get(f.id)!);
    if (anchor < 0 || anchor === out.length) lastIsOriginal = false;
    out.splice(anchor < 0 ? out.length : anchor, 0, ...lines);
  }
  if (out.every((line) => line.trim() === '')) return { text: undefined, folded };
  const text = `${out.join('\n')}\n`;
  // a last line without a line end keeps it that way unless something new comes after it
  const unended = ours !== '' && !ours.endsWith('\n');
  return { text: lastIsOriginal && unended ? text.slice(0, -1) : text, folded };
}
