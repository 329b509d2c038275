import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { gitIn, repoTemplate } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

/*
 * Time in recall, in process against real repositories: a transcript's turns keep the time they
 * were said (JSONL "at"), the dates they mention are resolved from it at write time into the
 * leaf line's `when=` (read back with native git), and recall answers "when" and "last week".
 */

// the add and the recall happen a week after the last turn
const NOW = { MEMOIR_NOW: '2023-06-07T12:00:00Z' };
const TURNS = [
  {
    text: 'I started a pottery class last month, my first bowl was wonky',
    at: '2023-05-31',
    path: 'routine.weekly.activities',
  },
  { text: 'The pottery class is taught by Anna on Tuesdays', at: '2023-05-31', path: 'routine.weekly.activities' },
  {
    text: 'We adopted a kitten two days ago, she sleeps all day',
    at: '2023-06-02T18:00:00Z',
    path: 'relationships.pets.animals',
  },
  { text: 'I prefer green tea in the afternoon', at: '2023-03-01', path: 'preferences.food.drinks' },
];

const repo = repoTemplate();

let shared: Promise<string> | undefined;
/** One repository for every test: they only read it (recall's caches aside). */
function remembered(): Promise<string> {
  return (shared ??= transcript());
}

async function transcript(): Promise<string> {
  const dir = repo();
  const file = path.join(dir, 'turns.jsonl');
  fs.writeFileSync(file, TURNS.map((t) => JSON.stringify(t)).join('\n'));
  const added = await runIn(dir, ['add', '--file', file, '--commit', '-m', 'Transcript'], NOW);
  expect(added.code, added.stderr).toBe(0);
  return dir;
}

interface Hit {
  text: string;
  when: string | null;
  recordedAt: string | null;
}
async function recall(dir: string, question: string, ...flags: string[]): Promise<Hit[]> {
  const result = await runIn(dir, ['recall', question, '-k', '3', '--json', ...flags], NOW);
  expect(result.code, result.stderr).toBe(0);
  return parseJson<Hit[]>(result.stdout);
}

describe('time in recall', () => {
  it('records each turn at its own time and stores the date it mentions beside its unchanged text', async () => {
    const dir = await remembered();
    const pottery = gitIn(dir, ['show', 'HEAD:routine/weekly/activities.md']);
    expect(pottery).toMatch(
      /^- I started a pottery class last month, my first bowl was wonky <!-- id=[0-9a-f]{10} at=2023-05-31T12:00:00Z .*when=2023-04 -->$/m,
    );
    expect(pottery).toMatch(
      /^- The pottery class is taught by Anna on Tuesdays <!-- (?!.*when=)[^\n]*at=2023-05-31T12:00:00Z/m,
    );
    expect(gitIn(dir, ['show', 'HEAD:relationships/pets/animals.md'])).toMatch(
      / at=2023-06-02T18:00:00Z .*when=2023-05-31 -->/,
    );
    expect(gitIn(dir, ['fsck', '--strict'])).not.toMatch(/error/i);
  });

  it('answers a "when" question with the fact that says when, and shows its date', async () => {
    const dir = await remembered();
    // both facts are about the pottery class; asking "when" prefers the one that says when
    const [first] = await recall(dir, 'When did she start the pottery class?');
    expect(first).toMatchObject({ text: TURNS[0].text, when: '2023-04', recordedAt: '2023-05-31T12:00:00Z' });
    const human = await runIn(dir, ['recall', 'When did she start the pottery class?', '-k', '1'], NOW, true);
    expect(human.stdout).toContain('· 2023-04 · recorded 2023-05-31');
  });

  it('prefers the facts of the time a question names, counted from now or from --as-of', async () => {
    const dir = await remembered();
    // last week, from 2023-06-07: 2023-05-29 to 2023-06-04; the kitten came on 2023-05-31
    expect((await recall(dir, 'what happened last week?'))[0].text).toBe(TURNS[2].text);
    expect((await recall(dir, 'anything from March 2023?'))[0].text).toBe(TURNS[3].text);
    // as the memory was a year later, "last week" is a week with nothing in it: no bonus for the kitten
    const later = await recall(dir, 'what happened last week?', '--as-of', '2024-06-07');
    expect(later.find((h) => h.text === TURNS[2].text)).toBeUndefined();
  });
});
