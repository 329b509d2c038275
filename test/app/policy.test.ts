import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, tempDir } from '../helpers/cli.js';
import { gitdirOf, gitIn, jsonError, ok, repoTemplate, revParse, snapshotRepository } from '../helpers/e2e.js';
import { runIn, runnerIn } from '../helpers/inProcess.js';
import { call, connect } from '../helpers/mcp.js';
import { FOOD, LANGS, sessionIn } from '../helpers/merge.js';

/*
 * policy.yaml (issue 18): the file checked against its schema with line and column, committed
 * and versioned like the facts, and its rules enforced where commits are made, by the CLI and
 * by MCP: exit 4 naming the rule, nothing written; an overridable rule passed with a reason
 * recorded as a trailer.
 */

const POLICY = `rules:
  - name: main-by-merge-only
    protect: { branches: ["main"] }
  - name: health-needs-a-person
    review: { paths: ["health"], minConfidence: 1.0 }
  - name: no-finance-on-shared
    deny: { paths: ["finance"], branches: ["shared*"] }
  - name: no-door-codes
    deny: { patterns: ["door code"] }
  - name: short-facts
    overridable: true
    limits: { maxFactLength: 40, maxFactsPerCommit: 2 }
  - name: small-leaves
    limits: { maxFactsPerLeaf: 3, paths: ["${LANGS}"] }
`;

function policyFile(text: string): string {
  const file = path.join(tempDir(), 'policy.yaml');
  fs.writeFileSync(file, text);
  return file;
}

/** main with one fact and the policy committed on it; a branch "work" from there. */
const repo = repoTemplate(async (dir) => {
  const s = sessionIn(dir);
  await s.remember('Likes tea', FOOD);
  ok(await runIn(dir, ['policy', 'set', policyFile(POLICY)]));
  ok(await s.run(['branch', 'work']));
  ok(await s.run(['branch', 'shared-notes']));
});

describe('policy check', () => {
  it('says a valid file is valid, and lists every problem of a bad one with line and column (exit 2)', async () => {
    const dir = tempDir();
    const good = ok(await runIn(dir, ['policy', 'check', policyFile(POLICY), '--json']));
    expect(parseJson(good.stdout)).toMatchObject({ valid: true, rules: 6 });
    const bad = policyFile(
      'rules:\n  - name: Bad Name\n    protect: { branches: ["main"] }\n  - name: x\n    deny: { patterns: ["("] }\n  - name: y\n    limits: { maxFactLength: 10, colour: red }\n',
    );
    const result = await runIn(dir, ['policy', 'check', bad], { NO_COLOR: '1' }, true);
    expect(result.code).toBe(2);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`^${bad}:2:\\d+: rules\\.0\\.name: lower-case letters`));
    expect(lines[1]).toMatch(new RegExp(`^${bad}:5:\\d+: .*not a valid regular expression`));
    expect(lines[2]).toBe(`${bad}:7:42: rules.2.limits.colour: unknown key "colour"`);
    const syntax = await runIn(dir, ['policy', 'check', policyFile('rules: [\n'), '--json']);
    expect(syntax.code).toBe(2);
    expect(parseJson<{ problems: Array<{ line: number }> }>(syntax.stdout).problems[0].line).toBeGreaterThan(0);
  });
});

describe('policy set and show', () => {
  it('commits policy.yaml as the branch holds facts: native git reads it, log shows it, policy lists the rules', async () => {
    const dir = repo();
    expect(gitIn(dir, ['show', 'main:policy.yaml'])).toBe(POLICY);
    expect(
      ok(await runIn(dir, ['log', '--oneline', 'policy.yaml']))
        .stdout.trim()
        .split('\n'),
    ).toHaveLength(1);
    const shown = parseJson<{ rules: Array<{ name: string }> }>(ok(await runIn(dir, ['policy', '--json'])).stdout);
    expect(shown.rules.map((r) => r.name)).toEqual([
      'main-by-merge-only',
      'health-needs-a-person',
      'no-finance-on-shared',
      'no-door-codes',
      'short-facts',
      'small-leaves',
    ]);
    // a new policy on the protected branch goes by merge, like any change
    const again = await runIn(dir, ['policy', 'set', policyFile(POLICY.replace('40', '50')), '--json']);
    expect(again.code).toBe(4);
    expect(jsonError(again)).toMatchObject({ code: 'policy-violation' });
    ok(await runIn(dir, ['policy', 'set', policyFile(POLICY.replace('40', '50')), '-b', 'work']));
    expect(gitIn(dir, ['show', 'work:policy.yaml'])).toContain('maxFactLength: 50');
  });
});

describe('policy edit', () => {
  it('opens $EDITOR on the policy, commits what was saved, keeps a file that breaks the schema', async () => {
    const dir = repo();
    const unchanged = await runIn(dir, ['policy', 'edit', '-b', 'work'], { EDITOR: 'true' });
    expect(ok(unchanged).stderr).toBe('policy.yaml unchanged: nothing committed\n');
    const next = policyFile(POLICY.replace('maxFactLength: 40', 'maxFactLength: 80'));
    ok(await runIn(dir, ['policy', 'edit', '-b', 'work'], { EDITOR: `cp ${next}` }));
    expect(gitIn(dir, ['show', 'work:policy.yaml'])).toContain('maxFactLength: 80');
    const broken = policyFile('rules:\n  - name: x\n');
    const refused = await runIn(dir, ['policy', 'edit', '-b', 'work'], { EDITOR: `cp ${broken}` });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/policy-edit\.yaml:2:\d+: rules\.0: a rule has a name and exactly one of/);
    expect(fs.readFileSync(path.join(gitdirOf(dir), 'state', 'policy-edit.yaml'), 'utf8')).toBe(
      'rules:\n  - name: x\n',
    );
  });
});

describe('policy enforced where commits are made', () => {
  /** Every file of the store but memoir's caches (derived, safe to lose: a checked policy is kept there by its id). */
  const stored = (dir: string) =>
    Object.fromEntries(Object.entries(snapshotRepository(dir)).filter(([file]) => !file.startsWith('state/cache/')));
  const refused = async (dir: string, args: string[], rule: string) => {
    const before = stored(dir);
    const result = await runIn(dir, [...args, '--json']);
    expect(result.code, args.join(' ')).toBe(4);
    expect(jsonError(result)).toMatchObject({ code: 'policy-violation' });
    expect(result.stderr).toContain(`"${rule}"`);
    expect(stored(dir)).toEqual(before);
    return result;
  };

  it('refuses each rule kind with its name, and lets what complies through', async () => {
    const dir = repo();
    await refused(dir, ['add', 'Likes coffee', '-p', FOOD, '--commit'], 'main-by-merge-only');
    await refused(
      dir,
      ['add', 'Earns 50k a year', '-p', 'finance.income.salary', '--commit', '-b', 'shared-notes'],
      'no-finance-on-shared',
    );
    ok(await runIn(dir, ['add', 'Earns 50k a year', '-p', 'finance.income.salary', '--commit', '-b', 'work']));
    const pattern = await refused(
      dir,
      ['add', 'The Door Code is 4417', '-p', FOOD, '--commit', '-b', 'work'],
      'no-door-codes',
    );
    expect(pattern.stderr).not.toContain('4417');
    await refused(
      dir,
      ['add', 'A fact far longer than forty characters, clearly', '-p', FOOD, '--commit', '-b', 'work'],
      'short-facts',
    );
    const batch = path.join(tempDir(), 'facts.jsonl');
    fs.writeFileSync(
      batch,
      ['one', 'two', 'three'].map((t) => JSON.stringify({ text: `Writes ${t}`, path: FOOD })).join('\n'),
    );
    await refused(dir, ['add', '--file', batch, '--commit', '-b', 'work'], 'short-facts');
    for (const language of ['Go', 'Rust', 'Zig'])
      ok(await runIn(dir, ['add', `Writes ${language}`, '-p', LANGS, '--commit', '-b', 'work']));
    await refused(dir, ['add', 'Writes Odin', '-p', LANGS, '--commit', '-b', 'work'], 'small-leaves');
  });

  it("keeps a classifier from filing under health on its own, and takes a person's --path", async () => {
    const dir = repo();
    const text = 'I have asthma';
    const result = await runIn(dir, ['add', text, '--yes', '--commit', '-b', 'work', '--json']);
    expect(result.code).toBe(4);
    expect(jsonError(result)).toMatchObject({
      code: 'policy-violation',
      data: { violations: [{ rule: 'health-needs-a-person', fact: { path: 'health.conditions.medical' } }] },
    });
    ok(await runIn(dir, ['add', text, '-p', 'health.conditions.medical', '--commit', '-b', 'work']));
  });

  it('passes an overridable rule with --override-policy and a reason, recorded as a trailer; never a fixed one', async () => {
    const dir = repo();
    const long = 'A fact far longer than forty characters, clearly';
    const missing = await runIn(dir, ['add', long, '-p', FOOD, '--commit', '-b', 'work', '--override-policy']);
    expect(missing.code).toBe(2);
    ok(
      await runIn(dir, [
        'add',
        long,
        '-p',
        FOOD,
        '--commit',
        '-b',
        'work',
        '--override-policy',
        '--reason',
        'ticket 12',
      ]),
    );
    expect(gitIn(dir, ['log', '-1', '--format=%(trailers:key=Memoir-Policy-Override,valueonly)', 'work']).trim()).toBe(
      'short-facts: ticket 12',
    );
    await refused(
      dir,
      ['add', 'Likes coffee', '-p', FOOD, '--commit', '--override-policy', '--reason', 'hurry'],
      'main-by-merge-only',
    );
    expect(revParse(dir)).toBe(revParse(dir, 'work~1'));
  });

  it('lets main take a merge (fast-forward or merge commit), and judges what a merge brings by the branch it lands on', async () => {
    const dir = repo();
    const s = sessionIn(dir);
    ok(await runIn(dir, ['add', 'Earns 50k a year', '-p', 'finance.income.salary', '--commit', '-b', 'work']));
    ok(await s.run(['merge', 'work', '--no-input']));
    expect(revParse(dir)).toBe(revParse(dir, 'work'));
    await s.checkout('shared-notes');
    await s.remember('A note only here', LANGS, ['--override-policy', '--reason', 'setup']);
    await refused(dir, ['merge', 'work', '--no-input'], 'no-finance-on-shared');
    await s.checkout('main');
    ok(await runIn(dir, ['add', 'Writes Go', '-p', LANGS, '--commit', '-b', 'work']));
    ok(await s.run(['merge', 'work', '--no-ff', '--no-input']));
    expect(gitIn(dir, ['rev-list', '--merges', '--count', 'main']).trim()).toBe('1');
    await refused(dir, ['revert', 'HEAD~1'], 'main-by-merge-only');
  });

  it('passes an overridable rule on a merge with --override-policy --reason, recorded in the merge commit', async () => {
    const dir = repo();
    const s = sessionIn(dir);
    const long = 'A fact far longer than forty characters, clearly';
    ok(await runIn(dir, ['add', long, '-p', FOOD, '--commit', '-b', 'work', '--override-policy', '--reason', 'setup']));
    await refused(dir, ['merge', 'work', '--no-ff', '--no-input'], 'short-facts');
    ok(await s.run(['merge', 'work', '--no-ff', '--no-input', '--override-policy', '--reason', 'imported']));
    expect(gitIn(dir, ['log', '-1', '--format=%(trailers:key=Memoir-Policy-Override,valueonly)', 'main']).trim()).toBe(
      'short-facts: imported',
    );
  });

  it('keeps a protected branch: no reset --hard backwards, no deletion; forget only with an override and a reason', async () => {
    const dir = repo();
    const s = sessionIn(dir);
    ok(await runIn(dir, ['add', 'Likes coffee', '-p', FOOD, '--commit', '-b', 'work']));
    ok(await s.run(['merge', 'work', '--no-input']));
    await refused(dir, ['reset', '--hard', 'HEAD~1', '--force'], 'main-by-merge-only');
    await refused(
      dir,
      ['reset', '--hard', 'HEAD~1', '--force', '--override-policy', '--reason', 'oops'],
      'main-by-merge-only',
    );
    await s.checkout('work');
    await refused(dir, ['branch', '-D', 'main'], 'main-by-merge-only');
    const forget = await refused(dir, ['forget', '--match', 'coffee', '--yes'], 'main-by-merge-only');
    expect(forget.stderr).toContain('--override-policy --reason');
    const done = parseJson<{ receipt: { overrides: string[]; reason: string } }>(
      ok(
        await runIn(dir, [
          'forget',
          '--match',
          'coffee',
          '--yes',
          '--override-policy',
          '--reason',
          'GDPR #9',
          '--json',
        ]),
      ).stdout,
    );
    expect(done.receipt).toMatchObject({ overrides: ['main-by-merge-only'], reason: 'GDPR #9' });
  });

  it('holds an agent to the same rules over MCP', async () => {
    const dir = repo();
    const { client } = await connect(dir);
    const result = await call(client, 'memoir_remember', { content: 'Likes coffee', path: FOOD });
    expect(result.isError).toBe(true);
    expect(result.body).toMatchObject({ code: 'policy-violation', exitCode: 4 });
    const onBranch = await call(client, 'memoir_remember', { content: 'Likes coffee', path: FOOD, branch: 'work' });
    expect(onBranch.body).toMatchObject({ status: 'committed' });
    // deny, limits and review hold an agent as they hold a person
    for (const [content, path, rule] of [
      ['The door code is 4417', FOOD, 'no-door-codes'],
      ['A fact far longer than forty characters, clearly', FOOD, 'short-facts'],
      ['Earns 50k a year', 'finance.income.salary', 'no-finance-on-shared'],
    ]) {
      const refusedCall = await call(client, 'memoir_remember', {
        content,
        path,
        branch: rule === 'no-finance-on-shared' ? 'shared-notes' : 'work',
      });
      expect(refusedCall.body, rule).toMatchObject({ code: 'policy-violation', exitCode: 4 });
      expect(JSON.stringify(refusedCall.body)).toContain(rule);
    }
    const withoutPath = await call(client, 'memoir_remember', { content: 'I have asthma', branch: 'work' });
    expect(withoutPath.body).not.toMatchObject({ status: 'committed' });
  });

  it('stays out of the way of a memory without policy.yaml', async () => {
    const dir = tempDir();
    const run = runnerIn(dir);
    ok(await run(['init', '-q']));
    ok(await run(['add', 'Likes tea', '-p', FOOD, '--commit']));
    expect(parseJson(ok(await run(['policy', '--json'])).stdout)).toEqual({ commit: null, rules: [] });
  });
});

describe('policy audit', () => {
  it('finds each violation planted in a 50-commit history, by commit and rule (exit 4), and none where an override answers', async () => {
    const dir = tempDir();
    const run = runnerIn(dir);
    ok(await run(['init', '-q']));
    const s = sessionIn(dir);
    const planted: Array<{ rule: string; commit: string }> = [];
    const plant = async (rule: string, args: string[]) => {
      ok(await run(args));
      planted.push({ rule, commit: revParse(dir) });
    };
    for (let i = 0; i < 50; i++) {
      if (i === 10) await plant('no-finance', ['add', 'Earns 50k a year', '-p', 'finance.income.salary', '--commit']);
      else if (i === 20) await plant('no-door-codes', ['add', 'The door code is 4417', '-p', FOOD, '--commit']);
      else if (i === 30)
        await plant('short-facts', [
          'add',
          'A fact that runs on and on for more than sixty characters, really',
          '-p',
          FOOD,
          '--commit',
        ]);
      else if (i === 40) await plant('health-needs-a-person', ['add', 'I have asthma', '--yes', '--commit']);
      else await s.remember(`Writes language ${i}`, LANGS);
    }
    const audited = `rules:
  - name: no-finance
    deny: { paths: ["finance"] }
  - name: no-door-codes
    deny: { patterns: ["door code"] }
  - name: short-facts
    overridable: true
    limits: { maxFactLength: 60 }
  - name: health-needs-a-person
    review: { paths: ["health"] }
`;
    ok(await run(['policy', 'set', policyFile(audited)]));
    // an override on record answers for its rule
    ok(
      await run([
        'add',
        'Another fact that runs on and on for more than sixty characters',
        '-p',
        FOOD,
        '--commit',
        '--override-policy',
        '--reason',
        'imported notes',
      ]),
    );
    const result = await run(['policy', 'audit', '--json']);
    expect(result.code).toBe(4);
    const audit = parseJson<{ checked: number; findings: Array<{ commit: string; rule: string }> }>(result.stdout);
    expect(audit.checked).toBe(52);
    expect(audit.findings.map(({ commit, rule }) => ({ commit, rule }))).toEqual(planted);
    expect(result.stdout).not.toContain('4417');
    // a range: only what came after the planted ones
    expect(ok(await run(['policy', 'audit', `${planted[3].commit}..HEAD`])).code).toBe(0);
  });
});

describe('retention', () => {
  const LATER = { MEMOIR_NOW: '2026-03-01T00:00:00Z' };
  const retained = async () => {
    const dir = tempDir();
    const run = runnerIn(dir);
    ok(await run(['init', '-q']));
    ok(await run(['add', 'I have asthma', '-p', 'health.conditions.medical', '--commit']));
    ok(await run(['add', 'Takes an inhaler each morning', '-p', 'health.conditions.medications', '--commit']));
    ok(await run(['add', 'Likes tea', '-p', FOOD, '--commit']));
    const file = policyFile('rules:\n  - name: health-for-30-days\n    retention: { paths: ["health"], after: 30d }\n');
    ok(await run(['policy', 'set', file]));
    return dir;
  };

  it('status counts the facts past their retention; gc --expired stages their removal, commit takes them out', async () => {
    const dir = await retained();
    expect(parseJson<{ expired: number }>(ok(await runIn(dir, ['status', '--json'])).stdout).expired).toBe(0);
    expect(parseJson<{ expired: number }>(ok(await runIn(dir, ['status', '--json'], LATER)).stdout).expired).toBe(2);
    expect(ok(await runIn(dir, ['status'], { ...LATER, NO_COLOR: '1' }, true)).stdout).toContain(
      '2 facts past the retention policy.yaml sets',
    );
    const staged = parseJson<{ staged: Array<{ path: string }> }>(
      ok(await runIn(dir, ['gc', '--expired', '--json'], LATER)).stdout,
    );
    expect(staged.staged.map((f) => f.path).sort()).toEqual([
      'health.conditions.medical',
      'health.conditions.medications',
    ]);
    ok(await runIn(dir, ['commit', '-m', 'Retention'], LATER));
    expect(gitIn(dir, ['ls-tree', '-r', '--name-only', 'main'])).not.toContain('health/');
    expect(gitIn(dir, ['log', '--all', '-p'])).toContain('I have asthma');
    expect(parseJson<{ expired: number }>(ok(await runIn(dir, ['status', '--json'], LATER)).stdout).expired).toBe(0);
  });

  it('gc --expired --forget erases them from history with a receipt that says why', async () => {
    const dir = await retained();
    const forgot = parseJson<{ receipt: { reason: string; factIds: string[] } }>(
      ok(await runIn(dir, ['gc', '--expired', '--forget', '--yes', '--json'], LATER)).stdout,
    );
    expect(forgot.receipt).toMatchObject({ reason: 'retention: health-for-30-days' });
    expect(forgot.receipt.factIds).toHaveLength(2);
    expect(gitIn(dir, ['log', '--all', '-p'])).not.toContain('asthma');
    expect(gitIn(dir, ['show', `main:${'preferences/food/cuisine.md'}`])).toContain('Likes tea');
    const none = await runIn(dir, ['gc', '--expired', '--json'], LATER);
    expect(parseJson(ok(none).stdout)).toEqual({ expired: 0 });
  });
});
