import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, parseJson, tempDir } from '../helpers/cli.js';
import { allObjects, gitdirOf, gitIn, jsonError, ok } from '../helpers/e2e.js';
import { runIn } from '../helpers/inProcess.js';

/*
 * A forget in a clone (issue 17): the receipt names the remote that still holds the old
 * commits; a plain push is refused with the way to publish the rewrite; --force-with-lease
 * publishes it against the tip the remote held before the forget; a fresh clone then holds no
 * byte of the text, and a clone that still has the old history cannot bring the text back by
 * a pull.
 */

const TEXT = 'The alarm code is the year the cat was born';

async function cloned(bare: string): Promise<string> {
  const dir = tempDir();
  ok(await runIn(dir, ['clone', bare, '-q']));
  return dir;
}

describe('forget and remotes', () => {
  it('publishes the rewrite with --force-with-lease only; a fresh clone holds none of it; a stale clone cannot pull it back', async () => {
    const bare = path.join(tempDir(), 'memory.git');
    git(bare, ['init', '-q', '--bare', bare]);
    const a = await cloned(bare);
    ok(await runIn(a, ['add', TEXT, '-p', 'preferences.tools.apps', '--commit']));
    ok(await runIn(a, ['add', 'Likes tea', '-p', 'preferences.food.drinks', '--commit']));
    ok(await runIn(a, ['push', '-u', '-q']));
    const stale = await cloned(bare);

    const forgot = parseJson<{ receipt: { id: string; remotes: string[] } }>(
      ok(await runIn(a, ['forget', '--match', 'alarm code', '--yes', '--json'])).stdout,
    );
    expect(forgot.receipt.remotes).toEqual(['origin']);
    expect(allObjects(a)).not.toContain(TEXT);

    const plain = await runIn(a, ['push']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(`still holds the history that forget ${forgot.receipt.id} rewrote`);
    expect(plain.stderr).toContain('memoir push --force-with-lease origin main');
    ok(await runIn(a, ['push', '--force-with-lease', '-q']));
    expect(git(bare, ['rev-parse', 'main'])).toBe(gitIn(a, ['rev-parse', 'main']));

    const fresh = await cloned(bare);
    expect(allObjects(fresh)).not.toContain(TEXT);
    expect(fs.readFileSync(path.join(gitdirOf(fresh), 'config'), 'utf8')).not.toContain(TEXT);

    // the stale clone still has the old history: its plain push is refused (not a fast-forward);
    // pushed under another name, neither a fetch nor a pull brings the forgotten fact back
    ok(await runIn(stale, ['add', 'Likes coffee', '-p', 'preferences.food.drinks', '--commit']));
    expect((await runIn(stale, ['push'])).code).toBe(1);
    ok(await runIn(stale, ['branch', 'old']));
    ok(await runIn(stale, ['push', 'origin', 'old', '-q']));
    for (const args of [['fetch'], ['pull', 'origin', 'old']]) {
      const refused = await runIn(a, [...args, '--json']);
      expect(refused.code, args.join(' ')).toBe(4);
      expect(jsonError(refused)).toMatchObject({ code: 'forgotten-in-merge' });
      expect(refused.stderr).toContain(`receipt ${forgot.receipt.id}`);
      expect(refused.stderr).not.toContain(TEXT);
      expect(allObjects(a)).not.toContain(TEXT);
      expect(gitIn(a, ['for-each-ref'])).not.toContain('refs/remotes/origin/old');
    }
  });
});
