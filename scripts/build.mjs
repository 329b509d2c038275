// Builds dist/: checks the taxonomy and the layers' import rules, bundles the CLI and the
// screens (scripts/bundle.mjs), and trains the offline classifier's models. esbuild bundles the
// two build-time helpers (the taxonomy check, the model's trainer).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_INPUTS_FILE, buildInputsKey } from './buildInputs.mjs';
import { bundle, compileData, DATA_FILES } from './bundle.mjs';
import { BUNDLED_PACKAGES_FILE, bundledPackages } from './notices.mjs';
import { sourceFiles, structureViolations } from './structure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

/** The same data as modules, for the offline model's trainer: it runs once, from node_modules/.cache, at build time. */
const inlineDataPlugin = {
  name: 'inline-data',
  setup(b) {
    b.onLoad({ filter: DATA_FILES }, (args) => ({
      contents: `export default ${JSON.stringify(compileData(args.path))};`,
      loader: 'js',
    }));
  },
};

/** Validates taxonomy.yaml with memoir's own validator first: a broken file fails the build with its line. */
async function checkTaxonomy() {
  const checker = `${root}/node_modules/.cache/memoir/taxonomy-check.mjs`;
  await build({
    entryPoints: [`${root}/src/config/taxonomyFile.ts`],
    outfile: checker,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'error',
  });
  const { parseTaxonomyYaml, formatProblems } = await import(`${checker}?${Date.now()}`);
  const { problems } = parseTaxonomyYaml(readFileSync(`${root}/taxonomy.yaml`, 'utf8'));
  if (problems.length > 0) {
    console.error(formatProblems('taxonomy.yaml', problems));
    process.exit(1);
  }
}

/**
 * Trains the offline classifier's model for the built-in taxonomy (taxonomy examples, the
 * training corpus, word vectors) with memoir's own code, so that no command trains it at run time.
 */
async function trainOfflineModel(outdir) {
  const trainer = `${root}/node_modules/.cache/memoir/train-offline.mjs`;
  await build({
    stdin: {
      contents:
        "export { trainOfflineModel, DEFAULT_WEIGHTS, leafTexts } from './src/classify/model.ts'; export { trainLinearModel } from './src/classify/linear.ts'; export { builtinTaxonomy } from './src/config/taxonomy.ts'; export { trainingFacts, noMemoryTexts } from './src/classify/training.ts'; export { calibrationSplit, fitCalibration } from './src/classify/calibration.ts'; export { OfflineClassifier } from './src/classify/offline.ts'; export { loadEmbeddings } from './src/classify/embeddings.ts'; export { buildWordIndex } from './src/classify/wordIndex.ts';",
      resolveDir: root,
      loader: 'ts',
    },
    outfile: trainer,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'error',
    plugins: [inlineDataPlugin],
  });
  const m = await import(`${trainer}?${Date.now()}`);
  const taxonomy = m.builtinTaxonomy();
  const training = m.trainingFacts();
  const embeddings = m.loadEmbeddings();
  writeFileSync(
    `${outdir}/offline-model.json`,
    JSON.stringify(m.trainOfflineModel(taxonomy, training, m.DEFAULT_WEIGHTS, embeddings)),
  );
  const texts = [...taxonomy.leaves.values()].flatMap((leaf) => m.leafTexts(leaf, training, m.DEFAULT_WEIGHTS));
  writeFileSync(
    `${outdir}/linear-model.json`,
    JSON.stringify(m.trainLinearModel(texts, [...taxonomy.leaves.keys()], embeddings)),
  );
  writeFileSync(`${outdir}/calibration.json`, JSON.stringify(fitCalibration(m, taxonomy, training, embeddings)));
  // the word vectors' lookup table, so that loading them builds no Map (see src/classify/wordIndex.ts)
  writeFileSync(
    `${outdir}/embeddings-index.bin`,
    m.buildWordIndex(readFileSync(`${root}/data/embeddings/words.txt`, 'utf8')),
  );
}

/**
 * Fits the confidence calibration (src/classify/calibration.ts) on a held-out split: a
 * classifier trained as the shipped one is, without the held-out facts, classifies them. Its
 * linear model takes most of a minute to train, so it is cached under node_modules/.cache,
 * keyed by everything it is made from.
 */
function fitCalibration(m, taxonomy, training, embeddings) {
  const split = m.calibrationSplit(taxonomy, training, m.noMemoryTexts());
  const texts = [...split.taxonomy.leaves.values()].flatMap((leaf) =>
    m.leafTexts(leaf, split.training, m.DEFAULT_WEIGHTS),
  );
  const key = createHash('sha1')
    .update(JSON.stringify(texts))
    .update(readFileSync(`${root}/data/embeddings/words.txt`));
  for (const file of ['classify/linear.ts', 'core/terms.ts', 'core/tokenize.ts', 'classify/embeddings.ts'])
    key.update(readFileSync(`${root}/src/${file}`));
  const cached = `${root}/node_modules/.cache/memoir/calibration-linear-${key.digest('hex').slice(0, 16)}.json`;
  let linear;
  try {
    linear = JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    linear = m.trainLinearModel(texts, [...split.taxonomy.leaves.keys()], embeddings);
    writeFileSync(cached, JSON.stringify(linear));
  }
  const classifier = new m.OfflineClassifier(split.taxonomy, {
    training: split.training,
    embeddings,
    linear,
    noMemory: split.noMemory,
  });
  return m.fitCalibration(
    split.held.map(({ text, path }) => {
      const top = classifier.topSuggestion(text);
      return { top, correct: path !== undefined && top.ranked[0]?.path === path };
    }),
  );
}

// read before building: sources edited during the build leave a digest that no longer matches
const inputsKey = buildInputsKey(root);
await checkTaxonomy();
const layering = structureViolations(sourceFiles(`${root}/src`));
if (layering.length > 0) {
  console.error(`build: the layers' import rules are broken (see docs/architecture.md):\n  ${layering.join('\n  ')}`);
  process.exit(1);
}
// Build beside dist/ and swap it in, so a CLI (or test) running during a rebuild never sees half a bundle.
const staging = `${root}/dist.tmp-${process.pid}`;
let chunks;
try {
  chunks = await bundle({ root, outdir: staging, version: pkg.version, minify: !process.env.MEMOIR_NO_MINIFY });
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`build: ${error.message}`);
  process.exit(1);
}
// which packages' code the bundle holds: their licences go into THIRD_PARTY_NOTICES.md (scripts/notices.mjs)
writeFileSync(
  `${staging}/${BUNDLED_PACKAGES_FILE}`,
  `${JSON.stringify(bundledPackages(chunks.flatMap((c) => c.moduleIds.map((id) => relative(root, id)))), null, 2)}\n`,
);
await trainOfflineModel(staging);
writeFileSync(`${staging}/${BUILD_INPUTS_FILE}`, `${inputsKey}\n`);
const old = `${root}/dist.old-${process.pid}`;
try {
  renameSync(`${root}/dist`, old);
} catch {
  // first build
}
renameSync(staging, `${root}/dist`);
rmSync(old, { recursive: true, force: true });
