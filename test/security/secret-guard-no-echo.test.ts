import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/secrets/generate.mjs';
import { refuseSecretIn } from '../../src/core/guardText.js';
import { builtinTaxonomy } from '../../src/config/taxonomy.js';
import { admitFacts } from '../../src/core/admit.js';
import { screenFact } from '../../src/core/screen.js';
import { describeSecrets, findSecrets } from '../../src/core/secrets.js';
import { RefusedError } from '../../src/errors/index.js';
import { readStageFile, repoTemplate, runner } from '../helpers/e2e.js';

// A refused secret is never repeated: not in a finding, a message, a hint, JSON, or the CLI's
// output, not even a part of it (a prefix, the last four digits). Checked over the whole
// generated corpus (bench/secrets/generate.mjs): no output holds any 6-character piece of a secret.

const taxonomy = builtinTaxonomy();
/** The corpus's secrets that the guard refuses (misses are the coverage test's concern). */
const secrets = generateCorpus().samples.filter((s) => s.secret && findSecrets(s.text).length > 0);

/** Every way a refusal is said, for one fact: the screen, a batch (as text and as source), a commit message. */
function refusals(text: string): string {
  const said = [
    JSON.stringify(findSecrets(text)),
    describeSecrets(findSecrets(text)),
    JSON.stringify(screenFact({ text })),
  ];
  const admitted = admitFacts(
    [
      { text: 'fine', source: text, line: 1 },
      { text, line: 2 },
    ],
    { taxonomy, path: 'knowledge.technical.gotchas', defaultSource: 'stdin', recordedAt: '2026-01-02T03:04:05Z' },
  );
  said.push(JSON.stringify(admitted));
  try {
    refuseSecretIn(text, 'the commit message', 'nothing was committed');
  } catch (error) {
    if (!(error instanceof RefusedError)) throw error;
    said.push(error.message, error.hint ?? '', JSON.stringify(error.toJSON()));
  }
  return said.join('\n');
}

/** The guard's fixed words: labels, rule ids, kinds and message templates, as said for a canary secret. */
const vocabulary =
  [...new Set(secrets.flatMap((s) => findSecrets(s.text)).flatMap((f) => [f.label, f.ruleId, f.kind]))].join('\n') +
  refusals('my password is Qx7!Qx7!Qx7');

/** The pieces of `secret` (6 characters) that `output` holds and that are not the guard's own words ("secret", "GitHub"). */
function echoed(output: string, secret: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i + 6 <= secret.length; i++) {
    const piece = secret.slice(i, i + 6);
    if (output.includes(piece) && !vocabulary.includes(piece)) pieces.push(piece);
  }
  return pieces;
}

const freshRepo = repoTemplate();

describe('no part of a refused secret is ever echoed', () => {
  it('covers a corpus of every kind the guard refuses', () => {
    expect(secrets.length).toBeGreaterThan(700);
    expect(new Set(secrets.map((s) => s.family)).size).toBeGreaterThan(200);
  });

  it('findings and their description carry only kind, label, rule and position', () => {
    for (const s of secrets) {
      const found = findSecrets(s.text);
      for (const f of found) expect(Object.keys(f).sort()).toEqual(['index', 'kind', 'label', 'ruleId']);
      expect(echoed(JSON.stringify(found) + describeSecrets(found), s.value!), s.text).toEqual([]);
    }
  });

  it("the screen's and the batch's rejections, and a refused commit message, hold nothing of the secret", () => {
    for (const s of secrets) {
      const screened = screenFact({ text: s.text });
      expect('rejection' in screened && screened.rejection.kind).toBe('secret');
      const admitted = admitFacts(
        [
          { text: 'fine', source: s.text, line: 1 },
          { text: s.text, line: 2 },
        ],
        { taxonomy, path: 'knowledge.technical.gotchas', defaultSource: 'stdin', recordedAt: '2026-01-02T03:04:05Z' },
      );
      expect(admitted.rejected.map((r) => r.kind)).toEqual(['secret', 'secret']);
      expect(() => refuseSecretIn(s.text, 'the commit message', 'nothing was committed')).toThrow(
        expect.objectContaining({ code: 'secret-detected', exitCode: 4 }),
      );
      expect(echoed(refusals(s.text), s.value!), s.text).toEqual([]);
    }
  });

  it('the CLI refuses a batch of them (exit 4) without repeating any, in plain and JSON output, and stages nothing', () => {
    const dir = freshRepo();
    const sample = secrets.filter((_, i) => i % 8 === 0);
    const file = path.join(dir, 'facts.jsonl');
    fs.writeFileSync(
      file,
      sample.map((s) => JSON.stringify({ text: s.text, path: 'knowledge.technical.gotchas' })).join('\n') + '\n',
    );
    for (const args of [
      ['add', '--file', file],
      ['add', '--file', file, '--json'],
    ]) {
      const result = runner(dir)(args);
      expect(result.code).toBe(4);
      for (const s of sample) expect(echoed(result.stdout + result.stderr, s.value!), s.text).toEqual([]);
    }
    expect(readStageFile(dir).ops).toEqual([]);
  });
});
