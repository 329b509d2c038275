// A five-minute tour of memoir on the embedded default (no API key, no network):
// creates a memory in a temporary directory and walks through the README's "A five-minute
// tour" (add, commit, log, get, show, diff, blame, revert, validity, restore, reset, reflog),
// then branches, a merge with a conflict, recall and context, capture and consolidation.
//
// Each step runs in this process through the built CLI's `run`, with an IO that says "a
// terminal that cannot prompt": every command shows the human layout the README shows, also
// when the tour's output goes to a file or a CI log (a spawned memoir there would print the
// tab-separated pipe format). Colour, the headings' too, is decided for the tour's own stdout
// as memoir decides it (a terminal, and not NO_COLOR, --color=never, TERM=dumb...); nothing
// prompts (the review screen never opens: the steps pass --yes or --path).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine } from '../dist/cli.cjs';

const { createIO, run } = await commandLine();

const bin = fileURLToPath(new URL('../bin/memoir.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'memoir-tour-'));
process.env.MEMOIR_AUTHOR_NAME ??= 'Tour Guide';
process.env.MEMOIR_AUTHOR_EMAIL ??= 'tour@example.com';
delete process.env.MEMOIR_DIR;
// a pager would stop the tour at each long output
process.env.MEMOIR_PAGER = '';
process.chdir(dir);

/** The IO of one step: the human layout (a terminal's), colour as for the tour's stdout, no prompts. */
function terminalIO(args, input) {
  const streams = createIO({ env: process.env, json: args.includes('--json'), noInput: true });
  return {
    out: streams.out,
    err: streams.err,
    readStdin: async () => new TextEncoder().encode(input ?? ''),
    stdinIsTTY: false,
    stdoutIsTTY: true,
    color: streams.color,
    errColor: streams.errColor,
    canPrompt: false,
    columns: streams.columns,
    json: streams.json,
  };
}

const bold = createIO({ env: process.env }).color ? (text) => `\x1b[1m${text}\x1b[0m` : (text) => text;

async function step(title, args, { input, expectCode = 0 } = {}) {
  console.log(
    `\n${bold(`# ${title}`)}\n$ memoir ${args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(' ')}${input ? `   (stdin: ${JSON.stringify(input)})` : ''}`,
  );
  const code = await run(terminalIO(args, input), [process.execPath, bin, ...args]);
  if (code !== expectCode) {
    console.error(`\ntour: "memoir ${args.join(' ')}" exited ${code}, expected ${expectCode}`);
    process.exit(1);
  }
}

try {
  console.log(`memoir tour in ${dir}`);
  await step('Create a memory repository (a real git repository in .memoir/)', ['init']);
  await step('Ask the embedded classifier where a fact belongs (nothing is stored)', [
    'classify',
    "I'm allergic to peanuts and shellfish",
    '-k',
    '3',
  ]);
  await step('Stage a fact: classified offline; --yes takes the top suggestion (in a terminal you would review it)', [
    'add',
    "I'm allergic to peanuts and shellfish",
    '--yes',
  ]);
  await step('Stage a fact at a leaf you name (no classification)', [
    'add',
    'I prefer dark mode in every app',
    '--path',
    'preferences.ui.theme',
  ]);
  await step('Stage several facts at once, one per line', ['add', '-', '--path', 'relationships.pets.animals'], {
    input: 'We have a cat named Miso\nMiso is afraid of the vacuum cleaner\n',
  });
  await step('See what is staged', ['status']);
  await step('Commit them, with provenance in git trailers', ['commit']);
  await step('Remember and commit in one step (the one an agent uses)', [
    'add',
    'PRs need two approvals before merging',
    '-p',
    'workflow.review.process',
    '--commit',
  ]);
  await step('A new value for a "one" leaf supersedes the old one', [
    'add',
    'Actually, solarized light is my theme now',
    '-p',
    'preferences.ui.theme',
    '--commit',
  ]);
  await step(
    'Credentials are refused, and nothing is stored (exit 4)',
    ['add', 'my password is hunter2', '-p', 'profile.identity.name'],
    { expectCode: 4 },
  );
  await step('The history', ['log', '--oneline']);
  await step('The history of one leaf', ['log', 'preferences.ui.theme', '--oneline']);
  await step('Read a leaf back', ['get', 'preferences.ui.theme']);
  await step('The same, as JSON for scripts and agents', ['get', 'relationships.pets.animals', '--json']);
  await step('What a commit changed, fact by fact', ['show']);
  await step('Which leaves hold facts', ['ls']);
  await step('What changed since the first commit, fact by fact (> old → new: a value superseded)', ['diff', 'HEAD~2']);
  await step('The same, counted per leaf, under a prefix', ['diff', 'HEAD~2', '--stat', '--', 'preferences']);
  await step('Who and what put each fact there', ['blame', 'preferences']);
  await step('Every value a leaf has had', ['log', '-p', 'preferences.ui.theme', '--oneline']);
  await step('The leaf as it was two commits ago', ['get', 'preferences.ui.theme', '--at', 'HEAD~2']);
  await step('Undo a commit with a new one', ['revert', 'HEAD']);
  await step('A fact true for a time: when it held, beside when it was recorded', [
    'add',
    'Works at Acme',
    '-p',
    'work.employment.employer',
    '--valid-from',
    '2024-03-01',
    '--valid-until',
    '2025-12-31',
    '-c',
  ]);
  await step('What was true then, by what memory knows now', [
    'get',
    'work.employment.employer',
    '--valid-at',
    '2025-06-01',
  ]);
  await step('Stage a leaf as it was at an older commit', ['restore', 'preferences.ui.theme', '--source', 'HEAD~2']);
  await step('...and commit it with your own message', ['commit', '-m', 'Back to the solarized theme']);
  await step('Move the branch back a commit (the stage cleared; --force, as it drops a commit)', [
    'reset',
    '--hard',
    'HEAD~1',
    '--force',
  ]);
  await step('Every move of the branch: main@{1} names the tip before the reset', ['reflog']);
  await step('So nothing is lost: move back to it', ['reset', '--hard', 'main@{1}', '--force']);
  await step('An agent writes to its own branch without switching (or MEMOIR_BRANCH=agent-2)', [
    'add',
    'Prefers high-contrast light themes',
    '-p',
    'preferences.ui.theme',
    '--commit',
    '--branch',
    'agent-2',
  ]);
  await step('Meanwhile main changes the same leaf', [
    'add',
    'Dark mode after sunset',
    '-p',
    'preferences.ui.theme',
    '--commit',
  ]);
  await step('A second agent adds on its own branch, starting from main', [
    'add',
    'Miso sleeps on the keyboard',
    '-p',
    'relationships.pets.animals',
    '--commit',
    '--branch',
    'agent-3',
  ]);
  await step('The branches', ['branch']);
  await step('Merge agent-3: main has not moved since it started, so a fast-forward', ['merge', 'agent-3']);
  await step('Merge agent-2: the theme changed on both sides, a conflict (exit 3, recorded)', ['merge', 'agent-2'], {
    expectCode: 3,
  });
  await step('The merge in progress and its conflicts (--json for scripts)', ['status']);
  await step('Settle it: take their value (or --ours, --both, --text "...")', [
    'resolve',
    'preferences.ui.theme',
    '--theirs',
  ]);
  await step('Write the merge commit', ['merge', '--continue']);
  await step('The merge commit on top of the history (git log --graph shows both parents)', [
    'log',
    '--oneline',
    '-n',
    '4',
  ]);
  await step('Ask memory a question in your own words (no model: the taxonomy and the words)', [
    'recall',
    'which colour scheme does the user like?',
    '-k',
    '3',
  ]);
  await step("A compact block of memory for an agent's system prompt", ['context', '--max-chars', '600']);
  await step(
    'Capture a conversation: facts proposed from what people said, "yesterday" made a date (--dry-run: nothing written)',
    ['capture', '-', '--yes', '--dry-run'],
    {
      input:
        '## 8 May 2023\nCaroline: Hey Mel! How are you?\nMelanie: Good thanks! Busy week with the kids.\nCaroline: I started a new job at a bakery yesterday. I work mornings now.\nMelanie: Nice! My daughter is allergic to peanuts, so no bakery treats for her.\n',
      expectCode: 3,
    },
  );
  await step('Another agent files a fact memory already holds, at a leaf of its own', [
    'add',
    'we have a cat named Miso',
    '-p',
    'relationships.friends.close',
    '--commit',
  ]);
  await step('The repairs memory needs (--dry-run: listed, nothing changed)', ['consolidate', '--dry-run']);
  await step('Apply what a rule settles (the same text twice, a validity that ended): a commit per repair', [
    'consolidate',
    '--yes',
  ]);
  await step('Repairs apart from learning', ['log', '--consolidation', '--oneline']);
  console.log(`\nTour complete. The memory is kept in ${dir}; plain git works on it too:`);
  console.log(
    `  cd ${dir} && git --git-dir=.memoir log --stat && git --git-dir=.memoir blame main -- preferences/ui/theme.md`,
  );
  console.log(`Try "node ${bin} --help" or "memoir taxonomy" (after "npm link"); remove the tour with: rm -rf ${dir}`);
} catch (error) {
  rmSync(dir, { recursive: true, force: true });
  throw error;
}
