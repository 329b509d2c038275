import { describe, expect, it } from 'vitest';
import { initRepo, memoir } from '../helpers/cli.js';
import { ok, readStageFile, revParse } from '../helpers/e2e.js';
import { call, connect } from '../helpers/mcp.js';

// For `memoir add`, "-" means "read facts from standard input". Under `memoir mcp`, standard
// input is the protocol stream: a tool that read it would swallow the client's next requests
// and wedge the server. No tool ever reads it; "-" is refused as a usage error.

describe('memoir_remember {"content": "-"}', () => {
  it.each([[{ content: '-' }], [{ content: '-', path: 'preferences.ui.theme' }]])(
    '%j: a usage error, and the server goes on serving',
    async (args) => {
      const dir = initRepo();
      ok(memoir(['add', 'I prefer dark mode', '-p', 'preferences.ui.theme', '--commit'], { cwd: dir }));
      const before = revParse(dir);
      const { client } = await connect(dir);
      const dash = await call(client, 'memoir_remember', args, { timeout: 10_000 });
      expect(dash.isError).toBe(true);
      expect(dash.body).toMatchObject({ code: 'stdin-unavailable', exitCode: 2 });
      // the next request is answered: nothing read the protocol stream
      const next = await call(client, 'memoir_ls', {}, { timeout: 10_000 });
      expect(next.body.map((e: { path: string }) => e.path)).toEqual(['preferences.ui.theme']);
      const remembered = await call(
        client,
        'memoir_remember',
        { content: 'Likes green tea', path: 'preferences.food.drinks' },
        { timeout: 10_000 },
      );
      expect(remembered.body).toMatchObject({ status: 'committed' });
      expect(revParse(dir, `${remembered.body.commit}^`)).toBe(before);
      expect(readStageFile(dir).ops).toEqual([]);
    },
  );
});
