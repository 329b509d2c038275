import { plural } from './words.js';
import { isUtf8 } from 'node:buffer';
import { UsageError } from '../errors/index.js';
import type { InputProblem } from './factInput.js';

/** The text of a batch of facts (stdin, --file), with the lines that could not be read. */
export interface DecodedInput {
  /** Every line, in place; a line that was not UTF-8 is left blank, so nothing of it is stored. */
  text: string;
  problems: InputProblem[];
}

/** A share of unreadable lines above which the input is not text in the wrong place but not text at all. */
const MOSTLY_UNREADABLE = 0.5;

/**
 * Reads facts' bytes as UTF-8, line by line. Decoding the whole input would silently turn
 * each invalid byte into U+FFFD, and the stored fact would not be what was given (`caf\xe9`
 * from a Latin-1 file became `caf�`). A line that is not valid UTF-8 is refused with its
 * number; input with a NUL byte, or mostly unreadable lines, is binary (or another encoding)
 * and refused whole, so that not one fact of it is staged.
 * @param name what the bytes are, for the error: `stdin`, `--file notes.txt`
 */
export function decodeInput(bytes: Uint8Array, name: string): DecodedInput {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buffer) && !buffer.includes(0)) return { text: buffer.toString('utf8'), problems: [] };
  const hint = 'give text encoded as UTF-8 ("iconv -f latin1 -t utf-8 FILE" converts a Latin-1 file)';
  if (buffer.includes(0))
    throw new UsageError('binary-input', `${name} looks binary (it holds a NUL byte), not facts as text`, { hint });
  const lines: string[] = [];
  const problems: InputProblem[] = [];
  let start = 0;
  let filled = 0;
  while (start <= buffer.length) {
    let end = buffer.indexOf(0x0a, start);
    if (end === -1) end = buffer.length;
    const line = buffer.subarray(start, end);
    if (isUtf8(line)) lines.push(line.toString('utf8'));
    else {
      lines.push('');
      problems.push({ line: lines.length, message: 'not valid UTF-8 text; nothing of this line was stored' });
    }
    if (line.some((byte) => byte > 0x20)) filled++;
    start = end + 1;
  }
  if (problems.length > filled * MOSTLY_UNREADABLE) {
    throw new UsageError(
      'binary-input',
      `${name} is not UTF-8 text: ${problems.length} of ${plural(filled, 'line')} ${problems.length === 1 ? 'is' : 'are'} not valid UTF-8 (first: line ${problems[0].line})`,
      { hint },
    );
  }
  return { text: lines.join('\n'), problems };
}
