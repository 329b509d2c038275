// Offline classifier quality and speed on bench/classify-eval.jsonl (written independently of the
// taxonomy's examples). Prints top-1/top-3, a comparison of methods, calibration (to choose
// review.autoAccept), the confusion hot spots, and timing: in-process per fact, and a batch of
// 120 facts through the real CLI.   npm run bench:classify
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFromSources } from './fromSources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const evalSet = readFileSync(join(root, 'bench', 'classify-eval.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));

// the classifier, straight from the sources: variants can be compared in one process
const entry = `export { OfflineClassifier } from './src/classify/offline.ts'; export { trainingFacts, noMemoryTexts } from './src/classify/training.ts'; export { loadEmbeddings } from './src/classify/embeddings.ts'; export { trainLinearModel } from './src/classify/linear.ts'; export { leafTexts, DEFAULT_WEIGHTS } from './src/classify/model.ts'; export { builtinTaxonomy } from './src/config/taxonomy.ts'; export { findConfigKey } from './src/config/schema.ts';`;
// beside the sources, so that data/embeddings is this checkout's (node_modules may be a link to another's)
const {
  OfflineClassifier,
  builtinTaxonomy,
  findConfigKey,
  trainingFacts,
  noMemoryTexts,
  loadEmbeddings,
  trainLinearModel,
  leafTexts,
  DEFAULT_WEIGHTS,
} = await importFromSources(entry, { resolveDir: root, besideDir: join(root, 'bench') });
const noMemory = noMemoryTexts();
// the calibration the build fitted on held-out training facts (never on this evaluation set)
const calibration = JSON.parse(readFileSync(join(root, 'dist', 'calibration.json'), 'utf8'));
const chitchat = readFileSync(join(root, 'bench', 'chitchat.txt'), 'utf8')
  .trim()
  .split('\n');
const shortFacts = readFileSync(join(root, 'bench', 'short-facts.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const training = trainingFacts();
const embeddings = loadEmbeddings();
const AUTO_ACCEPT = findConfigKey('review.autoAccept').default;
const taxonomy = builtinTaxonomy();
/** The linear classifier for a set of leaves, trained as the build trains it; memoised per set. */
const linearCache = new Map();
function linearFor(leaves, weights) {
  if ((weights.linear ?? DEFAULT_WEIGHTS.linear) === 0) return undefined;
  // keyed by the exact examples: each fold holds out different ones and needs its own model
  const key = [...leaves.values()].map((l) => l.examples.join('|')).join('\n') + `|${weights.rate ?? ''}`;
  if (!linearCache.has(key))
    linearCache.set(
      key,
      trainLinearModel(
        [...leaves.values()].flatMap((l) => leafTexts(l, training, DEFAULT_WEIGHTS)),
        [...leaves.keys()],
        embeddings,
        weights.rate ? { rate: weights.rate } : {},
      ),
    );
  return linearCache.get(key);
}

/**
 * Cross-validation on the taxonomy's own examples: fold i holds out each leaf's i-th example and
 * trains on the rest. This, not the evaluation set, is what the weights were tuned on.
 */
const FOLDS = 6;
/**
 * Fold k: hold out each leaf's k-th taxonomy example; train on everything else (the other
 * examples and the whole training corpus). The examples are typical facts written for their
 * leaf, so they validate like real facts; the corpus is deliberately boundary-heavy.
 */
function* folds(weights) {
  for (let fold = 0; fold < FOLDS; fold++) {
    const held = [];
    const leaves = new Map();
    for (const [path, leaf] of taxonomy.leaves) {
      if (leaf.examples[fold] !== undefined) held.push({ text: leaf.examples[fold], path });
      leaves.set(path, { ...leaf, examples: leaf.examples.filter((_, i) => i !== fold) });
    }
    yield {
      held,
      classifier: new OfflineClassifier(
        { leaves, groups: taxonomy.groups },
        {
          training,
          weights,
          embeddings: weights.semantic === 0 ? undefined : embeddings,
          linear: linearFor(leaves, weights),
        },
      ),
    };
  }
}

function crossValidate(weights, { top3 = false } = {}) {
  let top1 = 0;
  let within3 = 0;
  let total = 0;
  for (const { held, classifier } of folds(weights)) {
    for (const { text, path } of held) {
      const rank = classifier.classifyOne(text, 3).findIndex((c) => c.path === path);
      if (rank === 0) top1++;
      if (rank >= 0) within3++;
    }
    total += held.length;
  }
  return top3 ? [top1 / total, within3 / total] : top1 / total;
}

function evaluate(weights) {
  const classifier = new OfflineClassifier(taxonomy, {
    training,
    weights,
    embeddings: weights.semantic === 0 ? undefined : embeddings,
    linear: linearFor(taxonomy.leaves, weights),
    noMemory,
    calibration,
  });
  let top1 = 0;
  let top3 = 0;
  const rows = [];
  for (const { text, path } of evalSet) {
    const candidates = classifier.classifyOne(text, 5);
    const rank = candidates.findIndex((c) => c.path === path);
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    rows.push({ text, path, predicted: candidates[0].path, confidence: candidates[0].confidence, correct: rank === 0 });
  }
  return { top1: top1 / evalSet.length, top3: top3 / evalSet.length, rows };
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;

/** Mean log-loss of the true leaf under cross-validation: how well confidences are calibrated. */
function crossValidatedLogLoss(weights) {
  let loss = 0;
  let total = 0;
  for (const { held, classifier } of folds(weights)) {
    for (const { text, path } of held) {
      const p = classifier.classifyOne(text, taxonomy.leaves.size).find((c) => c.path === path)?.confidence ?? 0;
      loss -= Math.log(Math.max(p, 1e-4));
      total++;
    }
  }
  return loss / total;
}

if (process.argv.includes('--tune-linear')) {
  // the linear classifier's learning rate and blend weight, by validation on held-out examples
  for (const rate of [0.4])
    for (const linear of [0, 0.1, 0.2, 0.3, 0.4]) {
      const [t1, t3] = crossValidate({ rate, linear }, { top3: true });
      console.log(`rate ${rate} linear ${linear}: top-1 ${pct(t1)} top-3 ${pct(t3)}`);
    }
  process.exit(0);
}

if (process.argv.includes('--tune')) {
  // a grid over the blend, judged only by cross-validation on the taxonomy's examples
  let best = { score: -1 };
  for (const knn of [0.15, 0.3, 0.45])
    for (const semantic of [0.25, 0.35, 0.45])
      for (const bigrams of [0, 0.6])
        for (const group of [0, 0.2]) {
          const weights = { knn, second: 0.3, semantic, bigrams, group };
          const score = crossValidate(weights);
          if (score > best.score) best = { score, weights };
        }
  console.log('best by cross-validation:', pct(best.score), JSON.stringify(best.weights));
  let calibrated = { loss: Infinity };
  for (const temperature of [0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15]) {
    const loss = crossValidatedLogLoss({ ...best.weights, temperature });
    console.log(`  temperature ${temperature}: log-loss ${loss.toFixed(3)}`);
    if (loss < calibrated.loss) calibrated = { loss, temperature };
  }
  console.log('temperature by cross-validated log-loss:', calibrated.temperature);
  process.exit(0);
}
console.log(
  `memoir offline classifier: ${evalSet.length} evaluation facts, ${taxonomy.leaves.size} leaves, ${[...taxonomy.leaves.values()].reduce((n, l) => n + l.examples.length, 0)} taxonomy examples, ${training.length} training facts\n`,
);

console.log('method comparison: held-out taxonomy examples (what tuning saw) | evaluation set top-1 / top-3');
const variants = [
  ['nearest texts only (kNN), no word vectors', { knn: 1, semantic: 0, bigrams: 0, group: 0, expand: 0, linear: 0 }],
  [
    'leaf centroids only (Rocchio), no word vectors',
    { knn: 0, semantic: 0, bigrams: 0, group: 0, expand: 0, linear: 0 },
  ],
  ['lexical blend, words only', { grams: 0, bigrams: 0, semantic: 0, group: 0, expand: 0, linear: 0 }],
  ['lexical blend, words + character 4-grams', { bigrams: 0, semantic: 0, group: 0, expand: 0, linear: 0 }],
  ['lexical blend, + word bigrams', { semantic: 0, group: 0, expand: 0, linear: 0 }],
  ['word vectors only', { semantic: 1, group: 0, expand: 0, linear: 0 }],
  ['lexical + word vectors', { group: 0, expand: 0, linear: 0 }],
  ['lexical + word vectors + groups + expansion', { linear: 0 }],
  ['... + trained linear classifier (default)', {}],
];
// --summary: only the compact block (the comparison trains six linear models per variant)
for (const [name, weights] of process.argv.includes('--summary') ? [] : variants) {
  const r = evaluate(weights);
  console.log(
    `  ${name.padEnd(58)} ${pct(crossValidate(weights)).padStart(6)} | ${pct(r.top1).padStart(6)} / ${pct(r.top3).padStart(6)}`,
  );
}

const chosen = evaluate({});
{
  // the compact block: ranking, calibration at the auto-accept threshold, and "no leaf fits"
  const classifier = new OfflineClassifier(taxonomy, {
    training,
    embeddings,
    linear: linearFor(taxonomy.leaves, {}),
    noMemory,
    calibration,
  });
  const above = chosen.rows.filter((r) => r.confidence >= AUTO_ACCEPT);
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
  for (const r of chosen.rows) {
    const b = bins[Math.min(9, Math.floor(r.confidence * 10))];
    b.n++;
    b.confidence += r.confidence;
    b.correct += r.correct ? 1 : 0;
  }
  const ece = bins.reduce((s, b) => s + Math.abs(b.confidence - b.correct), 0) / chosen.rows.length;
  // as add --yes decides: held where no leaf fits (filler beating every leaf, or unreadable text)
  const held = (texts) => texts.filter((t) => classifier.judge(t, 1).noLeafFits).length / texts.length;
  const precision = above.filter((r) => r.correct).length / above.length;
  console.log(
    `\nsummary (${evalSet.length} evaluation facts; ${chitchat.length} chit-chat lines; ${shortFacts.length} short real facts)`,
  );
  console.log(`  top-1 ${pct(chosen.top1)}   top-3 ${pct(chosen.top3)}`);
  console.log(
    `  at confidence ≥ ${AUTO_ACCEPT}: precision ${pct(precision)} (target ≥ 97%)  coverage ${pct(above.length / chosen.rows.length)}   ECE (10 bins) ${ece.toFixed(3)}`,
  );
  console.log(
    `  no leaf fits (filler, or unreadable; held even under --yes): chit-chat held ${pct(held(chitchat))}   short real facts held ${pct(held(shortFacts.map((f) => f.text)))}   evaluation facts held ${pct(held(evalSet.map((f) => f.text)))}`,
  );
  const many = Array.from({ length: 2000 }, (_, i) => evalSet[i % evalSet.length].text);
  const t = performance.now();
  for (const text of many) classifier.classifyOne(text, 5);
  const ms = (performance.now() - t) / many.length;
  console.log(`  speed: ${ms.toFixed(2)} ms a fact in a batch of 2,000 (target < 3 ms)  ${ms < 3 ? 'PASS' : 'FAIL'}`);
  if (process.argv.includes('--summary')) process.exit(0);
}
console.log(
  `\nchosen: top-1 ${pct(chosen.top1)} (target ≥ 80%), top-3 ${pct(chosen.top3)} (target ≥ 95%)  ${chosen.top1 >= 0.8 && chosen.top3 >= 0.95 ? 'PASS' : 'FAIL'}`,
);

console.log('\ncalibration (top suggestion): confidence ≥ threshold → share of facts, accuracy');
for (const t of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
  const above = chosen.rows.filter((r) => r.confidence >= t);
  const accuracy = above.length ? above.filter((r) => r.correct).length / above.length : 0;
  console.log(
    `  ≥ ${t.toFixed(1)}: ${pct(above.length / chosen.rows.length).padStart(6)} of facts, ${pct(accuracy).padStart(6)} correct${t === AUTO_ACCEPT ? '  ← review.autoAccept' : ''}`,
  );
}

console.log('\nconfusion hot spots (expected → predicted, count):');
const pairs = new Map();
for (const r of chosen.rows)
  if (!r.correct) pairs.set(`${r.path} → ${r.predicted}`, (pairs.get(`${r.path} → ${r.predicted}`) ?? 0) + 1);
for (const [pair, n] of [...pairs].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${n}  ${pair}`);
const categoryPairs = new Map();
for (const r of chosen.rows) {
  const [a, b] = [r.path.split('.')[0], r.predicted.split('.')[0]];
  if (!r.correct) categoryPairs.set(`${a} → ${b}`, (categoryPairs.get(`${a} → ${b}`) ?? 0) + 1);
}
console.log(
  '\nconfusions by category (expected → predicted, count):',
  [...categoryPairs]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 10)
    .map(([pair, n]) => `${pair} ${n}`)
    .join('; '),
);
const byCategory = new Map();
for (const r of chosen.rows) {
  const c = r.path.split('.')[0];
  const e = byCategory.get(c) ?? [0, 0];
  byCategory.set(c, [e[0] + (r.correct ? 1 : 0), e[1] + 1]);
}
console.log(
  '\ntop-1 by category:',
  [...byCategory]
    .sort((a, b) => a[1][0] / a[1][1] - b[1][0] / b[1][1])
    .map(([c, [ok, n]]) => `${c} ${ok}/${n}`)
    .join(', '),
);

// speed: in one process, after loading
const started = performance.now();
const linear = linearFor(taxonomy.leaves, {});
const started2 = performance.now();
const classifier = new OfflineClassifier(taxonomy, { training, embeddings, linear });
const _loadMs2 = performance.now() - started2;
const loadMs = performance.now() - started;
const batch = evalSet.slice(0, 120).map((e) => e.text);
const t0 = performance.now();
for (const text of batch) classifier.classifyOne(text, 5);
const perFact = (performance.now() - t0) / batch.length;
console.log(
  `\nspeed in process: building the model ${loadMs.toFixed(0)} ms, ${perFact.toFixed(2)} ms a fact (target < 5 ms)  ${perFact < 5 ? 'PASS' : 'FAIL'}`,
);

// the same batch through the real CLI, as a user runs it
const bin = join(root, 'bin', 'memoir.js');
const cwd = mkdtempSync(join(tmpdir(), 'memoir-bench-classify-'));
const time = (args, input) => {
  const s = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(process.hrtime.bigint() - s) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const one = median([0, 1, 2, 3, 4].map(() => time(['classify', batch[0], '--json'])));
const many = median([0, 1, 2].map(() => time(['classify', '-', '--json'], batch.join('\n'))));
const node = median(
  [0, 1, 2, 3, 4].map(() => {
    const s = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    return Number(process.hrtime.bigint() - s) / 1e6;
  }),
);
rmSync(cwd, { recursive: true, force: true });
console.log(
  `CLI: node -e 0 ${node.toFixed(0)} ms; classify 1 fact ${one.toFixed(0)} ms; classify - with 120 facts ${many.toFixed(0)} ms whole process, ${(many - node).toFixed(0)} ms without Node start-up (target < 3000 ms)  ${many - node < 3000 ? 'PASS' : 'FAIL'}`,
);
