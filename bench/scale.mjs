// memoir at scale (issue 19): the same commands on a memory of 10,000 facts in 200 commits and on
// one of 100,000 facts in 2,000 commits (bench/scaleRepo.mjs grows both the same way, cached per
// build), as whole processes beside `node -e 0`, and how each figure grew. Targets: every read
// ≤ 1.2× its 10,000-fact figure, `ls` ≤ 1.5× and recall (index cached) ≤ 2.5× `node -e 0` at
// 100,000 facts, recall's index ≤ 1 MB per 10,000 facts; writes, merges and memory are reported
// with their growth. `npm run bench:scale` builds first; not part of `npm test`.
//   node bench/scale.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GET_LEAF, HOT_LEAF, jsonl, PER_COMMIT, ScaleFacts } from './scaleRepo.mjs';
import { bin, distKey, env, median, memoir, run, runsOption } from './timing.mjs';

const RUNS = runsOption(11);
/** Runs of a write (a commit-sized import, a merge), each on its own copy of the memory. */
const WRITE_RUNS = 7;
/** Runs of the import of the whole set, each into a new memory. */
const IMPORT_RUNS = 3;
const QUESTION = 'which theme does the user like?';
const MB = 1e6;
const MiB = 1024 * 1024;

const scratch = mkdtempSync(join(tmpdir(), 'memoir-bench-scale-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const generator = fileURLToPath(new URL('./scaleRepo.mjs', import.meta.url));
const many = JSON.parse(memoir(['taxonomy', '--json'], scratch).stdout)
  .filter((leaf) => leaf.cardinality === 'many')
  .map((leaf) => leaf.path);
const manyFile = join(scratch, 'many-leaves.json');
writeFileSync(manyFile, JSON.stringify(many));

/** The memory of `commits` commits, built once per build of memoir and per version of the generator. */
function scaleRepo(commits) {
  const key = createHash('sha1').update(distKey()).update(readFileSync(generator)).digest('hex').slice(0, 12);
  // outside the project, as a user's memory would be (a project's config files must not apply)
  const cacheRoot = join(tmpdir(), 'memoir-bench-scale-cache');
  const cache = join(cacheRoot, `${key}-${commits}`);
  if (existsSync(join(cache, '.memoir', 'HEAD'))) return cache;
  mkdirSync(cacheRoot, { recursive: true });
  for (const stale of readdirSync(cacheRoot))
    if (!stale.startsWith(key)) rmSync(join(cacheRoot, stale), { recursive: true, force: true });
  const facts = (commits * PER_COMMIT).toLocaleString('en');
  console.log(`(building the ${facts}-fact memory, ${commits.toLocaleString('en')} commits; cached for the next run)`);
  const dir = mkdtempSync(join(cacheRoot, `${key}-building-`));
  const started = performance.now();
  // a throwaway memory: no flush to disk per write (the test suite's switch); the bytes are the same
  const built = spawnSync(process.execPath, [generator, dir, String(commits), manyFile], {
    env: { ...env, MEMOIR_TEST_FSYNC: '0' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built.status !== 0) throw new Error(`building the ${facts}-fact memory failed (exit ${built.status})`);
  const seconds = (performance.now() - started) / 1000;
  // native git must read what memoir wrote
  const fsck = spawnSync('git', ['--git-dir', join(dir, '.memoir'), 'fsck', '--strict', '--no-progress'], {
    encoding: 'utf8',
  });
  if (fsck.status !== 0 || /error|missing|broken/i.test(fsck.stdout + fsck.stderr))
    throw new Error(`git fsck of the ${facts}-fact memory failed:\n${fsck.stdout}${fsck.stderr}`);
  console.log(`  built in ${seconds.toFixed(0)} s; git fsck --strict: clean`);
  renameSync(dir, cache);
  return cache;
}

/** A working copy of a memory: objects/ hard-linked (memoir never rewrites an object file in place), the rest copied. */
function copyOf(dir) {
  const copy = mkdtempSync(join(scratch, 'copy-'));
  const from = join(dir, '.memoir');
  const to = join(copy, '.memoir');
  cpSync(from, to, { recursive: true, filter: (path) => path !== join(from, 'objects') });
  const link = (source, target) => {
    mkdirSync(target, { recursive: true });
    for (const entry of readdirSync(source, { withFileTypes: true }))
      if (entry.isDirectory()) link(join(source, entry.name), join(target, entry.name));
      else linkSync(join(source, entry.name), join(target, entry.name));
  };
  link(join(from, 'objects'), join(to, 'objects'));
  return copy;
}

// peak RSS of a run: GNU time's %M where there is one, else the child's own maxRSS written as it exits
const gnuTime =
  existsSync('/usr/bin/time') &&
  spawnSync('/usr/bin/time', ['-f', '%M', '-o', '/dev/null', 'true']).status === 0 &&
  '/usr/bin/time';
const rssHook = join(scratch, 'rss-hook.cjs');
writeFileSync(
  rssHook,
  "process.on('exit', () => require('node:fs').writeFileSync(process.env.MEMOIR_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n",
);

/** `memoir(args, cwd)`, also measuring the process's peak resident memory (bytes). */
function measured(args, cwd) {
  const file = join(scratch, 'rss');
  rmSync(file, { force: true });
  const options = { cwd, env: { ...env, MEMOIR_BENCH_RSS: file }, encoding: 'utf8', maxBuffer: 256 * MiB };
  const started = process.hrtime.bigint();
  const result = gnuTime
    ? spawnSync(gnuTime, ['-f', '%M', '-o', file, process.execPath, bin, ...args], options)
    : spawnSync(process.execPath, ['--require', rssHook, bin, ...args], options);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`memoir ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const kib = Number(readFileSync(file, 'utf8').trim().split('\n').pop());
  return { ms, stdout: result.stdout, rss: kib * 1024 };
}

const recallFiles = (dir) =>
  readdirSync(join(dir, '.memoir', 'state'))
    .filter((name) => name.startsWith('recall-'))
    .map((name) => ({ name, bytes: statSync(join(dir, '.memoir', 'state', name)).size }));

// ---------------------------------------------------------------------------------------------
console.log(`memoir at scale: medians of ${RUNS} interleaved runs, Node ${process.version}\n`);
const sizes = [200, 2000].map((commits) => {
  const dir = scaleRepo(commits);
  const facts = commits * PER_COMMIT;
  const leaves = JSON.parse(memoir(['ls', '--json'], dir).stdout);
  const described = {
    commits: Number(
      spawnSync('git', ['--git-dir', join(dir, '.memoir'), 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).stdout,
    ),
    facts: leaves.reduce((sum, leaf) => sum + leaf.count, 0),
    hot: memoir(['log', HOT_LEAF, '--oneline'], dir).stdout.trim().split('\n').length,
    get: JSON.parse(memoir(['get', GET_LEAF, '--json'], dir).stdout).length,
  };
  // the facts the history holds, a commit at a time, then the changes measured on it
  const source = new ScaleFacts(commits, many);
  const history = Array.from({ length: commits }, () => source.commit());
  const expected = { commits, facts: facts + 1, hot: 100, get: 500 };
  for (const [what, value] of Object.entries(expected))
    if (described[what] !== value)
      throw new Error(`the ${facts}-fact memory has ${described[what]} ${what}, not ${value}`);
  console.log(
    `${facts.toLocaleString('en')} facts (and ${HOT_LEAF}'s value) at ${leaves.length} leaves, ${commits.toLocaleString('en')} commits; ` +
      `${GET_LEAF}: ${described.get} facts, ${HOT_LEAF}: ${described.hot} revisions\n  ${dir}`,
  );
  const next = source.commit();
  // two branches of 500 new facts each, at the same leaves: merged fact by fact
  const [left, right] = source.branches(500);
  return {
    facts,
    dir,
    // the whole set as one import: every fact but HOT_LEAF's values (100 values of a `one` leaf in one batch make a chain of 100 commits)
    all: jsonl(history.flat().filter((f) => f.path !== HOT_LEAF)),
    next: jsonl(next),
    left: jsonl(left),
    right: jsonl(right),
  };
});
const [small, large] = sizes;

const rows = [];
const ms = (value, node) => `${value.toFixed(0)} ms${node ? ` ${(value / node).toFixed(2)}×` : ''}`;
/** A row of the table; `ok` undefined for a figure reported without a target. */
function row(name, a, b, { format, growth = b / a, target = 'report', ok }) {
  rows.push({ name, a: format(a), b: format(b), growth: `${growth.toFixed(2)}×`, target, ok });
}

// recall, first: builds the index and the leaf model (.memoir/state/recall-*), then reads them
console.log('\nrecall, first after a change (builds the index): one run at each size');
const firstRecall = sizes.map(({ dir }) => {
  for (const { name } of recallFiles(dir)) rmSync(join(dir, '.memoir', 'state', name));
  const first = measured(['recall', QUESTION], dir);
  const files = recallFiles(dir);
  const cached = measured(['recall', QUESTION, '-k', '5'], dir);
  return { first, cached, files };
});

console.log(`reads: ${RUNS} runs, each of node -e 0 and the command at both sizes in turn`);
const reads = [
  { name: `get <leaf> (${GET_LEAF}, 500 facts)`, args: ['get', GET_LEAF] },
  { name: 'log -n 20', args: ['log', '-n', '20'] },
  { name: 'status', args: ['status'] },
  { name: 'ls', args: ['ls'], maxNode: 1.5 },
  { name: `log <leaf> (${HOT_LEAF}, 100 revisions)`, args: ['log', HOT_LEAF] },
  { name: 'diff HEAD~100 HEAD', args: ['diff', 'HEAD~100', 'HEAD'] },
  { name: 'blame <leaf> (100 revisions)', args: ['blame', HOT_LEAF] },
  { name: 'recall (index cached)', args: ['recall', QUESTION, '-k', '5'], maxNode: 2.5 },
];
const readTimes = reads.map((read) => {
  for (const { dir } of sizes) memoir(read.args, dir); // warm the file cache
  return { node: [], a: [], b: [] };
});
for (let r = 0; r < RUNS; r++)
  reads.forEach((read, k) => {
    const times = readTimes[k];
    times.node.push(run(['-e', '0'], small.dir).ms);
    // A B, then B A: neither size always runs right after node
    const order = r % 2 ? [large, small] : [small, large];
    for (const size of order) times[size === small ? 'a' : 'b'].push(memoir(read.args, size.dir).ms);
  });
const nodeAll = median(readTimes.flatMap((t) => t.node));
reads.forEach((read, k) => {
  const node = median(readTimes[k].node);
  const [a, b] = [median(readTimes[k].a), median(readTimes[k].b)];
  const growthOk = b / a <= 1.2;
  const nodeOk = read.maxNode === undefined || b / node <= read.maxNode;
  row(read.name, a, b, {
    format: (value) => ms(value, node),
    target: `≤ 1.2× growth${read.maxNode ? `, ≤ ${read.maxNode}× node at 100k` : ''}`,
    ok: growthOk && nodeOk,
  });
});

row('recall, first (builds the index)', firstRecall[0].first.ms, firstRecall[1].first.ms, {
  format: (value) => ms(value),
});
{
  const index = firstRecall.map(({ files }) => files.find((f) => f.name === 'recall-index.bin')?.bytes ?? 0);
  const perTenThousand = index.map((bytes, i) => bytes / (sizes[i].facts / 10_000));
  row('recall index (state/recall-index.bin)', index[0], index[1], {
    format: (bytes) => `${(bytes / MB).toFixed(2)} MB`,
    target: '≤ 1 MB per 10,000 facts',
    ok: perTenThousand.every((bytes) => bytes <= MB),
  });
  const all = firstRecall.map(({ files }) => files.reduce((sum, f) => sum + f.bytes, 0));
  row(`all state/recall-* files (${firstRecall[0].files.map((f) => f.name).join(', ')})`, all[0], all[1], {
    format: (bytes) => `${(bytes / MB).toFixed(2)} MB`,
  });
}

// writes: each run on its own copy, the two sizes in turn
console.log(`writes: ${WRITE_RUNS} runs at each size, each on its own copy; the whole set ${IMPORT_RUNS} times`);
const writeFile = (dir, name, text) => {
  writeFileSync(join(dir, name), text);
  return name;
};
function interleaved(count, once) {
  const times = sizes.map(() => []);
  for (let r = 0; r < count; r++) sizes.forEach((size, i) => times[i].push(once(size)));
  return times;
}
{
  const times = interleaved(WRITE_RUNS, (size) => {
    const copy = copyOf(size.dir);
    const file = writeFile(copy, 'next.jsonl', size.next);
    const { ms: took } = memoir(['add', '--file', file, '--commit', '-q', '-m', 'One more session'], copy);
    rmSync(copy, { recursive: true, force: true });
    return took;
  });
  row(`add --file --commit of one commit's facts (${PER_COMMIT} + 1)`, median(times[0]), median(times[1]), {
    format: (value) => ms(value),
  });
}
{
  const runs = interleaved(IMPORT_RUNS, (size) => {
    const dir = mkdtempSync(join(scratch, 'import-'));
    memoir(['init'], dir);
    const file = writeFile(dir, 'all.jsonl', size.all);
    const result = measured(['add', '--file', file, '--commit', '-q', '-m', 'Import'], dir);
    rmSync(dir, { recursive: true, force: true });
    return result;
  });
  const [a, b] = runs.map((list) => median(list.map((r) => r.ms)));
  row('add --file --commit of the whole set (a new memory)', a, b, { format: (value) => ms(value) });
  const [ra, rb] = runs.map((list) => Math.max(...list.map((r) => r.rss)));
  row('peak RSS: the whole set import', ra, rb, { format: (bytes) => `${(bytes / MiB).toFixed(0)} MiB` });
}
row('peak RSS: recall, first (builds the index)', firstRecall[0].first.rss, firstRecall[1].first.rss, {
  format: (bytes) => `${(bytes / MiB).toFixed(0)} MiB`,
});
row('peak RSS: recall, index cached', firstRecall[0].cached.rss, firstRecall[1].cached.rss, {
  format: (bytes) => `${(bytes / MiB).toFixed(0)} MiB`,
});
{
  // each branch 500 new facts at the same leaves, committed without switching; then left checked out
  const diverged = sizes.map((size) => {
    const copy = copyOf(size.dir);
    for (const side of ['left', 'right'])
      memoir(['add', '--file', writeFile(copy, `${side}.jsonl`, size[side]), '--commit', '-q', '--branch', side], copy);
    memoir(['checkout', 'left'], copy);
    return copy;
  });
  const times = interleaved(WRITE_RUNS, (size) => {
    const copy = copyOf(diverged[sizes.indexOf(size)]);
    const { ms: took, stdout } = memoir(['merge', 'right', '--json'], copy);
    if (JSON.parse(stdout).status !== 'merged') throw new Error(`merge did not merge: ${stdout.slice(0, 200)}`);
    rmSync(copy, { recursive: true, force: true });
    return took;
  });
  row('merge of two branches of 500 new facts each', median(times[0]), median(times[1]), {
    format: (value) => ms(value),
  });
}

// ---------------------------------------------------------------------------------------------
const header = {
  name: 'operation',
  a: `${small.facts.toLocaleString('en')} facts`,
  b: `${large.facts.toLocaleString('en')} facts`,
  growth: 'growth',
  target: 'target',
};
const width = (field) => Math.max(header[field].length, ...rows.map((r) => r[field].length));
const line = (r, result) =>
  `${r.name.padEnd(width('name'))}  ${r.a.padStart(width('a'))}  ${r.b.padStart(width('b'))}  ${r.growth.padStart(width('growth'))}  ${r.target.padEnd(width('target'))}  ${result}`.trimEnd();
console.log(
  `\nnode -e 0: ${nodeAll.toFixed(1)} ms (median of every baseline run); × is × node -e 0 of the same runs\n`,
);
console.log(line(header, ''));
for (const r of rows) console.log(line(r, r.ok === undefined ? '' : r.ok ? 'PASS' : 'FAIL'));
const checked = rows.filter((r) => r.ok !== undefined);
const failed = checked.filter((r) => !r.ok);
console.log(
  `\n${checked.length - failed.length} passed, ${failed.length} failed (${rows.length - checked.length} reported)`,
);
process.exitCode = failed.length ? 1 : 0;
