import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { expectFsckClean, gitdirOf, repoTemplate, type FactJson } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

/*
 * `add --yes` accepts the top suggestion only where a leaf fits: text that holds no memory
 * (greetings, thanks, filler) and text the classifier cannot read is held for review, counted
 * and named, never filed at a leaf and never dropped; short real facts are still filed.
 */

const CHITCHAT = ['Good to see you again!', 'haha yes', 'ok', 'Thanks so much for asking', 'Bye for now'];
const FOREIGN = ['Я люблю пить чай по утрам', '我每天早上喝茶'];
const FACTS = [
  "I'm vegan",
  'PRs need two approvals',
  'I live in Lyon',
  'We have a cat named Miso',
  'Oh, by the way, I started at Greenline Studio last month',
];
const freshRepo = repoTemplate();

interface Held {
  text: string;
  reason: string;
  candidates: Array<{ path: string; confidence: number }>;
}

describe('add --yes where no leaf fits', () => {
  it('holds chit-chat and unreadable text for review, files short real facts, and names every held fact', async () => {
    const dir = freshRepo();
    const file = path.join(dir, 'turns.txt');
    fs.writeFileSync(file, [...CHITCHAT, ...FACTS, ...FOREIGN].join('\n') + '\n');
    const result = await runIn(dir, ['add', '--file', file, '--yes', '--commit', '--json'], {
      MEMOIR_NOW: '2026-03-01T00:00:00Z',
    });
    // --yes asked for no review: filler held and listed is its expected outcome, exit 0
    expect(result.code, result.stderr).toBe(0);
    const json = parseJson<{ staged: FactJson[]; held: Held[] }>(result.stdout);
    expect(json.held.map((h) => h.text).sort()).toEqual([...CHITCHAT, ...FOREIGN].sort());
    for (const h of json.held) expect(h.reason).toBe('no-leaf-fits');
    expect(json.staged.map((f) => f.text).sort()).toEqual([...FACTS].sort());
    // nothing lost: every line is either committed or waiting in the review queue
    const queue = JSON.parse(fs.readFileSync(path.join(gitdirOf(dir), 'state', 'review.json'), 'utf8')) as {
      items: Held[];
    };
    expect(queue.items.map((i) => i.text).sort()).toEqual([...CHITCHAT, ...FOREIGN].sort());
    expectFsckClean(dir);
  });

  it('does not suggest --yes for what --yes held because no leaf fits', async () => {
    const dir = freshRepo();
    const result = await runIn(dir, ['add', 'Good to see you again!', '--yes'], { MEMOIR_NOW: '2026-03-01T00:00:00Z' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('no leaf fits');
    expect(result.stderr).toContain('--path places it at once');
    expect(result.stderr).not.toContain('--yes or --path');
  });
});
