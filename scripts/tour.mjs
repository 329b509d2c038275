// A five-minute tour of memoir on the embedded default (no API key, no network):
// creates a memory in a temporary directory and walks through add, commit, log, get, show,
// diff, blame, revert, reflog, branches and a merge with a conflict.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/memoir.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'memoir-tour-'));
const env = {
  ...process.env,
  MEMOIR_AUTHOR_NAME: process.env.MEMOIR_AUTHOR_NAME ?? 'Tour Guide',
  MEMOIR_AUTHOR_EMAIL: process.env.MEMOIR_AUTHOR_EMAIL ?? 'tour@example.com',
};
delete env.MEMOIR_DIR;

function step(title, args, { input, expectCode = 0 } = {}) {
  console.log(
    `\n\x1b[1m# ${title}\x1b[0m\n$ memoir ${args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(' ')}${input ? `   (stdin: ${JSON.stringify(input)})` : ''}`,
  );
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    env,
    input,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  if (result.status !== expectCode) {
    console.error(`\ntour: "memoir ${args.join(' ')}" exited ${result.status}, expected ${expectCode}`);
    process.exit(1);
  }
}

try {
  console.log(`memoir tour in ${dir}`);
  step('Create a memory repository (a real git repository in .memoir/)', ['init']);
  step('Ask the embedded classifier where a fact belongs (nothing is stored)', [
    'classify',
    "I'm allergic to peanuts and shellfish",
    '-k',
    '3',
  ]);
  step('Stage a fact: classified offline; --yes takes the top suggestion (in a terminal you would review it)', [
    'add',
    "I'm allergic to peanuts and shellfish",
    '--yes',
  ]);
  step('Stage a fact at a leaf you name (no classification)', [
    'add',
    'I prefer dark mode in every app',
    '--path',
    'preferences.ui.theme',
  ]);
  step('Stage several facts at once, one per line', ['add', '-', '--path', 'relationships.pets.animals'], {
    input: 'We have a cat named Miso\nMiso is afraid of the vacuum cleaner\n',
  });
  step('See what is staged', ['status']);
  step('Commit them, with provenance in git trailers', ['commit']);
  step('Remember and commit in one step (the one an agent uses)', [
    'add',
    'PRs need two approvals before merging',
    '-p',
    'workflow.review.process',
    '--commit',
  ]);
  step('A new value for a "one" leaf supersedes the old one', [
    'add',
    'Actually, solarized light is my theme now',
    '-p',
    'preferences.ui.theme',
    '--commit',
  ]);
  step(
    'Credentials are refused, and nothing is stored (exit 4)',
    ['add', 'my password is hunter2', '-p', 'profile.identity.name'],
    { expectCode: 4 },
  );
  step('The history', ['log', '--oneline']);
  step('The history of one leaf', ['log', 'preferences.ui.theme', '--oneline']);
  step('Read a leaf back', ['get', 'preferences.ui.theme']);
  step('The same, as JSON for scripts and agents', ['get', 'relationships.pets.animals', '--json']);
  step('What a commit changed, fact by fact', ['show']);
  step('Which leaves hold facts', ['ls']);
  step('What changed since the first commit, fact by fact (~ old → new for a superseded value)', ['diff', 'HEAD~2']);
  step('Who and what put each fact there', ['blame', 'preferences']);
  step('Every value a leaf has had', ['log', '-p', 'preferences.ui.theme', '--oneline']);
  step('The leaf as it was two commits ago', ['get', 'preferences.ui.theme', '--at', 'HEAD~2']);
  step('Undo a commit with a new one', ['revert', 'HEAD']);
  step('Every move of the branch, so any earlier tip can be named (main@{1})', ['reflog']);
  step('An agent writes to its own branch without switching (or MEMOIR_BRANCH=agent-2)', [
    'add',
    'Prefers high-contrast light themes',
    '-p',
    'preferences.ui.theme',
    '--commit',
    '--branch',
    'agent-2',
  ]);
  step('Meanwhile main changes the same leaf', [
    'add',
    'Dark mode after sunset',
    '-p',
    'preferences.ui.theme',
    '--commit',
  ]);
  step('A second agent adds on its own branch, starting from main', [
    'add',
    'Miso sleeps on the keyboard',
    '-p',
    'relationships.pets.animals',
    '--commit',
    '--branch',
    'agent-3',
  ]);
  step('The branches', ['branch']);
  step('Merge agent-3: main has not moved since it started, so a fast-forward', ['merge', 'agent-3']);
  step('Merge agent-2: the theme changed on both sides, a conflict (exit 3, recorded)', ['merge', 'agent-2'], {
    expectCode: 3,
  });
  step('The merge in progress and its conflicts (--json for scripts)', ['status']);
  step('Settle it: take their value (or --ours, --both, --text "...")', [
    'resolve',
    'preferences.ui.theme',
    '--theirs',
  ]);
  step('Write the merge commit', ['merge', '--continue']);
  step('The merge commit on top of the history (git log --graph shows both parents)', ['log', '--oneline', '-n', '4']);
  step('Ask memory a question in your own words (no model: the taxonomy and the words)', [
    'recall',
    'which colour scheme does the user like?',
    '-k',
    '3',
  ]);
  step("A compact block of memory for an agent's system prompt", ['context', '--max-chars', '600']);
  console.log(`\nTour complete. The memory is kept in ${dir}; plain git works on it too:`);
  console.log(
    `  cd ${dir} && git --git-dir=.memoir log --stat && git --git-dir=.memoir blame main -- preferences/ui/theme.md`,
  );
  console.log(`Try "node ${bin} --help" or "memoir taxonomy" (after "npm link"); remove the tour with: rm -rf ${dir}`);
} catch (error) {
  rmSync(dir, { recursive: true, force: true });
  throw error;
}
