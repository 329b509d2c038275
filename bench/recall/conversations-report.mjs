// The conversational part of npm run bench:recall: each conversation ingested as memoir files it,
// then every question ranked three ways, printed side by side (see conversations.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The models the build trains (dist/), so the classifier is the one memoir ships; undefined before a build. */
function prebuilt(root, file) {
  const path = join(root, 'dist', file);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/** The shipped classifier (as the build trains it, as src/classify/select.ts makes it) and the taxonomy. */
export function shippedClassifier(m, root) {
  const taxonomy = m.builtinTaxonomy();
  const model = prebuilt(root, 'offline-model.json');
  const linear = prebuilt(root, 'linear-model.json');
  if (!model)
    console.log(
      '\n(no dist/offline-model.json: run npm run build first; the classifier is trained here, without the linear model, and differs from the shipped one)',
    );
  const calibration = prebuilt(root, 'calibration.json');
  return {
    taxonomy,
    classifier: new m.OfflineClassifier(taxonomy, {
      model,
      linear,
      calibration,
      training: m.trainingFacts(),
      noMemory: m.noMemoryTexts(),
      embeddings: m.loadEmbeddings(),
    }),
  };
}

/**
 * The tuning questions of every conversation as learning groups (see learn.ts), in three
 * sources: the questions as written, the same with two of the turn's rarest words, and the
 * turn's own first words.
 */
export async function conversationalGroups(m, root, signals, offTopic) {
  const { taxonomy, classifier } = shippedClassifier(m, root);
  const turns = m.loadTurns();
  const byId = new Map(turns.map((t) => [t.id, t]));
  const questions = m.loadConversationQuestions().filter((q) => !q.heldOut);
  const groups = [];
  for (const conversation of [...new Set(turns.map((t) => t.conversation))]) {
    const said = turns.filter((t) => t.conversation === conversation);
    const { facts } = await m.ingest(said, taxonomy, { classifier });
    const idOf = new Map(facts.map((f) => [f.text, f.id]));
    const mixedProbe = m.mixedProber(said);
    const asked = { conversation: [], mixed: [], words: [] };
    for (const q of questions.filter((q) => q.conversation === conversation)) {
      const answers = new Set(q.evidence.map((e) => idOf.get(byId.get(e).text)).filter(Boolean));
      const turn = byId.get(q.evidence[0]).text;
      asked.conversation.push({ question: q.question, answers });
      asked.mixed.push({ question: mixedProbe(q.question, turn), answers });
      asked.words.push({ question: m.wordProbe(turn), answers });
    }
    for (const [source, list] of Object.entries(asked))
      groups.push(...(await m.groupsOf(source, facts, list, signals)));
    groups.push(...(await m.groupsOf('off-topic', facts, offTopic, signals)));
  }
  return groups;
}

export async function conversational(m, root, signals, weights) {
  const { taxonomy, classifier } = shippedClassifier(m, root);
  // a `many` leaf to hold every turn: navigation then lifts every fact alike, leaving the words
  const oneLeaf = [...taxonomy.leaves.values()].find((l) => l.cardinality === 'many').path;

  const turns = m.loadTurns();
  const questions = m.loadConversationQuestions();
  const byId = new Map(turns.map((t) => [t.id, t]));
  const systems = [
    'memoir as shipped (classified, -k 10)',
    'memoir lexical alone (one leaf)',
    'BM25 (k1 1.2, b 0.75, no stemming)',
  ];
  const scores = systems.map(() => ({
    dev: m.emptyScore(),
    heldOut: m.emptyScore(),
    kinds: new Map(),
    probes: m.emptyScore(),
    mixed: m.emptyScore(),
  }));
  let lost = 0;
  let lostEvidence = 0;
  let held = 0;
  let heldEvidence = 0;
  let ingestMs = 0;
  const perLeaf = new Map();
  const started = performance.now();
  for (const conversation of [...new Set(turns.map((t) => t.conversation))]) {
    const said = turns.filter((t) => t.conversation === conversation);
    const asked = questions.filter((q) => q.conversation === conversation);
    const t0 = performance.now();
    const shipped = await m.ingest(said, taxonomy, { classifier });
    ingestMs += performance.now() - t0;
    const flat = await m.ingest(said, taxonomy, { leaf: oneLeaf });
    lost += shipped.lost.length;
    const evidenceIds = new Set(asked.flatMap((q) => q.evidence));
    lostEvidence += shipped.lost.filter((t) => evidenceIds.has(t.id)).length;
    held += shipped.held.length;
    heldEvidence += shipped.held.filter((t) => evidenceIds.has(t.id)).length;
    for (const [leaf, n] of shipped.perLeaf) perLeaf.set(leaf, (perLeaf.get(leaf) ?? 0) + n);
    const mixedProbe = m.mixedProber(said);
    const rankers = [
      m.memoirRanker(shipped.facts, signals, weights),
      m.memoirRanker(flat.facts, signals, weights),
      m.bm25Ranker(said.map((t) => t.text)),
    ];
    for (const q of asked) {
      const evidence = m.evidenceTexts(q, byId);
      for (const [s, rank] of rankers.entries()) {
        const ranked = await rank(q.question, 10);
        m.count(q.heldOut ? scores[s].heldOut : scores[s].dev, ranked, evidence);
        const kinds = scores[s].kinds;
        m.count(kinds.get(q.kind) ?? kinds.set(q.kind, m.emptyScore()).get(q.kind), ranked, evidence);
        const wording = m.isParaphrase({ question: q.question }, { text: byId.get(q.evidence[0]).text })
          ? 'paraphrased'
          : 'shared words';
        m.count(kinds.get(wording) ?? kinds.set(wording, m.emptyScore()).get(wording), ranked, evidence);
        // the same evidence searched with its own words: the taxonomy must never bury a match
        m.count(scores[s].probes, await rank(m.wordProbe(byId.get(q.evidence[0]).text), 10), evidence);
        // the question with two of the turn's rarest words in it, as questions written from the turn read
        m.count(scores[s].mixed, await rank(mixedProbe(q.question, byId.get(q.evidence[0]).text, said), 10), evidence);
      }
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const pct = (s, f) => `${s.n ? ((s[f] / s.n) * 100).toFixed(1) : '0.0'}%`.padStart(6);
  const cells = (s) => `${pct(s, 'hit1')} ${pct(s, 'hit5')} ${pct(s, 'hit10')}`;
  const sum = (a, b) => ({ n: a.n + b.n, hit1: a.hit1 + b.hit1, hit5: a.hit5 + b.hit5, hit10: a.hit10 + b.hit10 });
  const heldOut = questions.filter((q) => q.heldOut).length;
  console.log(
    `\nconversational evaluation: ${turns.length} turns in ${new Set(turns.map((t) => `${t.conversation}/${t.session}`)).size} sessions of ${new Set(turns.map((t) => t.conversation)).size} conversations, ${questions.length} questions (${heldOut} held out); hit@1 hit@5 hit@10`,
  );
  console.log(`${''.padEnd(40)} ${'all'.padEnd(20)} ${'dev'.padEnd(20)} ${'held-out'.padEnd(20)}`);
  scores.forEach((s, i) =>
    console.log(`${systems[i].padEnd(40)} ${cells(sum(s.dev, s.heldOut))}   ${cells(s.dev)}   ${cells(s.heldOut)}`),
  );
  console.log('\nby kind of question (all; paraphrased: sharing at most half of its words with the turn):');
  for (const kind of ['fact', 'current', 'earlier', 'when', 'paraphrased', 'shared words']) {
    const n = scores[0].kinds.get(kind)?.n ?? 0;
    console.log(
      `  ${`${kind} (${n})`.padEnd(14)} ${scores.map((s, i) => `${['shipped', 'lexical', 'BM25'][i]} ${cells(s.kinds.get(kind) ?? m.emptyScore())}`).join('   ')}`,
    );
  }
  console.log(
    `  ${'word probes'.padEnd(14)} ${scores.map((s, i) => `${['shipped', 'lexical', 'BM25'][i]} ${cells(s.probes)}`).join('   ')}`,
  );
  console.log(
    `  ${'mixed probes'.padEnd(14)} ${scores.map((s, i) => `${['shipped', 'lexical', 'BM25'][i]} ${cells(s.mixed)}`).join('   ')}`,
  );
  console.log(
    "  (word probes: each question's evidence turn searched with its own first four content words; mixed: the question plus the turn's two rarest words)",
  );
  const busiest = [...perLeaf]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([leaf, n]) => `${leaf} ${n}`)
    .join(', ');
  console.log(
    `\nlost at ingest (neither in the final tree, nor a value it replaced, nor held): ${lost} of ${turns.length} turns (${((lost / turns.length) * 100).toFixed(1)}%), ${lostEvidence} of them evidence; held for review where no leaf fits: ${held} (${((held / turns.length) * 100).toFixed(1)}%), ${heldEvidence} of them evidence; busiest leaves: ${busiest}`,
  );
  console.log(
    `classification and filing ${(ingestMs / turns.length).toFixed(2)} ms a turn; the conversational evaluation took ${seconds} s`,
  );
}
