// Translates a Go (RE2) regular expression, as gitleaks writes its rules, into a JavaScript one.
// Node 20 has no inline modifiers, so case-insensitive parts are rewritten: a leading (?i) over a
// pattern that never turns it off becomes the `i` flag; anywhere else, each letter in a
// case-insensitive scope becomes a class of both cases ([aA]) and each class gains the other
// case of its letters. RE2 features JavaScript lacks (\z, \A, \Q…\E, POSIX classes, (?s:…),
// (?P<name>…)) are rewritten; the rest (Unicode classes, back-references, unknown flags) throw,
// and the caller skips the rule, naming why.

/** A pattern that cannot be expressed in JavaScript; the message says which construct. */
export class UntranslatableRegex extends Error {}

const POSIX = {
  alnum: [[48, 57], [65, 90], [97, 122]], alpha: [[65, 90], [97, 122]], digit: [[48, 57]], lower: [[97, 122]],
  upper: [[65, 90]], xdigit: [[48, 57], [65, 70], [97, 102]], word: [[48, 57], [65, 90], [95, 95], [97, 122]],
  space: [[9, 13], [32, 32]], blank: [[9, 9], [32, 32]], punct: [[33, 47], [58, 64], [91, 96], [123, 126]],
  ascii: [[0, 127]], cntrl: [[0, 31], [127, 127]], graph: [[33, 126]], print: [[32, 126]],
};
const SIMPLE_ESCAPES = { n: 10, r: 13, t: 9, f: 12, v: 11, a: 7 };
const CLASS_SHORTHANDS = new Set(['d', 'D', 's', 'S', 'w', 'W']);

const isLetter = (c) => /^[A-Za-z]$/.test(c);
/** A code point as it may stand in a JavaScript character class. */
function classChar(cp) {
  const c = String.fromCharCode(cp);
  if (/[A-Za-z0-9 ]/.test(c)) return c;
  if (cp > 32 && cp < 127) return `\\${c}`; // an identity escape is valid for any punctuation outside the u flag
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** Ranges sorted and merged, so that a class spelled out for both cases stays short. */
function mergeRanges(ranges) {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The other case of the letters in [lo, hi], as ranges. */
function otherCase([lo, hi]) {
  const out = [];
  const overlap = (a, b, shift) => { const l = Math.max(lo, a), h = Math.min(hi, b); if (l <= h) out.push([l + shift, h + shift]); };
  overlap(97, 122, -32);
  overlap(65, 90, 32);
  return out;
}

/**
 * @param {string} go the Go pattern
 * @returns {{ source: string, flags: string, groups: Array<{ goStart: number, outStart: number, outEnd: number }> }}
 *   the JavaScript source and flags ('' or 'i'), and where each capturing group lies in both
 */
export function translateGoRegex(go) {
  // a leading (?i) that nothing turns off is the `i` flag; otherwise case-insensitivity is spelled out
  const useFlag = go.startsWith('(?i)') && !/\(\?[a-z]*-/.test(go);
  let i = useFlag ? 4 : 0;
  let out = '';
  const stack = [{ ci: useFlag, dotAll: false, capture: -1 }];
  const groups = [];
  const top = () => stack[stack.length - 1];
  const expand = () => top().ci && !useFlag;

  const readHex = () => {
    // after "\x": two hex digits or {hex}
    if (go[i] === '{') {
      const end = go.indexOf('}', i);
      const cp = parseInt(go.slice(i + 1, end), 16);
      i = end + 1;
      return cp;
    }
    const cp = parseInt(go.slice(i, i + 2), 16);
    i += 2;
    return cp;
  };

  /** An escape outside a class; i is at the backslash. */
  const escape = () => {
    const c = go[i + 1];
    i += 2;
    if (c === undefined) throw new UntranslatableRegex('trailing backslash');
    if (c === 'z') return '(?![\\s\\S])';
    if (c === 'A') return '(?<![\\s\\S])';
    if (c === 'Q') {
      const end = go.indexOf('\\E', i);
      const literal = go.slice(i, end < 0 ? go.length : end);
      i = end < 0 ? go.length : end + 2;
      return [...literal].map((ch) => (expand() && isLetter(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'))).join('');
    }
    if (c === 'p' || c === 'P') throw new UntranslatableRegex('Unicode class \\p');
    if (c === 'C') throw new UntranslatableRegex('\\C');
    if (/[1-9]/.test(c)) throw new UntranslatableRegex('back-reference or octal escape');
    if (c === 'x') {
      const cp = readHex();
      if (cp > 0xff) throw new UntranslatableRegex('code point above \\xff');
      return `\\x${cp.toString(16).padStart(2, '0')}`;
    }
    return `\\${c}`;
  };

  /** A character class; i is at the "[". */
  const charClass = () => {
    i++;
    let negated = false;
    if (go[i] === '^') { negated = true; i++; }
    const ranges = [];
    const raw = [];
    let first = true;
    /** One class atom: a code point, or a shorthand kept as is (\d, \s, …). */
    const atom = () => {
      const c = go[i];
      if (c === '\\') {
        const e = go[i + 1];
        i += 2;
        if (CLASS_SHORTHANDS.has(e)) return { raw: `\\${e}` };
        if (e === 'p' || e === 'P') throw new UntranslatableRegex('Unicode class \\p');
        if (e === 'x') return { cp: readHex() };
        if (e in SIMPLE_ESCAPES) return { cp: SIMPLE_ESCAPES[e] };
        if (/[A-Za-z0-9]/.test(e)) throw new UntranslatableRegex(`class escape \\${e}`);
        return { cp: e.charCodeAt(0) };
      }
      i++;
      return { cp: c.charCodeAt(0) };
    };
    while (i < go.length && (go[i] !== ']' || first)) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(go.slice(i));
      if (posix) {
        if (posix[1] || !POSIX[posix[2]]) throw new UntranslatableRegex(`POSIX class ${posix[0]}`);
        ranges.push(...POSIX[posix[2]]);
        i += posix[0].length;
        continue;
      }
      const a = atom();
      if (a.raw) { raw.push(a.raw); continue; }
      if (go[i] === '-' && go[i + 1] !== ']' && i + 1 < go.length) {
        i++;
        const b = atom();
        if (b.raw) throw new UntranslatableRegex('range ending in a shorthand class');
        ranges.push([a.cp, b.cp]);
      } else {
        ranges.push([a.cp, a.cp]);
      }
    }
    if (go[i] !== ']') throw new UntranslatableRegex('unterminated character class');
    i++;
    const all = mergeRanges(expand() ? [...ranges, ...ranges.flatMap(otherCase)] : ranges);
    const body = all.map(([lo, hi]) => (lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`)).join('') + raw.join('');
    return `[${negated ? '^' : ''}${body}]`;
  };

  while (i < go.length) {
    const c = go[i];
    if (c === '\\') { out += escape(); continue; }
    if (c === '[') { out += charClass(); continue; }
    if (c === '(') {
      if (go[i + 1] === '?') {
        const m = /^\(\?(?:P?<([A-Za-z_]\w*)>|([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)]))/.exec(go.slice(i));
        if (!m) throw new UntranslatableRegex(`group syntax ${go.slice(i, i + 4)}`);
        if (m[1]) {
          groups.push({ goStart: i, outStart: out.length, outEnd: -1 });
          stack.push({ ...top(), capture: groups.length - 1 });
          out += `(?<${m[1]}>`;
          i += m[0].length;
          continue;
        }
        const next = { ...top(), capture: -1 };
        for (const f of m[2]) {
          if (f === 'i') next.ci = true;
          else if (f === 's') next.dotAll = true;
          else throw new UntranslatableRegex(`flag ${f}`);
        }
        for (const f of m[3] ?? '') {
          if (f === 'i') next.ci = false;
          else if (f === 's') next.dotAll = false;
          else throw new UntranslatableRegex(`flag -${f}`);
        }
        i += m[0].length;
        if (m[4] === ')') {
          // (?i) in the middle: the flags hold to the end of the enclosing group
          Object.assign(top(), { ci: next.ci, dotAll: next.dotAll });
          continue;
        }
        stack.push(next);
        out += '(?:';
        continue;
      }
      groups.push({ goStart: i, outStart: out.length, outEnd: -1 });
      stack.push({ ...top(), capture: groups.length - 1 });
      out += '(';
      i++;
      continue;
    }
    if (c === ')') {
      const closed = stack.pop();
      if (stack.length === 0) throw new UntranslatableRegex('unbalanced )');
      if (closed.capture >= 0) groups[closed.capture].outEnd = out.length;
      out += ')';
      i++;
      continue;
    }
    if (c === '.') { out += top().dotAll ? '[\\s\\S]' : '[^\\n]'; i++; continue; }
    if (c === '{') {
      const q = /^\{\d+(?:,\d*)?\}/.exec(go.slice(i));
      out += q ? q[0] : '\\{';
      i += q ? q[0].length : 1;
      continue;
    }
    if (c === '/') { out += '\\/'; i++; continue; }
    if (expand() && isLetter(c)) { out += `[${c.toLowerCase()}${c.toUpperCase()}]`; i++; continue; }
    out += c;
    i++;
  }
  if (stack.length !== 1) throw new UntranslatableRegex('unbalanced (');
  const flags = useFlag ? 'i' : '';
  try {
    new RegExp(out, flags);
  } catch (error) {
    throw new UntranslatableRegex(`not a valid JavaScript pattern: ${error.message}`);
  }
  return { source: out, flags, groups };
}
