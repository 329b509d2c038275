import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitIn, readStageFile, repoTemplate, snapshotRepository } from '../helpers/e2e.js';
import { runIn, runnerIn } from '../helpers/inProcess.js';

// memoir capture (issue 20): a conversation in, facts proposed turn by turn, kept by the
// thresholds or held for a person, each with its turn as its source.

const fresh = repoTemplate();

const TRANSCRIPT = `## Session 1 — 8 May 2023
Caroline: Hey Mel! How's it going?
Melanie: Good thanks! Busy week with the kids.
Caroline: I went to a support group yesterday and it really helped.
Melanie: That's amazing, I'm proud of you.
Caroline: I'm allergic to peanuts, so the bakery downtown is off limits for me.
Melanie: My kids love the zoo, we go every Sunday.
`;

interface CaptureJson {
  conversation: { id: string; shape: string; turns: number; speakers: string[] };
  extraction: { extractor: string; fellBack: number };
  proposals: Array<{ text: string; turn: number; source: string }>;
  refusedTurns: Array<{ turn: number; speaker: string; found: string }>;
  staged: Array<{ text: string; path: string; source: string; recordedAt: string }>;
  held: Array<{ id: string; text: string; source: string }>;
  commit: { oid: string } | null;
  rejected: unknown[];
}

function write(dir: string, name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

describe('memoir capture', () => {
  it('--dry-run --json lists the proposals with their turns and sources, and changes nothing', async () => {
    const dir = fresh();
    const file = write(dir, 'may-8.txt', TRANSCRIPT);
    const before = snapshotRepository(dir);
    const result = await runIn(dir, ['capture', file, '--dry-run', '--json', '--yes']);
    expect([0, 3], result.stderr).toContain(result.code);
    const out = parseJson<CaptureJson>(result.stdout);
    expect(out.conversation).toMatchObject({ id: 'may-8', shape: 'transcript', turns: 6 });
    expect(out.conversation.speakers).toEqual(['Caroline', 'Melanie']);
    expect(out.extraction).toMatchObject({ extractor: 'offline', fellBack: 0 });
    const texts = out.proposals.map((p) => p.text);
    // said about the speaker, the relative date made absolute from the session's date
    expect(texts).toContain('Caroline went to a support group on 7 May 2023 and it really helped');
    expect(texts.some((t) => t.startsWith('Caroline is allergic to peanuts'))).toBe(true);
    // greetings, thanks and reactions are not facts
    expect(texts.some((t) => /how's it going|proud of you/i.test(t))).toBe(false);
    for (const p of out.proposals) expect(p.source).toBe(`capture:may-8#${p.turn}`);
    expect(snapshotRepository(dir)).toEqual(before);
  });

  it('--yes --commit keeps what clears review.autoAccept, holds the rest in the review queue, and records each turn as the source', async () => {
    const dir = fresh();
    const file = write(dir, 'may-8.txt', TRANSCRIPT);
    const result = await runIn(dir, ['capture', file, '--yes', '--commit', '--json']);
    const out = parseJson<CaptureJson>(result.stdout);
    expect(out.staged.length + out.held.length).toBe(out.proposals.length);
    expect(result.code).toBe(out.held.length > 0 ? 3 : 0);
    expect(out.staged.length).toBeGreaterThan(0);
    for (const fact of out.staged) {
      expect(fact.source).toMatch(/^capture:may-8#\d+$/);
      // recorded when it was said: the session's date
      expect(fact.recordedAt.startsWith('2023-05-08')).toBe(true);
    }
    // native git sees the commit and the source in the leaf file
    const leafFile = `${out.staged[0].path.replaceAll('.', '/')}.md`;
    expect(gitIn(dir, ['show', `HEAD:${leafFile}`])).toContain('src=capture:may-8#');
    const queue = JSON.parse(fs.readFileSync(path.join(dir, '.memoir', 'state', 'review.json'), 'utf8'));
    expect(queue.items.map((i: { source: string }) => i.source).sort()).toEqual(out.held.map((h) => h.source).sort());
  });

  it('without --yes and no terminal, holds every proposal for "memoir review" (exit 3) and stages nothing', async () => {
    const dir = fresh();
    const file = write(dir, 'may-8.txt', TRANSCRIPT);
    const result = await runIn(dir, ['capture', file, '--json']);
    expect(result.code).toBe(3);
    const out = parseJson<CaptureJson>(result.stdout);
    expect(out.staged).toEqual([]);
    expect(out.held.length).toBe(out.proposals.length);
    expect(readStageFile(dir).ops ?? []).toEqual([]);
  });

  it('takes no fact from a turn that holds a secret, says which turn, and never repeats it', async () => {
    const dir = fresh();
    const secret = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    const chat = JSON.stringify([
      { role: 'user', content: 'I live in Porto and I work as a nurse.', timestamp: '2024-03-12T09:00:00Z' },
      { role: 'assistant', content: 'Nice, noted.' },
      { role: 'user', content: `My GitHub token is ${secret} and I use it every day.` },
    ]);
    const run = runnerIn(dir);
    const result = await run(['--memoir-dir', '.memoir', 'capture', '-', '--speaker', 'Ana', '--yes', '--json'], {
      input: chat,
    });
    expect(result.stdout + result.stderr).not.toContain(secret);
    const out = parseJson<CaptureJson>(result.stdout);
    expect(out.refusedTurns).toEqual([{ turn: 3, speaker: 'Ana', found: expect.stringMatching(/GitHub/) }]);
    expect(out.proposals.every((p) => p.turn !== 3)).toBe(true);
    expect(out.proposals.map((p) => p.text)).toContain('Ana lives in Porto');
    // from stdin: its speakers, its first date and a short hash, which the guard does not take for a key
    expect(out.conversation.id).toMatch(/^ana-2024-03-12-[0-9a-f]{6}$/);
    expect(out.rejected).toEqual([]);
  });

  it('gives a file whose name looks like a key an id of words, so no fact is refused for its source', async () => {
    const dir = fresh();
    const file = write(dir, 'sha256-6605e93337e9.txt', 'Ana: I am allergic to peanuts.\n');
    const out = parseJson<CaptureJson & { rejected: unknown[] }>(
      (await runIn(dir, ['capture', file, '--yes', '--dry-run', '--json'])).stdout,
    );
    expect(out.conversation.id).toMatch(/^ana-[0-9a-f]{6}$/);
    expect(out.rejected).toEqual([]);
  });

  it('names the turn of a proposal it cannot keep (too long), and keeps the others', async () => {
    const dir = fresh();
    const long = `I like ${'very '.repeat(300)}strong tea.`;
    const file = write(dir, 'long.txt', `Ana: ${long}\nAna: I live in Porto.\n`);
    const result = await runIn(dir, ['capture', file, '--yes']);
    // a rejected proposal is exit 2, unless another waits for review (3)
    expect([2, 3]).toContain(result.code);
    expect(result.stderr).toMatch(/turn 1: /);
    expect(result.stderr).not.toMatch(/line 1: /);
  });

  it('refuses what it cannot read with one line and a hint, and leaves the repository as it was', async () => {
    const dir = fresh();
    const before = snapshotRepository(dir);
    const cases: Array<[string[], string]> = [
      [['capture', 'missing.txt'], 'unreadable-file'],
      [['capture', write(dir, 'empty.txt', '\n\n')], 'empty-conversation'],
      [['capture', write(dir, 'ok.txt', TRANSCRIPT), '--id', 'has space'], 'invalid-capture-id'],
      [['capture', 'ok.txt', '--speaker', '!!'], 'invalid-speaker'],
      [['capture', 'ok.txt', '--id', 'sha256-6605e93337e9'], 'invalid-capture-id'],
    ];
    for (const [args, code] of cases) {
      const result = await runIn(dir, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.errorCode, args.join(' ')).toBe(code);
      expect(result.stderr).toMatch(/^memoir: .+\nhint: .+\n$/);
    }
    fs.rmSync(path.join(dir, 'empty.txt'));
    fs.rmSync(path.join(dir, 'ok.txt'));
    expect(snapshotRepository(dir)).toEqual(before);
  });
});
