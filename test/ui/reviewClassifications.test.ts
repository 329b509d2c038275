import { describe, expect, it } from 'vitest';
import { reviewClassifications } from '../../src/ui/index.js';
import type { ReviewOutcome } from '../../src/ui/types.js';
import { FakeStdin, FakeStdout } from './fakeTerminal.js';
import { ITEMS, KEY, LEAVES, settle, until } from './fixtures.js';

/** Starts a review on a fake terminal and presses keys once Ink listens. */
async function review(keys: string[], items = ITEMS) {
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  const pending = reviewClassifications(items, LEAVES, {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    color: false,
  });
  await until(() => stdin.listenerCount('readable') > 0, 'the screen to listen for keys');
  const firstScreen = stdout.text();
  for (const key of keys) {
    stdin.press(key);
    await settle();
  }
  const outcome: ReviewOutcome = await pending;
  return { outcome, stdin, stdout, firstScreen };
}

describe('reviewClassifications', () => {
  it('draws the review on the given terminal and resolves with a decision per fact, in order', async () => {
    const { outcome, firstScreen } = await review([KEY.enter, 'j', KEY.enter, 's']);
    expect(firstScreen).toContain('Fact 1 of 3');
    expect(firstScreen).toContain('❯ 1  preferences.tools.editor');
    expect(outcome).toEqual({
      aborted: false,
      decisions: [
        { kind: 'accept', path: 'preferences.tools.editor', how: 'accepted' },
        { kind: 'accept', path: 'events.upcoming.appointments', how: 'picked' },
        { kind: 'skip' },
      ],
    });
  });

  it('leaves the terminal as it found it: raw mode off, stdin released, cursor shown, the screen erased', async () => {
    const { stdin, stdout } = await review(['e', ...'preferences.ui.theme', KEY.enter, '1', 'q']);
    expect(stdin.rawMode).toEqual([true, false]);
    expect(stdin.refs).toBe(0);
    expect(stdin.listenerCount('readable')).toBe(0);
    const output = stdout.writes.join('');
    expect(output.lastIndexOf('\u001B[?25h')).toBeGreaterThan(output.lastIndexOf('\u001B[?25l'));
    // the last thing drawn erases the screen's lines and draws nothing in their place
    expect(stripLast(stdout.writes)).toBe('');
  });

  it.each([
    ['q', 'q'],
    ['Esc', KEY.escape],
    ['Ctrl-C', KEY.ctrlC],
  ])('%s after a decision: aborted, nothing kept', async (_what, key) => {
    const { outcome, stdin } = await review([KEY.enter, key]);
    expect(outcome).toEqual({ aborted: true });
    expect(stdin.rawMode).toEqual([true, false]);
  });

  it('nothing to review: resolves at once without touching the terminal', async () => {
    const stdin = new FakeStdin();
    const stdout = new FakeStdout();
    await expect(
      reviewClassifications([], LEAVES, { stdin: stdin as never, stdout: stdout as never }),
    ).resolves.toEqual({ aborted: false, decisions: [] });
    expect(stdin.rawMode).toEqual([]);
    expect(stdout.writes).toEqual([]);
  });

  it('refuses a stdin that is not a terminal instead of hanging', async () => {
    const stdout = new FakeStdout();
    await expect(
      reviewClassifications(ITEMS, LEAVES, { stdin: new FakeStdin(false) as never, stdout: stdout as never }),
    ).rejects.toMatchObject({ code: 'cannot-prompt', exitCode: 2 });
    expect(stdout.writes).toEqual([]);
  });
});

/** What the last frame drew, once its erase sequences and Ink's control codes are removed. */
function stripLast(writes: string[]): string {
  const frames = writes.filter((w) => !/^\u001B\[\?(25|2026)[hl]$/.test(w));
  return (frames.at(-1) ?? '').replace(/\u001B\[[0-9;]*[A-Za-z]/g, '').trim();
}
