import { describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { repoTemplate } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

/*
 * `memoir context` tells a prompt what is true now: a fact whose validity ended, or has not
 * begun, is left out of the block (it stays in history, and `get --as-of` reads it).
 */

const JOB = 'work.employment.employer';
const repo = repoTemplate();

async function remember(dir: string, args: string[]) {
  const result = await runIn(dir, ['add', ...args, '--commit'], { MEMOIR_NOW: '2026-01-01T00:00:00Z' });
  expect(result.code, result.stderr).toBe(0);
}

interface ContextJson {
  categories: Array<{ category: string; facts: Array<{ text: string }> }>;
}

const textsOf = (stdout: string) =>
  parseJson<ContextJson>(stdout).categories.flatMap((c) => c.facts.map((f) => f.text));

describe('memoir context and validity', () => {
  it('leaves out facts no longer true, or not yet true, with and without a query', async () => {
    const dir = repo();
    await remember(dir, ['Works at Acme', '-p', JOB, '--valid-from', '2024-03-01', '--valid-until', '2025-12-31']);
    await remember(dir, ['Will work at Globex', '-p', 'goals.career.aspirations', '--valid-from', '2027-06-01']);
    await remember(dir, ['Prefers dark mode', '-p', 'preferences.ui.theme']);
    const now = { MEMOIR_NOW: '2026-12-01T00:00:00Z' };
    const all = await runIn(dir, ['context', '--json'], now);
    expect(all.code, all.stderr).toBe(0);
    expect(textsOf(all.stdout)).toEqual(['Prefers dark mode']);
    const asked = await runIn(dir, ['context', '--query', 'where does the user work?', '--json'], now);
    expect(textsOf(asked.stdout)).not.toContain('Works at Acme');
    // in its time the job is there
    const then = await runIn(dir, ['context', '--json'], { MEMOIR_NOW: '2025-06-01T00:00:00Z' });
    expect(textsOf(then.stdout)).toContain('Works at Acme');
    expect(textsOf(then.stdout)).not.toContain('Will work at Globex');
  });
});
