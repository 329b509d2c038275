// consolidate's quality on a memory with planted problems (bench/consolidate/: ~1,100 clean
// facts, ~110 planted problems, ~65 decoys): the share of problems found, by kind, and the share
// of proposals that are false, on the half the thresholds were tuned on (dev) and the other
// (test). See bench/consolidate/evaluate.ts for the rules.
//   npm run bench:consolidate [-- --misses] [-- --learn]
// With a model configured in the environment (MEMOIR_CLASSIFIER_PROVIDER=openai,
// MEMOIR_CLASSIFIER_MODEL, MEMOIR_CLASSIFIER_BASE_URL, MEMOIR_CLASSIFIER_API_KEY), the same memory
// is scored again with the model reading the leaves (consolidate/modelReview.ts); refiling keeps
// the offline classifier's opinions.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFromSources } from './fromSources.mjs';
import { shippedClassifier } from './recall/conversations-report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = `export * from './evaluate.ts'; export { DEFAULT_THRESHOLDS } from '../../src/core/consolidate.ts'; export { leavesToReview, ModelReviewer } from '../../src/consolidate/modelReview.ts'; export { OpenAIClassifier } from '../../src/classify/openai.ts'; export { FileExtractionCache } from '../../src/capture/modelExtract.ts'; export { OfflineClassifier } from '../../src/classify/offline.ts'; export { trainingFacts, noMemoryTexts } from '../../src/classify/training.ts'; export { loadEmbeddings } from '../../src/classify/embeddings.ts'; export { builtinTaxonomy } from '../../src/config/taxonomy.ts';`;
const m = await importFromSources(ENTRY, {
  resolveDir: join(root, 'bench', 'consolidate'),
  besideDir: join(root, 'bench', 'consolidate'),
});
const { classifier, taxonomy } = shippedClassifier(m, root);
const meanings = m.loadEmbeddings();
const { facts, planted, decoys } = m.buildMemory(await m.placements(m.baseTexts(), classifier));
const opinions = await m.opinionsOf(facts, classifier);
const started = performance.now();
const proposals = m.run(facts, taxonomy, opinions, meanings);
const ms = performance.now() - started;

const pct = (a, b) => `${((a / Math.max(b, 1)) * 100).toFixed(1)}%`;
console.log(
  `consolidate evaluation: ${facts.length} facts, ${planted.length} planted problems, ${decoys.length} decoys (offline)\n`,
);
for (const half of ['dev', 'test', 'all']) {
  const s = m.score(proposals, planted, decoys, half);
  const kinds = Object.entries(s.byKind)
    .map(([kind, k]) => `${kind} ${k.found}/${k.planted}`)
    .join(', ');
  console.log(
    `${half.padEnd(5)} found ${pct(s.found, s.planted).padStart(6)} (${s.found}/${s.planted}; target >= 90%)  false proposals ${pct(s.falseProposals, s.proposals).padStart(6)} (${s.falseProposals}/${s.proposals}, ${s.onDecoys} on decoys; target <= 5%)\n      ${kinds}`,
  );
  if (half === 'all' && process.argv.includes('--misses')) {
    for (const miss of s.misses)
      console.log(`  MISSED ${miss.kind}: ${miss.facts.map((f) => `${f.path}: ${f.text}`).join(' | ')}`);
    for (const p of s.falses)
      console.log(
        `  FALSE  ${p.kind}: ${JSON.stringify(p.kind === 'dedupe' ? [p.keep, ...p.drop].map((f) => `${f.path}: ${f.text}`) : p.kind === 'contradiction' ? p.facts.map((f) => f.text) : [`${p.fact.path}: ${p.fact.text}`, p.to ?? ''])}`,
      );
  }
}
console.log(`\nfinding the proposals: ${ms.toFixed(0)} ms for ${facts.length} facts (classification not counted)`);

// with a model configured, it reads whole leaves (consolidate/modelReview.ts); a planted pair at
// a leaf it does not read (one of more than MOST_FACTS_A_LEAF facts) stays the rules' to find
const reviewed = m.leavesToReview(facts);
const pairs = planted.filter((p) => (p.kind === 'duplicate' || p.kind === 'contradiction') && p.facts.length === 2);
const shown = pairs.filter((p) => reviewed.get(p.facts[0].path)?.some((f) => f.id === p.facts[1].id));
console.log(
  `with a model: ${reviewed.size} leaves read in as many requests (${[...reviewed.values()].reduce((n, l) => n + l.length, 0)} facts); ${shown.length} of the ${pairs.length} planted duplicates and contradictions at them`,
);

if (process.env.MEMOIR_CLASSIFIER_PROVIDER === 'openai') {
  const model = process.env.MEMOIR_CLASSIFIER_MODEL ?? 'gpt-4o-mini';
  const reviewer = new m.ModelReviewer({
    taxonomy,
    client: new m.OpenAIClassifier({
      taxonomy,
      model,
      apiKey: process.env.MEMOIR_CLASSIFIER_API_KEY ?? process.env.OPENAI_API_KEY ?? 'none',
      baseURL: process.env.MEMOIR_CLASSIFIER_BASE_URL ?? process.env.OPENAI_BASE_URL,
      timeoutMs: 120_000,
      retries: 2,
    }),
    model,
    useFallbackOnError: false,
    warn: (message) => console.log(`warning: ${message}`),
    cache: new m.FileExtractionCache(
      join(tmpdir(), `memoir-bench-consolidate-${model.replace(/\W/g, '_')}.json`),
      10_000,
    ),
  });
  const started = performance.now();
  const review = await reviewer.review(reviewed);
  console.log(`\nwith ${reviewer.name} reading the leaves (${((performance.now() - started) / 1000).toFixed(1)} s):`);
  const judged = m.run(facts, taxonomy, opinions, meanings, undefined, review);
  for (const half of ['dev', 'test', 'all']) {
    const s = m.score(judged, planted, decoys, half);
    console.log(
      `${half.padEnd(5)} found ${pct(s.found, s.planted).padStart(6)} (${s.found}/${s.planted})  false proposals ${pct(s.falseProposals, s.proposals).padStart(6)} (${s.falseProposals}/${s.proposals})`,
    );
  }
}

if (process.argv.includes('--learn')) {
  // thresholds tried on the dev half: the most found with at most 5% false proposals
  console.log('\ntuning on dev:');
  for (const duplicate of [0.66, 0.7, 0.72, 0.74, 0.76, 0.78, 0.8, 0.84])
    for (const refile of [0.7, 0.75, 0.8, 0.85, 0.9]) {
      const t = { ...m.DEFAULT_THRESHOLDS, duplicate, refile };
      const s = m.score(m.run(facts, taxonomy, opinions, meanings, t), planted, decoys, 'dev');
      console.log(
        `  duplicate ${duplicate} refile ${refile}: found ${pct(s.found, s.planted)}, false ${pct(s.falseProposals, s.proposals)}`,
      );
    }
}
