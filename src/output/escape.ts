import { escapeControl } from '../core/controlChars.js';
import { PALETTE_SGR } from './palette.js';

/*
 * What memoir prints cannot drive the terminal it is printed on. Three layers:
 *
 * - escapeData: every string of a result, before a renderer sees it (emit() and the status
 *   reports do this), so data can never carry a raw control character into human or plain
 *   output, while the renderer's own colours (added afterwards) still work;
 * - escapeJsonText: JSON escapes C0 itself; DEL, C1 and the Unicode line separators are
 *   escaped too, so a JSON dump piped to a terminal is inert as well;
 * - escapeStream: the last word, on everything written to stdout and stderr (io.ts): a control
 *   character that some path forgot to escape is shown, not obeyed. Only the palette's own
 *   colour codes pass, and only on a stream that has colour.
 */

/**
 * A deep copy of a result with every string (keys included) escaped for display: control
 * characters become `\x1b`-style escapes; line feeds and tabs stay, for multi-line messages
 * (plain records flatten them). Arrays, Maps, Sets and plain objects are copied, shared
 * references stay shared; anything else (a Date) is kept as it is.
 */
export function escapeData<T>(value: T): T {
  // the common case, clean data, is only read: no copy
  if (!holdsControl(value, new Set())) return value;
  const copies = new Map<object, unknown>();
  const text = (s: string) => escapeControl(s, { multiline: true });
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (v === null || typeof v !== 'object') return v;
    if (copies.has(v)) return copies.get(v);
    if (Array.isArray(v)) {
      const copy: unknown[] = [];
      copies.set(v, copy);
      for (const item of v) copy.push(visit(item));
      return copy;
    }
    if (v instanceof Map) {
      const copy = new Map<unknown, unknown>();
      copies.set(v, copy);
      for (const [key, item] of v) copy.set(visit(key), visit(item));
      return copy;
    }
    if (v instanceof Set) {
      const copy = new Set<unknown>();
      copies.set(v, copy);
      for (const item of v) copy.add(visit(item));
      return copy;
    }
    const proto = Object.getPrototypeOf(v) as object | null;
    if (proto !== Object.prototype && proto !== null) return v;
    const copy = Object.create(proto) as Record<string, unknown>;
    copies.set(v, copy);
    for (const [key, item] of Object.entries(v)) copy[text(key)] = visit(item);
    return copy;
  };
  return visit(value) as T;
}

// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Whether any string in a value (keys included) holds a control character escapeData would escape. */
function holdsControl(v: unknown, seen: Set<object>): boolean {
  if (typeof v === 'string') return CONTROL_BUT_LAYOUT.test(v);
  if (v === null || typeof v !== 'object' || seen.has(v)) return false;
  seen.add(v);
  if (Array.isArray(v) || v instanceof Set) {
    for (const item of v) if (holdsControl(item, seen)) return true;
    return false;
  }
  if (v instanceof Map) {
    for (const [key, item] of v) if (holdsControl(key, seen) || holdsControl(item, seen)) return true;
    return false;
  }
  const proto = Object.getPrototypeOf(v) as object | null;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in v)
    if (CONTROL_BUT_LAYOUT.test(key) || holdsControl((v as Record<string, unknown>)[key], seen)) return true;
  return false;
}

/**
 * JSON text with DEL, C1 (U+007F–U+009F) and U+2028/U+2029 written as `\u00XX` escapes, as
 * JSON.stringify already does for C0. Raw, they can only be inside strings, where the escape
 * means the same character: the JSON parses to the same value.
 */
export function escapeJsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const asJson = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text about to be written to a stream, with any control character but line feed and tab
 * escaped: `\x1b`, or `\u001b` under --json (valid inside a JSON string). On a stream with
 * colour, the palette's own colour codes are kept.
 */
export function escapeStream(text: string, options: { colour: boolean; json: boolean }): string {
  if (!UNSAFE.test(text)) return text;
  const escapeRun = (run: string) =>
    options.json ? run.replace(UNSAFE_ALL, asJson) : escapeControl(run, { multiline: true });
  if (!options.colour) return escapeRun(text);
  // split keeps the captured colour codes at the odd positions
  return text
    .split(PALETTE_SGR)
    .map((part, i) => (i % 2 === 1 ? part : escapeRun(part)))
    .join('');
}
