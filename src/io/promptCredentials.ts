import { StringDecoder } from 'node:string_decoder';
import { escapeControl, findControlCharacter } from '../core/controlChars.js';
import type { Credential, Prompt, PromptRequest } from '../store/remote/credentials.js';

/*
 * The last place credentials come from: asking the person at the terminal, as git does
 * (`Username for https://host:`, then `Password for https://user@host:` with nothing echoed).
 * The questions go to stderr, the answers come from the terminal in raw mode, read here key by
 * key, so the password is never shown and Ctrl-C or Ctrl-D simply means "no credentials".
 * The CLI passes this in only when it may prompt (io.canPrompt); scripts and MCP never get one.
 */

/** A terminal to read keys from: process.stdin, or a stream standing in for it in tests. */
export interface TerminalInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** A prompt reading from `input` and asking on `output`; it gives nothing when `input` is not a terminal. */
export function promptCredentials(input: TerminalInput, output: NodeJS.WritableStream): Prompt {
  return async (request: PromptRequest): Promise<Credential | undefined> => {
    if (!input.isTTY || !input.setRawMode) return undefined;
    const keys = readKeys(input, output);
    try {
      let username = request.username;
      if (username === undefined) {
        output.write(`Username for ${escapeControl(request.url)}: `);
        username = await keys.line({ echo: true });
        if (!username) return undefined;
      }
      const [scheme, host] = request.url.split('//');
      output.write(`Password for ${escapeControl(`${scheme}//${username}@${host}`)}: `);
      const password = await keys.line({ echo: false });
      return password ? { username, password } : undefined;
    } finally {
      keys.close();
    }
  };
}

/** A terminal's escape sequence (an arrow, a function key) after its ESC: CSI `[…final` or SS3 `O x`. */
const ESCAPE_SEQUENCE = /^(\[[0-?]*[ -/]*[@-~]|O.)/;

/**
 * The terminal in raw mode, read as lines: keys typed ahead (or pasted, username and password at
 * once) wait for the next line. A line is undefined when Ctrl-C, Ctrl-D on an empty line or the
 * end of input ends it. Only printable characters are kept: arrows, tabs and other control keys
 * are no part of a credential.
 */
export function readKeys(input: TerminalInput, output: NodeJS.WritableStream) {
  const wasRaw = Boolean(input.isRaw);
  input.setRawMode?.(true);
  // a character typed may arrive split across two reads
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let ended = false;
  let wake: (() => void) | undefined;
  const onData = (chunk: Buffer | string) => {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  input.on('data', onData);
  input.on('end', onEnd);
  input.resume();

  const nextKey = async (): Promise<string | undefined> => {
    while (pending === '' && !ended) await new Promise<void>((resolve) => (wake = resolve));
    if (pending === '') return undefined;
    const [key] = pending;
    pending = pending.slice(key.length);
    if (key === '\x1b') pending = pending.replace(ESCAPE_SEQUENCE, '');
    return key;
  };

  return {
    async line({ echo }: { echo: boolean }): Promise<string | undefined> {
      let line: string[] = [];
      for (;;) {
        const key = await nextKey();
        if (key === '\r' || key === '\n') break;
        if (key === undefined || key === '\x03' || (key === '\x04' && line.length === 0)) {
          output.write('\n');
          return undefined;
        }
        if (key === '\x7f' || key === '\b') {
          if (line.length > 0 && echo) output.write('\b \b');
          line = line.slice(0, -1);
        } else if (!findControlCharacter(key)) {
          line.push(key);
          if (echo) output.write(key);
        }
      }
      output.write('\n');
      return line.join('');
    },
    close() {
      input.off('data', onData);
      input.off('end', onEnd);
      input.setRawMode?.(wasRaw);
      input.pause();
    },
  };
}
