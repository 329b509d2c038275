import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapture, type CaptureReviewer } from '../../src/app/capture.js';
import type { CaptureItem } from '../../src/capture/types.js';
import { createContext } from '../../src/runtime/context.js';
import { testEnv } from '../helpers/cli.js';
import { gitIn, readStageFile, repoTemplate } from '../helpers/e2e.js';
import { runIn, silentIO } from '../helpers/inProcess.js';

/*
 * capture with a person deciding (the capture screen's path, with a scripted reviewer standing in
 * for the screen): accepted facts staged as decided, reworded text screened like any other,
 * rejected ones dropped, later ones queued, known ones never shown, the value a fact would
 * replace at a `one` leaf shown.
 */

const THEME = 'preferences.ui.theme';
const repo = repoTemplate(async (dir) => {
  expect((await runIn(dir, ['add', 'Ana uses a light theme in every app', '-p', THEME, '--commit'])).code).toBe(0);
  expect((await runIn(dir, ['add', 'Ana lives in Porto', '-p', 'profile.location.home', '--commit'])).code).toBe(0);
});

const CHAT = JSON.stringify([
  { role: 'user', content: 'I live in Porto.', timestamp: '2024-03-12T09:00:00Z' },
  { role: 'user', content: 'I prefer dark mode in every app.' },
  { role: 'user', content: 'I have two cats called Miso and Tofu.' },
  { role: 'user', content: 'I play the cello in an orchestra.' },
  { role: 'user', content: 'I work as a nurse at the city hospital.' },
]);

function terminalContext(dir: string) {
  const context = createContext({ ...silentIO, canPrompt: true, json: false }, testEnv(dir), dir, '0.0.0');
  return context;
}

describe('capture on screen', () => {
  it('stages what was accepted (reworded text too), drops what was rejected, queues what was left, never shows what is known', async () => {
    const dir = repo();
    fs.writeFileSync(path.join(dir, 'chat.json'), CHAT);
    let shown: CaptureItem[] = [];
    const reviewer: CaptureReviewer = async (items) => {
      shown = items;
      return items.map((item) =>
        item.text.includes('dark mode')
          ? { kind: 'accept', text: 'Ana prefers dark mode everywhere', path: THEME, how: 'accepted', textEdited: true }
          : item.text.includes('cats')
            ? { kind: 'accept', text: item.text, path: 'relationships.pets.animals', how: 'edited', textEdited: false }
            : item.text.includes('cello')
              ? { kind: 'reject' }
              : { kind: 'later' },
      );
    };
    const result = await runCapture(
      { bytes: fs.readFileSync(path.join(dir, 'chat.json')), name: 'chat.json', fileName: 'chat.json' },
      { speaker: 'Ana' },
      terminalContext(dir),
      reviewer,
    );
    // "Ana lives in Porto" is already remembered: reported as a duplicate, not shown
    expect(shown.map((i) => i.text)).not.toContain('Ana lives in Porto');
    expect(result.outcomes.filter((o) => o.kind === 'duplicate').map((o) => o.fact.text)).toEqual([
      'Ana lives in Porto',
    ]);
    // at a one leaf, the screen is told the value the fact would replace
    const dark = shown.find((i) => i.text.includes('dark mode'))!;
    expect(dark.turn).toMatchObject({ number: 2, speaker: 'Ana', text: 'I prefer dark mode in every app.' });
    const atTheme = dark.candidates.find((c) => c.path === THEME);
    expect(atTheme?.supersedes).toBe('Ana uses a light theme in every app');
    const staged = readStageFile(dir).ops.map((o) => o.fact);
    expect(staged.map((f) => [f.text, f.path]).sort()).toEqual([
      ['Ana has two cats called Miso and Tofu', 'relationships.pets.animals'],
      ['Ana prefers dark mode everywhere', THEME],
    ]);
    for (const fact of staged) expect(fact.source).toMatch(/^capture:chat#[23]$/);
    expect(result.dismissed).toBe(1);
    // nothing committed: the stage waits for "memoir commit"
    expect(gitIn(dir, ['log', '--format=%s']).trim().split('\n')).toHaveLength(2);
    const queue = JSON.parse(fs.readFileSync(path.join(dir, '.memoir', 'state', 'review.json'), 'utf8'));
    expect(queue.items.map((i: { text: string; source: string }) => [i.text, i.source])).toEqual([
      ['Ana works as a nurse at the city hospital', 'capture:chat#5'],
    ]);
  });

  it('refuses a reworded text that holds a secret, and stages none of it', async () => {
    const dir = repo();
    const secret = 'ghp_' + 'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8';
    const reviewer: CaptureReviewer = async (items) =>
      items.map((item) => ({
        kind: 'accept',
        text: `${item.text} ${secret}`,
        path: THEME,
        how: 'accepted',
        textEdited: true,
      }));
    const result = await runCapture(
      { bytes: new TextEncoder().encode(CHAT), name: 'stdin' },
      { speaker: 'Ana' },
      terminalContext(dir),
      reviewer,
    );
    expect(result.rejected.some((r) => r.kind === 'secret')).toBe(true);
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(readStageFile(dir))).not.toContain(secret);
  });
});
