// recall's quality on its two evaluations. The curated one (bench/recall/: a memory of 220 facts
// and 171 questions worded differently from them; every third question held out from tuning):
// hit@1 and hit@5 for the tuning part, the held-out part and all, beside the blend without word
// vectors and with words alone. The conversational one (bench/recall/conversations/: 1,616
// dialogue turns, 550 questions, a quarter held out): hit@1/5/10 for memoir as shipped, its
// lexical ranking alone, and plain BM25, by kind and for probes made of the turns' own words,
// and the turns lost or held at ingest. Then the relevance floor against off-topic questions.
//   npm run bench:recall [-- --misses] [-- --weights JSON (other recall weights, for tuning)]
//   npm run bench:recall -- --learn   (fit the blend and the floor's model; paste into src/core/recall.ts)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFromSources } from './fromSources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = `export * from './evaluate.ts'; export * from './conversations.ts'; export * from './learn.ts'; export { OfflineClassifier } from '../../src/classify/offline.ts'; export { trainingFacts, noMemoryTexts } from '../../src/classify/training.ts'; export { loadEmbeddings } from '../../src/classify/embeddings.ts'; export { builtinTaxonomy } from '../../src/config/taxonomy.ts'; export { DEFAULT_RECALL_WEIGHTS, DEFAULT_MIN_SCORE, rankFacts, Corpus, buildCorpus, answerableScore, questionFeatures, recallCandidates } from '../../src/core/recall.ts';`;
// beside the sources, so that the evaluation files and data/embeddings are found from it
const loaded = await importFromSources(ENTRY, {
  resolveDir: join(root, 'bench', 'recall'),
  besideDir: join(root, 'bench', 'recall'),
});
const { defaultSignals, evaluate, loadMemory, loadQuestions, rate } = loaded;
const { conversational, conversationalGroups } = await import('./recall/conversations-report.mjs');

// --weights '{"pool": 50}': try other recall weights against both evaluations (tuning only)
const weightsArg = process.argv.indexOf('--weights');
let weights = { ...loaded.DEFAULT_RECALL_WEIGHTS, ...(weightsArg > 0 ? JSON.parse(process.argv[weightsArg + 1]) : {}) };
const facts = loadMemory();
const questions = loadQuestions();
// --learn: fit the blend on the tuning questions of both evaluations, print it, and evaluate with it
if (process.argv.includes('--learn')) {
  const signals = await defaultSignals();
  const offTopic = readFileSync(join(root, 'bench', 'recall', 'offtopic-train.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((question) => ({ question, answers: new Set() }));
  const groups = [
    ...(await loaded.curatedGroups(facts, questions, signals)),
    ...(await loaded.groupsOf('off-topic', facts, offTopic, signals)),
    ...(await conversationalGroups(loaded, root, signals, offTopic)),
  ];
  const fitted = loaded.fitBlend(groups);
  console.log(`fitted on ${groups.length} questions: ${JSON.stringify(fitted)}\n`);
  weights = { ...weights, ...fitted };
}
const pct = (s, f) => `${(rate(s, f) * 100).toFixed(1)}%`.padStart(6);
const line = (name, r) =>
  console.log(
    `${name.padEnd(44)} ${['dev', 'heldOut', 'all'].map((k) => `${k === 'heldOut' ? 'held-out' : k} (${r[k].n}) hit@1 ${pct(r[k], 'hit1')} hit@5 ${pct(r[k], 'hit5')}`).join('   ')}`,
  );

console.log(
  `recall evaluation: ${facts.length} facts at ${new Set(facts.map((f) => f.path)).size} leaves, ${questions.length} questions (${questions.filter((q) => q.heldOut).length} held out)\n`,
);
const started = performance.now();
const signals = await defaultSignals();
const result = evaluate(facts, questions, signals, weights);
const ms = (performance.now() - started) / questions.length;
line('memoir recall (words, navigation, meanings)', result);
line('  without word vectors', evaluate(facts, questions, await defaultSignals({ vectors: false }), weights));
line('  words alone (no navigation)', evaluate(facts, questions, { navigate: () => new Map() }));
console.log(
  `  (the ${result.paraphrased.n} questions sharing at most half their words with their fact: hit@1 ${pct(result.paraphrased, 'hit1')} hit@5 ${pct(result.paraphrased, 'hit5')})`,
);
const ok = rate(result.all, 'hit5') >= 0.9 && rate(result.all, 'hit1') >= 0.7;
console.log(
  `\n${ok ? 'PASS' : 'FAIL'}  targets: hit@5 ≥ 90%, hit@1 ≥ 70% (all questions); ${ms.toFixed(2)} ms a question in process, model building included`,
);
if (process.argv.includes('--misses')) {
  console.log('\nmisses at rank 1:');
  for (const m of result.misses)
    console.log(
      `  ${m.heldOut ? '[held-out] ' : ''}${m.question}\n    want: ${m.expected}\n    got:  ${m.got.slice(0, 3).join(' | ') || '(nothing)'}`,
    );
}

await conversational(loaded, root, await defaultSignals(), weights);
floorReport(await defaultSignals());
multilingualReport(await defaultSignals());

/**
 * Recall in other languages (recall/multilingual.tsv): each question asks for its fact with
 * another form of its words, among the curated memory's English facts and the other languages'.
 */
function multilingualReport(signals) {
  const rows = readFileSync(join(root, 'bench', 'recall', 'multilingual.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const corpus = new loaded.Corpus(
    loaded.buildCorpus([
      ...facts,
      ...rows.map(([, text], i) => ({
        id: `m${i}`,
        path: 'events.past.milestones',
        text,
        recordedAt: '2026-11-01T00:00:00Z',
      })),
    ]),
  );
  let hit1 = 0;
  let hit5 = 0;
  rows.forEach(([, , question], i) => {
    const ids = loaded
      .rankFacts(question, corpus, signals.navigate(question), {
        k: 5,
        weights,
        similarity: signals.similarity?.(question),
        minScore: 0,
      })
      .map((h) => h.fact.id);
    if (ids[0] === `m${i}`) hit1++;
    if (ids.includes(`m${i}`)) hit5++;
  });
  console.log(
    `\nother languages (${rows.length} questions in ${new Set(rows.map(([l]) => l)).size} languages, another form of the fact's words): hit@1 ${((hit1 / rows.length) * 100).toFixed(1)}%  hit@5 ${((hit5 / rows.length) * 100).toFixed(1)}%`,
  );
}
/**
 * The relevance floor: for each candidate floor, the share of off-topic questions
 * (recall/offtopic.txt) that get nothing back, and the share of curated answers in the top 5
 * that the floor would drop.
 */
function floorReport(signals) {
  const offtopic = readFileSync(join(root, 'bench', 'recall', 'offtopic.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const corpus = new loaded.Corpus(loaded.buildCorpus(facts));
  const top = (q) =>
    loaded.rankFacts(q, corpus, signals.navigate(q), {
      k: 5,
      weights,
      similarity: signals.similarity?.(q),
      minScore: 0,
    });
  const answerable = (q) =>
    loaded.answerableScore(
      loaded.questionFeatures(
        loaded.recallCandidates(q, corpus, signals.navigate(q), { weights, similarity: signals.similarity?.(q) }),
      ),
      weights,
    );
  const junk = offtopic.map(answerable);
  // an answer is lost when its question is judged unanswerable
  const answers = questions
    .filter((q) => top(q.question).some((h) => h.fact.id === q.key))
    .map((q) => answerable(q.question));
  console.log(
    `\nrelevance floor (curated memory; ${offtopic.length} off-topic questions, ${answers.length} answers in the top 5; nothing is returned when the memory is less likely than the floor to hold an answer):`,
  );
  for (const floor of [0.02, 0.05, 0.1, 0.2, 0.3]) {
    const silent = junk.filter((s) => s < floor).length / junk.length;
    const dropped = answers.filter((s) => s < floor).length / answers.length;
    console.log(
      `  ${floor === loaded.DEFAULT_MIN_SCORE ? '*' : ' '} ${floor.toFixed(2)}  off-topic answered with nothing ${(silent * 100).toFixed(0).padStart(3)}%   answers dropped ${(dropped * 100).toFixed(1).padStart(5)}%`,
    );
  }
}
process.exitCode = ok ? 0 : 1;
