// capture's quality on its evaluation (bench/capture/conversations/: 20 conversations with their
// gold facts): precision and recall of the proposed facts, the leaf of the matched ones, chit-chat
// turned into facts, and turns a second, for the offline path (see bench/capture/evaluate.ts).
//   npm run bench:capture [-- --misses]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFromSources } from './fromSources.mjs';
import { shippedClassifier } from './recall/conversations-report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = `export * from './evaluate.ts'; export { OfflineClassifier } from '../../src/classify/offline.ts'; export { trainingFacts, noMemoryTexts } from '../../src/classify/training.ts'; export { loadEmbeddings } from '../../src/classify/embeddings.ts'; export { builtinTaxonomy } from '../../src/config/taxonomy.ts'; export { defaultSignals } from '../recall/evaluate.ts';`;
const m = await importFromSources(ENTRY, {
  resolveDir: join(root, 'bench', 'capture'),
  besideDir: join(root, 'bench', 'capture'),
});
const { classifier, taxonomy } = shippedClassifier(m, root);
await classifier.classify(['warm up the classifier'], 1);
const s = await m.evaluateCapture(classifier);
const pct = (a, b) => `${((a / Math.max(b, 1)) * 100).toFixed(1)}%`;
const check = (ok) => (ok ? 'ok' : 'BELOW TARGET');
console.log(`capture evaluation: ${s.conversations} conversations, ${s.turns} turns, ${s.gold} gold facts (offline)\n`);
console.log(
  `recall of gold facts      ${pct(s.matchedGold, s.gold).padStart(7)}  (${s.matchedGold}/${s.gold})  target >= 80%  ${check(s.matchedGold / s.gold >= 0.8)}`,
);
console.log(
  `precision of proposals    ${pct(s.matchedProposals, s.proposals).padStart(7)}  (${s.matchedProposals}/${s.proposals})  target >= 70%  ${check(s.matchedProposals / s.proposals >= 0.7)}`,
);
console.log(
  `  matching a whole fact    ${pct(s.strictProposals, s.proposals).padStart(7)}  (${s.strictProposals}/${s.proposals}; the rest state part of one)`,
);
console.log(
  `leaf top-1 of matched     ${pct(s.leafRight, s.leafJudged).padStart(7)}  (${s.leafRight}/${s.leafJudged})  target >= 85%  ${check(s.leafRight / s.leafJudged >= 0.85)}`,
);
console.log(
  `facts from no-fact turns  ${String(s.fromNoFactTurns).padStart(7)}  (of ${s.noFactTurns} turns that hold no gold fact)`,
);
const turnsPerSecond = s.turns / (s.ms / 1000);
console.log(
  `speed                     ${turnsPerSecond.toFixed(0).padStart(7)} turns/s, ${(s.proposals / (s.ms / 1000)).toFixed(0)} facts/s  target >= 500 turns/s  ${check(turnsPerSecond >= 500)}`,
);
console.log('\nby kind');
for (const [kind, k] of Object.entries(s.perKind))
  console.log(
    `  ${kind.padEnd(10)} recall ${pct(k.matchedGold, k.gold).padStart(6)}  precision ${pct(k.matchedProposals, k.proposals).padStart(6)}`,
  );
// end to end: the questions answered by recall over the captured facts, and over the raw turns
const kit = { signals: await m.defaultSignals(), taxonomy };
const a = await m.answers(classifier, kit);
console.log(
  `\nrecall hit@5 over captured facts ${pct(a.captured, a.questions)}, over raw turns ${pct(a.raw, a.questions)} (${a.questions} questions)  target: captured >= raw  ${check(a.captured >= a.raw)}`,
);
// the same on dialogues the capture rules were not written against (bench:recall's conversations)
const jsonl = (file) =>
  readFileSync(join(root, 'bench', 'recall', 'conversations', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
const held = await m.answersOnRecallSet(classifier, kit, {
  turns: jsonl('dialogues.jsonl'),
  questions: jsonl('questions.jsonl'),
});
console.log(
  `on bench:recall's dialogues (not used to write the rules): hit@5 over captured facts ${pct(held.captured, held.questions)}, over raw turns ${pct(held.raw, held.questions)} (${held.questions} questions)`,
);
if (process.argv.includes('--misses')) {
  console.log('\nquestions the raw turns answer and the captured facts do not');
  for (const x of a.lost) console.log(`  ${x}`);
  console.log('\nmissed gold facts');
  for (const x of s.misses) console.log(`  ${x.name} #${x.turn}: ${x.gold}`);
  console.log('\nmatched proposals at another leaf (gold leaf, rank of the gold leaf among the suggestions)');
  for (const x of s.leafWrong) console.log(`  ${x.text}\n      gold ${x.gold} (#${x.rank || '-'}), got ${x.got}`);
  console.log('\nproposals that match no gold fact');
  for (const x of s.wrong) console.log(`  ${x.name} #${x.turn}: ${x.text}`);
}
