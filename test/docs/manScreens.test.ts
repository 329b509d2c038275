import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manPages } from '../../src/cli.js';
import { CONFLICT_KIND } from '../../src/output/decision.js';
import {
  CAPTURE_EDIT_KEYS,
  CAPTURE_KEYS,
  CAPTURE_PATH_KEYS,
  CONFLICT_EDIT_KEYS,
  CONFLICT_KEYS,
  REVIEW_EDIT_KEYS,
  REVIEW_KEYS,
} from '../../src/ui/keyTable.js';
import { ROOT } from '../helpers/cli.js';

// The manual documents the interactive screens from the tables their footers use, and every global option.

const rendered = (file: string) =>
  execFileSync('man', ['-l', path.join(ROOT, 'man', file)], {
    encoding: 'utf8',
    env: { ...process.env, MANWIDTH: '1000', MANPAGER: 'cat' },
  }).replace(/\s+/g, ' ');

describe('man pages of the interactive screens', () => {
  it.each([
    ['memoir-add.1', [REVIEW_KEYS, REVIEW_EDIT_KEYS]],
    ['memoir-review.1', [REVIEW_KEYS, REVIEW_EDIT_KEYS]],
    ['memoir-merge.1', [CONFLICT_KEYS, CONFLICT_EDIT_KEYS]],
    ['memoir-capture.1', [CAPTURE_KEYS, CAPTURE_EDIT_KEYS, CAPTURE_PATH_KEYS]],
  ] as const)('%s describes every key of its screen', (file, tables) => {
    const text = rendered(file);
    for (const table of tables) for (const key of Object.values(table)) expect(text).toContain(key.detail);
  });

  it('memoir-merge.1 gives the merge rules and every kind of conflict', () => {
    const text = rendered('memoir-merge.1');
    expect(text).toContain('MERGE RULES');
    for (const [kind, meaning] of Object.entries(CONFLICT_KIND)) expect(text).toContain(`${kind} ${meaning}`);
  });

  it('every page names every global option, --no-input, --color and --no-pager among them', async () => {
    for (const [file, page] of await manPages()) {
      for (const option of [
        'memoir\\-dir',
        'color',
        'no\\-color',
        'lock\\-timeout',
        'no\\-input',
        'no\\-pager',
        'debug',
      ])
        expect(page, `${file}: --${option}`).toContain(`\\fB\\-\\-${option}\\fR`);
    }
  });
});
