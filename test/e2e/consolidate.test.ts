import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok, repoTemplate, runner } from '../helpers/e2e.js';

/*
 * The classifier's answers a writer keeps for consolidate (classify/kept.ts), with the built
 * classifier (its identity comes from the build): add appends them, a hash per text and never the
 * text; consolidate finds the same proposals with them as without.
 */

const freshRepo = repoTemplate();

describe('memoir consolidate reads the answers add kept', () => {
  it('add keeps one line per classified fact, without its text; consolidate proposes the same with or without them', () => {
    const dir = freshRepo();
    const run = runner(dir);
    ok(run(['add', 'I prefer dark mode in every app', '--yes']));
    ok(run(['add', 'We deploy to production on Tuesdays', '--yes', '--commit']));
    ok(run(['add', 'We deploy to production every Friday', '--yes', '--commit']));
    const file = path.join(dir, '.memoir', 'state', 'cache', 'classified.jsonl');
    const kept = fs.readFileSync(file, 'utf8');
    expect(kept.trim().split('\n')).toHaveLength(3);
    for (const text of ['dark mode', 'Tuesdays', 'Friday']) expect(kept).not.toContain(text);

    const withKept = JSON.parse(ok(run(['consolidate', '--dry-run', '--json'])).stdout);
    fs.rmSync(file);
    const without = JSON.parse(ok(run(['consolidate', '--dry-run', '--json'])).stdout);
    expect(withKept).toEqual(without);
    expect(withKept.proposals.map((p: { kind: string }) => p.kind)).toEqual(['contradiction']);
  });
});
