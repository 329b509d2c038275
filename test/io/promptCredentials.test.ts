import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { promptCredentials, type TerminalInput } from '../../src/io/promptCredentials.js';

/** A terminal stand-in: keys are written into `input`, what the prompt shows collects in `shown()`. */
function fakeTerminal(options: { tty?: boolean } = {}) {
  const modes: boolean[] = [];
  const input = Object.assign(new PassThrough(), {
    isTTY: options.tty !== false,
    isRaw: false,
    setRawMode(mode: boolean) {
      modes.push(mode);
      input.isRaw = mode;
      return input;
    },
  }) as PassThrough & TerminalInput & { isRaw: boolean };
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  /** Types keys once the prompt is waiting (after the current turn). */
  const type = (...keys: Array<string | Buffer>) => {
    for (const key of keys) setImmediate(() => input.write(key));
  };
  return { input, output, modes, type, shown: () => text };
}

describe('the terminal prompt for credentials', () => {
  it('asks for a username (echoed) and a password (not echoed), on the output stream', async () => {
    const terminal = fakeTerminal();
    const prompt = promptCredentials(terminal.input, terminal.output);
    terminal.type('ali', 'ce\r', 's3cr', 'et-Pw\r');
    expect(await prompt({ url: 'https://git.example.com:8443' })).toEqual({ username: 'alice', password: 's3cret-Pw' });
    expect(terminal.shown()).toBe(
      'Username for https://git.example.com:8443: alice\nPassword for https://alice@git.example.com:8443: \n',
    );
    // raw mode for the reading, restored after
    expect(terminal.modes).toEqual([true, false]);
    expect(terminal.input.isPaused()).toBe(true);
  });

  it('skips the username the URL gives, and takes keys pasted at once', async () => {
    const terminal = fakeTerminal();
    terminal.type('pw-1\r');
    expect(
      await promptCredentials(terminal.input, terminal.output)({ url: 'https://h.example', username: 'bob' }),
    ).toEqual({ username: 'bob', password: 'pw-1' });
    expect(terminal.shown()).toBe('Password for https://bob@h.example: \n');

    const pasted = fakeTerminal();
    pasted.type('carol\rpw-2\r');
    expect(await promptCredentials(pasted.input, pasted.output)({ url: 'https://h.example' })).toEqual({
      username: 'carol',
      password: 'pw-2',
    });
  });

  it('a character split across two reads is read whole, and backspace takes it away whole', async () => {
    const terminal = fakeTerminal();
    const euro = Buffer.from('€');
    terminal.type(euro.subarray(0, 1), euro.subarray(1), 'x€\x7f\r', 'p\r');
    expect(await promptCredentials(terminal.input, terminal.output)({ url: 'https://h.example' })).toEqual({
      username: '€x',
      password: 'p',
    });
  });

  it('backspace edits; arrows and other control keys are no part of what is typed', async () => {
    const terminal = fakeTerminal();
    terminal.type('alx\x7fice\x1b[D\t\r', 'pa\x1bOAss\x7f\x7fss\r');
    expect(await promptCredentials(terminal.input, terminal.output)({ url: 'https://h.example' })).toEqual({
      username: 'alice',
      password: 'pass',
    });
    expect(terminal.shown()).toContain('Username for https://h.example: alx\b \bice\n');
  });

  it.each([
    ['Ctrl-C at the username', ['\x03']],
    ['Ctrl-C at the password', ['alice\r', 'pa\x03']],
    ['Ctrl-D on an empty line', ['alice\r', '\x04']],
    ['an empty username', ['\r']],
    ['an empty password', ['alice\r', '\r']],
  ])('%s gives nothing, and the terminal is restored', async (_what, keys) => {
    const terminal = fakeTerminal();
    terminal.type(...keys);
    expect(await promptCredentials(terminal.input, terminal.output)({ url: 'https://h.example' })).toBeUndefined();
    expect(terminal.input.isRaw).toBe(false);
  });

  it('the end of input gives nothing rather than waiting forever', async () => {
    const terminal = fakeTerminal();
    setImmediate(() => terminal.input.end('ali'));
    expect(await promptCredentials(terminal.input, terminal.output)({ url: 'https://h.example' })).toBeUndefined();
  });

  it('asks nothing when the input is not a terminal', async () => {
    const terminal = fakeTerminal({ tty: false });
    expect(await promptCredentials(terminal.input, terminal.output)({ url: 'https://h.example' })).toBeUndefined();
    expect(terminal.shown()).toBe('');
    expect(terminal.modes).toEqual([]);
  });

  it("shows a username's control characters as escapes, never raw", async () => {
    const terminal = fakeTerminal();
    terminal.type('pw\r');
    await promptCredentials(terminal.input, terminal.output)({ url: 'https://h.example', username: 'a\x1b]0;x\x07' });
    expect(terminal.shown()).not.toMatch(/\x1b|\x07/);
    expect(terminal.shown()).toContain('\\x1b');
  });
});
