import { UsageError } from '../errors/index.js';

/*
 * Control characters: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). A terminal
 * obeys them, so text from outside (a fact, a name, a message) that carries them can write
 * the clipboard (OSC 52), retitle the window, clear the screen or hide what follows. memoir
 * refuses them in what it is given and shows any it reads as visible escapes.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export interface ControlCharacter {
  /** Where it is, in UTF-16 code units (a string index). */
  index: number;
  codePoint: number;
}

export interface FindOptions {
  /**
   * Let tabs and line breaks (LF, CR, NEL) pass: a fact may hold them, since cleanFactText
   * folds them into spaces (a multi-line argument is still one fact).
   */
  lineBreaks?: boolean;
}

/**
 * The first control character in `text` (C0, DEL or C1), if any.
 * @example findControlCharacter('a\x1b]52;c;…') → { index: 1, codePoint: 0x1b }
 */
export function findControlCharacter(text: string, options: FindOptions = {}): ControlCharacter | undefined {
  const match = (options.lineBreaks ? CONTROL_BUT_LINE_BREAKS : CONTROL).exec(text);
  return match ? { index: match.index, codePoint: match[0].charCodeAt(0) } : undefined;
}

/** `\x1b`: how a control character is shown, never the character itself. */
function visible(char: string): string {
  return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/**
 * The text with every control character written as a visible escape (`\x1b`, `\x9b`, `\x00`),
 * so that printing it cannot drive a terminal. `multiline` keeps line feeds and tabs, for text
 * meant to span lines (a commit message): they lay text out but command nothing.
 * @example escapeControl('a\x1b[2Jb') === 'a\\x1b[2Jb'
 */
export function escapeControl(text: string, options: { multiline?: boolean } = {}): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(options.multiline ? CONTROL_BUT_LAYOUT : CONTROL_ALL, visible);
}

/**
 * Where a control character is, for a person: "U+001B at character 5" (characters counted
 * from 1, as code points, so an emoji before it counts once).
 */
export function describeControlCharacter(text: string, found: ControlCharacter): string {
  const column = [...text.slice(0, found.index)].length + 1;
  return `U+${found.codePoint.toString(16).toUpperCase().padStart(4, '0')} at character ${column}`;
}

export const CONTROL_CHARACTER_HINT =
  'memoir stores text, not terminal control codes (escape sequences, NUL, BEL): retype it without them';

/** The one-line refusal: "<what> contains a control character (U+001B at character 5); remove it". */
export function controlCharacterMessage(what: string, text: string, found: ControlCharacter): string {
  return `${what} contains a control character (${describeControlCharacter(text, found)}); remove it`;
}

/**
 * Refuses text holding a control character with a usage error (exit 2, code
 * `control-character`) that names where it is and never repeats it.
 * @example refuseControlCharacters(options.text, 'the text')
 */
export function refuseControlCharacters(text: string | undefined, what: string, options: FindOptions = {}): void {
  if (text === undefined) return;
  const found = findControlCharacter(text, options);
  if (found) {
    throw new UsageError('control-character', controlCharacterMessage(what, text, found), {
      hint: CONTROL_CHARACTER_HINT,
    });
  }
}
