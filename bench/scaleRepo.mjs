// The memories `npm run bench:scale` measures (bench/scale.mjs), grown as a long-lived memory
// grows: commit after commit of 50 facts, 10 at each of 5 leaves of the built-in taxonomy,
// each commit memoir's own `add --file <commit>.jsonl --commit`. A process per commit would cost
// ~0.2 s of start-up 2,000 times over, so one process runs them all through the CLI's in-process
// runner (as scripts/tour.mjs does), the clock pinned 6 hours later for each commit.
//   node bench/scaleRepo.mjs <dir> <commits> <many-leaves.json>     (bench/scale.mjs runs it)
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bin, root } from './timing.mjs';

/** A `one` leaf given a new value every `commits / 100` commits: 100 revisions for `log <leaf>` and `blame`. */
export const HOT_LEAF = 'preferences.ui.theme';
/** The leaf `get` reads: 500 facts at every size, so `get` measures the memory around it, not its output. */
export const GET_LEAF = 'relationships.pets.animals';
export const PER_COMMIT = 50;
const LEAVES_PER_COMMIT = 5;
const HOT_REVISIONS = 100;
const GET_FACTS = 500;
/** 2024-01-01T00:00:00Z, the first commit's clock; each further commit 6 hours later. */
const START = 1_704_067_200;

/** Realistic texts for every leaf: the classifier's training facts (48 at each leaf), which the secret guard passes. */
function textsByLeaf() {
  const dir = join(root, 'data', 'training');
  const texts = new Map();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort())
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      const { text, path } = JSON.parse(line);
      if (!texts.has(path)) texts.set(path, []);
      texts.get(path).push(text);
    }
  return texts;
}

/**
 * The facts of a memory of `commits` commits, one commit at a time, then of the changes the
 * benchmark makes on it; the same calls give the same facts. The leaves are visited in turn,
 * so every one of them fills at the same pace; a text comes back as `<training text> (<n>)` on
 * its n-th use at a leaf, so every fact is new.
 */
export class ScaleFacts {
  constructor(commits, manyLeaves) {
    this.commits = commits;
    this.texts = textsByLeaf();
    this.leaves = manyLeaves.filter((leaf) => leaf !== GET_LEAF && this.texts.has(leaf)).sort();
    this.used = new Map();
    this.turn = 0;
    this.next = 0;
  }

  fact(path) {
    const pool = this.texts.get(path);
    const n = this.used.get(path) ?? 0;
    this.used.set(path, n + 1);
    const round = Math.floor(n / pool.length);
    return { text: round ? `${pool[n % pool.length]} (${round + 1})` : pool[n % pool.length], path };
  }

  /**
   * The next commit's facts: 10 at each of 5 leaves (GET_LEAF one of them in 50 commits spread
   * evenly over the history), and HOT_LEAF's next value every `commits / 100` commits.
   */
  commit({ hot = true } = {}) {
    const i = this.next++;
    const facts = [];
    for (let s = 0; s < LEAVES_PER_COMMIT; s++) {
      const leaf =
        s === 0 && i % (this.commits / (GET_FACTS / 10)) === 0
          ? GET_LEAF
          : this.leaves[this.turn++ % this.leaves.length];
      for (let j = 0; j < PER_COMMIT / LEAVES_PER_COMMIT; j++) facts.push(this.fact(leaf));
    }
    if (hot && i % (this.commits / HOT_REVISIONS) === 0) facts.push(this.fact(HOT_LEAF));
    return facts;
  }

  /** Two branches' facts, `count` new facts each at the same leaves, without HOT_LEAF (two values of it would conflict). */
  branches(count) {
    const [turn, next] = [this.turn, this.next];
    const side = () => Array.from({ length: count / PER_COMMIT }, () => this.commit({ hot: false })).flat();
    const left = side();
    [this.turn, this.next] = [turn, next];
    return [left, side()];
  }
}

export const jsonl = (facts) => facts.map((f) => JSON.stringify(f)).join('\n') + '\n';

/** Grows the memory at `dir` (a new directory) to `commits` commits, in this process. */
async function build(dir, commits, manyLeaves) {
  const { commandLine } = await import('../dist/cli.cjs');
  const { run } = await commandLine();
  process.chdir(dir);
  let errors = '';
  // what a spawned memoir with its output piped sees: no terminal, no prompts, no progress line
  const io = {
    out: () => {},
    err: (text) => {
      errors += text;
    },
    readStdin: async () => new Uint8Array(),
    stdinIsTTY: false,
    stdoutIsTTY: false,
    color: false,
    errColor: false,
    canPrompt: false,
    columns: 80,
    json: false,
  };
  const memoir = async (args) => {
    errors = '';
    const code = await run(io, [process.execPath, bin, ...args]);
    if (code !== 0) throw new Error(`memoir ${args.join(' ')} exited ${code}: ${errors}`);
  };
  process.env.MEMOIR_NOW = String(START);
  await memoir(['init']);
  const source = new ScaleFacts(commits, manyLeaves);
  const file = join(dir, 'commit.jsonl');
  const started = performance.now();
  for (let i = 0; i < commits; i++) {
    process.env.MEMOIR_NOW = String(START + i * 6 * 3600);
    writeFileSync(file, jsonl(source.commit()));
    await memoir(['add', '--file', file, '--commit', '-q', '-m', `Session ${i + 1}`]);
    if ((i + 1) % (commits / 10) === 0)
      process.stderr.write(
        `  ${(i + 1).toLocaleString('en')} commits, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
  }
  rmSync(file);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, commits, leavesFile] = process.argv.slice(2);
  await build(dir, Number(commits), JSON.parse(readFileSync(leavesFile, 'utf8')));
}
