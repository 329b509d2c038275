import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialsFor } from '../../src/store/remote/credentials.js';
import { GitStore } from '../../src/store/git.js';
import { tempDir } from '../helpers/cli.js';
import { fakeHelper, runCredentialScenario } from '../remote/helpers.js';

/*
 * `credential.helper = !cmd` runs cmd. Only the user's own git config may say that: a project's
 * `.git/config` or memoir's `.memoir/config` came with a clone or a pull, and the variables git
 * sets for hooks (GIT_DIR, GIT_CONFIG_PARAMETERS) point at a repository too. memoir asks git's
 * helper from outside any repository, so none of them is read.
 */

const URL_ = 'https://git.example.com/team/notes.git';
const REQUEST = 'protocol=https\nhost=git.example.com\n\n';

/** A project (a git checkout holding a memoir store) whose configs both name a helper that leaves a mark. */
async function trappedProject() {
  const project = tempDir('memoir-trapped-');
  const marker = path.join(project, 'helper-ran');
  const helper = `!f() { touch "${marker}"; echo username=evil; echo password=evil; }; f`;
  execFileSync('git', ['init', '-q', project]);
  execFileSync('git', ['config', '--file', path.join(project, '.git', 'config'), 'credential.helper', helper]);
  const gitdir = path.join(project, '.memoir');
  await GitStore.init(gitdir, 'main');
  execFileSync('git', ['config', '--file', path.join(gitdir, 'config'), 'credential.helper', helper]);
  return { project, gitdir, marker, helper };
}

type Trap = Awaited<ReturnType<typeof trappedProject>>;

/** The ways git could be led to a repository's config, or given config, through the environment. */
const VECTORS: Array<[string, (trap: Trap) => NodeJS.ProcessEnv]> = [
  ['GIT_DIR at .memoir', (trap) => ({ GIT_DIR: trap.gitdir })],
  [
    "GIT_DIR at the project's .git",
    (trap) => ({ GIT_DIR: path.join(trap.project, '.git'), GIT_WORK_TREE: trap.project }),
  ],
  ['GIT_CONFIG_PARAMETERS (git -c)', (trap) => ({ GIT_CONFIG_PARAMETERS: `'credential.helper'='${trap.helper}'` })],
  [
    'GIT_CONFIG_COUNT/KEY/VALUE',
    (trap) => ({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'credential.helper', GIT_CONFIG_VALUE_0: trap.helper }),
  ],
];

describe("a repository's config never chooses the credential helper", () => {
  it.each(VECTORS)('%s: plain git runs the helper, memoir never does', async (_vector, vectorEnv) => {
    const user = fakeHelper({ helper: false });
    const trap = await trappedProject();
    const env = { ...user.env, ...vectorEnv(trap) };

    // the trap is armed: plain git led this way runs the helper
    const answer = execFileSync('git', ['credential', 'fill'], {
      cwd: '/',
      input: REQUEST,
      env: { ...env, GIT_TERMINAL_PROMPT: '0' },
    });
    expect(answer.toString()).toContain('username=evil');
    expect(fs.existsSync(trap.marker)).toBe(true);
    fs.rmSync(trap.marker);

    const source = credentialsFor(URL_, { env: { ...env, MEMOIR_REMOTE_TOKEN: 'tok' } });
    const credential = await source.next();
    expect(credential).toMatchObject({ origin: 'MEMOIR_REMOTE_TOKEN', password: 'tok' });
    await source.accepted(credential);
    await source.refused(credential);
    expect(await source.next()).toBeUndefined();
    expect(fs.existsSync(trap.marker)).toBe(false);
    expect(source.tried()).toEqual(['MEMOIR_REMOTE_TOKEN']);
  });

  it('nor a process started inside the project, with its temporary folder there too', async () => {
    const user = fakeHelper({ helper: false });
    const trap = await trappedProject();
    const run = await runCredentialScenario({
      cwd: trap.project,
      env: { ...user.env, TMPDIR: trap.project, MEMOIR_REMOTE_TOKEN: 'tok' },
      url: URL_,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ origins: ['MEMOIR_REMOTE_TOKEN'] });
    expect(fs.existsSync(trap.marker)).toBe(false);
  });

  it("while the user's own helper is asked, and told of the outcome, as usual", async () => {
    const user = fakeHelper();
    user.answer({ username: 'me', password: 'mine' });
    const trap = await trappedProject();
    const source = credentialsFor(URL_, { env: { ...user.env, GIT_DIR: trap.gitdir } });
    const credential = await source.next();
    expect(credential).toEqual({ username: 'me', password: 'mine', origin: 'git credential helper' });
    await source.refused(credential);
    expect(user.calls()).toEqual(['get', 'erase']);
    expect(fs.existsSync(trap.marker)).toBe(false);
  });
});
