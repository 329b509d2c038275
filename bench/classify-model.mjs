// The model path's cost and what its shortlist costs in accuracy, on bench/classify-eval.jsonl,
// against a real chat-completions server on loopback.   npm run bench:classify-model
//
// There is no real model here, so the server replays answers decided by an oracle that knows each
// fact's true leaf: a fair stand-in for measuring what the PROMPT loses, since a shortlist can only
// cost accuracy by leaving the true leaf out. Two oracles, from strict to lenient:
//   described  answers the true leaf only when the prompt DESCRIBES it (path and description);
//              otherwise the described leaf the offline classifier ranks best for that fact.
//   named      answers the true leaf when the prompt names it at all (the shortlist, or the list
//              of every other path); a model that reads paths well sits between the two.
// Under either oracle the whole-taxonomy prompt scores 100%: the figures are the share of the
// model's accuracy a prompt keeps, not a model's accuracy.
//
// Tokens are characters / 4 (no tokenizer is installed), counted over what each request carries:
// the messages (instructions, leaves, facts) and the response_format schema (the leaf enum), per fact.
import * as http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFromSources } from './fromSources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `export { OpenAIClassifier } from './src/classify/openai.ts'; export { OfflineClassifier } from './src/classify/offline.ts'; export { trainingFacts } from './src/classify/training.ts'; export { loadEmbeddings } from './src/classify/embeddings.ts'; export { builtinTaxonomy } from './src/config/taxonomy.ts';`;
const { OpenAIClassifier, OfflineClassifier, trainingFacts, loadEmbeddings, builtinTaxonomy } = await importFromSources(
  entry,
  { resolveDir: root, besideDir: join(root, 'node_modules', '.cache') },
);

const taxonomy = builtinTaxonomy();
const prebuilt = (file) => {
  try {
    return JSON.parse(readFileSync(join(root, 'dist', file), 'utf8'));
  } catch {
    return undefined;
  }
};
const offline = new OfflineClassifier(taxonomy, {
  model: prebuilt('offline-model.json'),
  linear: prebuilt('linear-model.json'),
  training: trainingFacts(),
  embeddings: loadEmbeddings(),
});

// the evaluation in a fixed shuffled order: it is sorted by leaf, and batches of one leaf's facts would flatter the shortlist
let seed = 14;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const evalSet = readFileSync(join(root, 'bench', 'classify-eval.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l))
  .map((e) => ({ e, r: random() }))
  .sort((a, b) => a.r - b.r)
  .map(({ e }) => e);
const truth = new Map(evalSet.map((e) => [e.text, e.path]));

const LEAF_LINE = /^([a-z0-9_-]+\.[a-z0-9_-]+\.[a-z0-9_-]+): /gm;
const factsOf = (user) => user.split('\n').map((line) => JSON.parse(line.slice(line.indexOf(' ') + 1)));

/** A chat-completions server whose answers the oracle decides; it counts what each request carries. */
async function oracleServer(mode) {
  const stats = { requests: 0, facts: 0, messageChars: 0, schemaChars: 0 };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const system = body.messages.find((m) => m.role === 'system').content;
      const user = body.messages.at(-1).content;
      const facts = factsOf(user);
      stats.requests++;
      stats.facts += facts.length;
      stats.messageChars += body.messages.reduce((n, m) => n + m.content.length, 0);
      stats.schemaChars += body.response_format ? JSON.stringify(body.response_format).length : 0;
      const described = new Set([...system.matchAll(LEAF_LINE)].map((m) => m[1]));
      const named = (path) =>
        described.has(path) ||
        system.includes(path) ||
        (system.includes(`${path.slice(0, path.lastIndexOf('.'))}.{`) &&
          new RegExp(`[{,]${path.slice(path.lastIndexOf('.') + 1)}[,}]`).test(system));
      const answers = Object.fromEntries(
        facts.map((fact, i) => {
          const right = truth.get(fact);
          const knows = mode === 'named' ? named(right) : described.has(right);
          const path = knows
            ? right
            : offline.classifyOne(fact, taxonomy.leaves.size).find((c) => described.has(c.path))?.path;
          return [String(i + 1), { candidates: [{ path, confidence: 0.9 }] }];
        }),
      );
      const content = JSON.stringify(answers);
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: 'oracle',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    stats,
    baseURL: `http://127.0.0.1:${server.address().port}/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

async function run(label, { shortlist, batch }, mode) {
  const server = await oracleServer(mode);
  const warnings = [];
  const model = new OpenAIClassifier({
    taxonomy,
    model: 'oracle',
    apiKey: '',
    baseURL: server.baseURL,
    timeoutMs: 60_000,
    retries: 0,
    fallback: offline,
    shortlist,
    batch,
    warn: (m) => warnings.push(m),
  });
  const started = performance.now();
  const results = await model.classify(
    evalSet.map((e) => e.text),
    5,
  );
  const ms = performance.now() - started;
  await server.close();
  const { stats } = server;
  const top1 = results.filter((r, i) => r.candidates[0]?.path === evalSet[i].path).length / evalSet.length;
  const perFact = (chars) => Math.round(chars / 4 / stats.facts);
  return {
    label,
    mode,
    requests: stats.requests,
    tokens: perFact(stats.messageChars + stats.schemaChars),
    messages: perFact(stats.messageChars),
    schema: perFact(stats.schemaChars),
    top1,
    warnings: warnings.length,
    ms,
  };
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const configs = [
  ['whole taxonomy, 1 fact a request (before)', { shortlist: 0, batch: 1 }],
  ['whole taxonomy, 12 facts a request', { shortlist: 0, batch: 12 }],
  ['shortlist 20, 1 fact a request', { shortlist: 20, batch: 1 }],
  ['shortlist 10, 12 facts a request', { shortlist: 10, batch: 12 }],
  ['shortlist 20, 8 facts a request', { shortlist: 20, batch: 8 }],
  ['shortlist 20, 12 facts a request (shipped)', { shortlist: 20, batch: 12 }],
  ['shortlist 30, 12 facts a request', { shortlist: 30, batch: 12 }],
  ['shortlist 20, 16 facts a request', { shortlist: 20, batch: 16 }],
];
console.log(`The model path on ${evalSet.length} facts (bench/classify-eval.jsonl), oracle replies on loopback`);
console.log('tokens/fact = (messages + response_format schema) / 4 characters, per fact; top-1 under each oracle\n');
const rows = [['prompt', 'requests', 'tokens/fact', '(messages', '+ schema)', 'top-1 described', 'top-1 named']];
for (const [label, config] of configs) {
  const strict = await run(label, config, 'described');
  const lenient = await run(label, config, 'named');
  rows.push([
    label,
    String(strict.requests),
    String(strict.tokens),
    String(strict.messages),
    String(strict.schema),
    pct(strict.top1),
    pct(lenient.top1),
  ]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows)
  console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
