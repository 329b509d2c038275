// recall's quality on its two evaluations. The curated one (bench/recall/: a memory of 220 facts
// and 171 questions worded differently from them; every third question held out from tuning):
// hit@1 and hit@5 for the tuning part, the held-out part and all, beside the blend without word
// vectors and with words alone. The conversational one (bench/recall/conversations/: 1,616
// dialogue turns, 320 questions, a quarter held out): hit@1/5/10 for memoir as shipped, its
// lexical ranking alone, and plain BM25, and the turns lost at ingest.
//   npm run bench:recall [-- --misses] [-- --weights JSON (other recall weights, for tuning)]
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compileRules } from '../scripts/gitleaks/rules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = `export * from './evaluate.ts'; export * from './conversations.ts'; export { OfflineClassifier } from '../../src/classify/offline.ts'; export { trainingFacts } from '../../src/classify/training.ts'; export { loadEmbeddings } from '../../src/classify/embeddings.ts'; export { builtinTaxonomy } from '../../src/config/taxonomy.ts'; export { DEFAULT_RECALL_WEIGHTS } from '../../src/core/recall.ts';`;
const out = await build({
  stdin: { contents: ENTRY, resolveDir: join(root, 'bench', 'recall'), loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error', packages: 'external',
  plugins: [{ name: 'data', setup: (b) => {
    b.onLoad({ filter: /\.ya?ml$/ }, (a) => ({ contents: JSON.stringify(parse(readFileSync(a.path, 'utf8'))), loader: 'json' }));
    // the secret guard's rule files, compiled as the build does (admitting a turn screens it)
    b.onLoad({ filter: /\.toml$/ }, (a) => ({ contents: JSON.stringify(compileRules(readFileSync(a.path, 'utf8'))), loader: 'json' }));
    b.onLoad({ filter: /\.jsonl$/ }, (a) => ({ contents: JSON.stringify(readFileSync(a.path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))), loader: 'json' }));
  } }],
});
// beside the sources, so that the evaluation files and data/embeddings are found from it
const modulePath = join(root, 'bench', 'recall', `.evaluate-${process.pid}.mjs`);
writeFileSync(modulePath, out.outputFiles[0].text);
let loaded;
try {
  loaded = await import(modulePath);
} finally {
  rmSync(modulePath, { force: true });
}
const { defaultSignals, evaluate, loadMemory, loadQuestions, rate } = loaded;
const { conversational } = await import('./recall/conversations-report.mjs');

// --weights '{"trust": 1}': try other recall weights against both evaluations (tuning only)
const weightsArg = process.argv.indexOf('--weights');
const weights = { ...loaded.DEFAULT_RECALL_WEIGHTS, ...(weightsArg > 0 ? JSON.parse(process.argv[weightsArg + 1]) : {}) };
const facts = loadMemory();
const questions = loadQuestions();
const pct = (s, f) => `${(rate(s, f) * 100).toFixed(1)}%`.padStart(6);
const line = (name, r) => console.log(`${name.padEnd(44)} ${['dev', 'heldOut', 'all'].map((k) => `${k === 'heldOut' ? 'held-out' : k} (${r[k].n}) hit@1 ${pct(r[k], 'hit1')} hit@5 ${pct(r[k], 'hit5')}`).join('   ')}`);

console.log(`recall evaluation: ${facts.length} facts at ${new Set(facts.map((f) => f.path)).size} leaves, ${questions.length} questions (${questions.filter((q) => q.heldOut).length} held out)\n`);
const started = performance.now();
const signals = await defaultSignals();
const result = evaluate(facts, questions, signals, weights);
const ms = (performance.now() - started) / questions.length;
line('memoir recall (words, navigation, meanings)', result);
line('  without word vectors', evaluate(facts, questions, await defaultSignals({ vectors: false }), weights));
line('  words alone (no navigation)', evaluate(facts, questions, { navigate: () => new Map() }));
console.log(`  (the ${result.paraphrased.n} questions sharing at most half their words with their fact: hit@1 ${pct(result.paraphrased, 'hit1')} hit@5 ${pct(result.paraphrased, 'hit5')})`);
const ok = rate(result.all, 'hit5') >= 0.9 && rate(result.all, 'hit1') >= 0.7;
console.log(`\n${ok ? 'PASS' : 'FAIL'}  targets: hit@5 ≥ 90%, hit@1 ≥ 70% (all questions); ${ms.toFixed(2)} ms a question in process, model building included`);
if (process.argv.includes('--misses')) {
  console.log('\nmisses at rank 1:');
  for (const m of result.misses) console.log(`  ${m.heldOut ? '[held-out] ' : ''}${m.question}\n    want: ${m.expected}\n    got:  ${m.got.slice(0, 3).join(' | ') || '(nothing)'}`);
}

await conversational(loaded, root, await defaultSignals(), weights);
process.exitCode = ok ? 0 : 1;
