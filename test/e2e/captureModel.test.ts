import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { batchReply, completion, factsOf, modelEnv, startServer, type FakeServer } from '../classify/helpers.js';
import { parseJson } from '../helpers/cli.js';
import { initRepoIn, runIn } from '../helpers/inProcess.js';

/*
 * capture with a model configured (classifier.provider openai): the model proposes the facts,
 * against a real chat-completions server on loopback; the classifier files them as usual.
 */

const KEY = 'sk-test-secret-0123456789';
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const model = (baseURL: string) => modelEnv(baseURL, KEY);

const TRANSCRIPT = `## 8 May 2023
Caroline: Hi! I went to a support group yesterday, it helped a lot.
Melanie: Oh that's great.
`;

describe('capture with a model', () => {
  it('proposes what the model extracts (dates resolved by it), files it with the classifier, and never shows the key', async () => {
    server = await startServer((request) => {
      if (request.body.response_format?.json_schema?.name === 'memoir_extraction')
        return {
          json: completion(
            JSON.stringify({
              facts: [
                {
                  text: 'Caroline went to a support group on 7 May 2023',
                  turn: 1,
                  leaf: null,
                  validFrom: null,
                  validUntil: null,
                },
              ],
            }),
          ),
        };
      return batchReply(
        factsOf(request.body).map(() => ({ candidates: [{ path: 'health.conditions.mental', confidence: 0.95 }] })),
      );
    });
    const dir = await initRepoIn();
    fs.writeFileSync(path.join(dir, 'chat.txt'), TRANSCRIPT);
    const result = await runIn(dir, ['capture', 'chat.txt', '--yes', '--dry-run', '--json'], model(server.baseURL));
    expect(result.code, result.stderr).toBe(0);
    const out = parseJson<{
      proposals: Array<{ text: string; turn: number; source: string }>;
      staged: Array<{ path: string }>;
    }>(result.stdout);
    expect(out.proposals).toEqual([
      { text: 'Caroline went to a support group on 7 May 2023', turn: 1, source: 'capture:chat#1' },
    ]);
    expect(out.staged.map((f) => f.path)).toEqual(['health.conditions.mental']);
    const extraction = server.requests.find((r) => r.body.response_format?.json_schema?.name === 'memoir_extraction');
    expect(JSON.stringify(extraction?.body)).toContain('Caroline');
    // the proposals are classified once: add's placement takes capture's classifications
    expect(server.requests.filter((r) => r !== extraction)).toHaveLength(1);
    expect(result.stdout + result.stderr).not.toContain(KEY.slice(3));
  });
});
