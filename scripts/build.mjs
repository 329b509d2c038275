// Bundles the CLI with rolldown: one small entry chunk that parses arguments, one chunk of the
// code most commands share, and lazily loaded chunks for what only some need: the secret guard,
// isomorphic-git, config files (yaml), the model client and the interactive screens (Ink and
// React, in dist/ui.js). Data (the taxonomy, the guard's rules) is compiled at build time.
// esbuild still bundles the two build-time helpers (the taxonomy check, the model's trainer).
import { build } from 'esbuild';
import { rolldown } from 'rolldown';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { BUILD_INPUTS_FILE, buildInputsKey } from './buildInputs.mjs';
import { compileRules } from './gitleaks/rules.mjs';
import { BUNDLED_PACKAGES_FILE, bundledPackages } from './notices.mjs';
import { sourceFiles, structureViolations } from './structure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

/**
 * `import x from './file.yaml'` (the taxonomy), `'./file.jsonl'` (training facts: the array of
 * the lines' objects) and `'./file.toml'` (the secret guard's rules, a gitleaks rule file
 * translated to JavaScript patterns by scripts/gitleaks/rules.mjs) become data compiled at build
 * time. Each is written as JSON to dist/data/ and read when its module loads: reading and parsing
 * the 94 KB taxonomy takes ~1.5 ms, where compiling it as a string inside a chunk took ~6 ms.
 */
function compileData(file) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.toml')) return compileRules(text);
  if (file.endsWith('.jsonl'))
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l));
  return parse(text);
}

const DATA_FILES = /\.(ya?ml|jsonl|toml)$/;

function dataPlugin(outdir) {
  return {
    name: 'data',
    load(id) {
      if (!DATA_FILES.test(id)) return undefined;
      const name = `${relative(root, id)
        .replace(/\.[a-z]+$/, '')
        .replaceAll(sep, '-')}.json`;
      mkdirSync(`${outdir}/data`, { recursive: true });
      writeFileSync(`${outdir}/data/${name}`, JSON.stringify(compileData(id)));
      return {
        code: `import { readFileSync } from 'node:fs';
const at = new URL(import.meta.url.includes('/chunks/') ? '../' : './', import.meta.url);
export default JSON.parse(readFileSync(new URL(${JSON.stringify(`data/${name}`)}, at), 'utf8'));`,
        moduleType: 'js',
      };
    },
  };
}

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

/** Packages that only the interactive screens may load. */
const UI_ONLY = /(^|\/)node_modules\/(ink|react|react-reconciler|scheduler|yoga-layout)\//;
const UI_PACKAGE = /^(ink|react|react-reconciler|scheduler|yoga-layout)(\/|$)/;

/**
 * Fails the build if Ink or React could load outside the screens: everything the entry reaches,
 * statically or through import(), without going through the ui entry must be free of them.
 */
function checkUiIsLazy(chunks, staging) {
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set(['ui.js']);
  const queue = ['cli.js'];
  const offenders = [];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const chunk = byFile.get(file);
    const ui = [
      ...chunk.moduleIds.filter((id) => UI_ONLY.test(id)),
      ...chunk.imports.filter((i) => UI_PACKAGE.test(i)),
    ];
    if (ui.length > 0) offenders.push(`${file}: ${ui.slice(0, 3).join(', ')}`);
    for (const next of [...chunk.imports, ...chunk.dynamicImports]) if (byFile.has(next)) queue.push(next);
  }
  if (offenders.length > 0) {
    rmSync(staging, { recursive: true, force: true });
    console.error(
      `build: Ink/React would load outside the interactive screens (import src/ui/index.ts only with a lazy import()):\n  ${offenders.join('\n  ')}`,
    );
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

/**
 * Modules kept behind a lazy import(): large, or needed by few commands. A bundled package is
 * one of them unless it is small and shared (fastest-levenshtein, for merge and the CLI's
 * suggestions).
 */
const LAZY = [
  /\/src\/core\/secrets(\.ts$|\/)/,
  /\/src\/(ui|mcp|classify|docs|completion)\//,
  DATA_FILES,
  /\/node_modules\/(?!fastest-levenshtein\/)/,
];

/**
 * Which sources go into the one chunk most commands share: a module whose static imports reach
 * nothing in LAZY (nor an external package). esbuild's splitting made a chunk for every set of
 * commands sharing a module, and a command loaded 50 to 70 of them (~0.3 ms each); with this
 * chunk, 10 to 20. A module that reaches a lazy one stays out, so the shared chunk never makes
 * `get` load the guard or the taxonomy file.
 */
const ENTRY_ONLY = /\/src\/(cli|version)\.ts$/;

function sharedChunk() {
  const imports = new Map();
  const light = new Map();
  const isLight = (id, path = new Set()) => {
    if (light.has(id)) return light.get(id);
    if (!imports.has(id)) return id.startsWith('node:'); // an external package, or a Node built-in
    if (LAZY.some((re) => re.test(id))) return false;
    if (path.has(id)) return true; // a cycle: decided where it started
    path.add(id);
    const answer = imports.get(id).every((dep) => isLight(dep, path));
    path.delete(id);
    light.set(id, answer);
    return answer;
  };
  return {
    plugin: {
      name: 'module-graph',
      buildEnd() {
        for (const id of this.getModuleIds()) {
          const info = this.getModuleInfo(id);
          if (info?.code != null) imports.set(id, info.importedIds);
        }
      },
    },
    // the entry and the version stay out: `memoir --version` must not load the shared chunk
    test: (id) => (id.includes('/src/') || id.includes('/fastest-levenshtein/')) && !ENTRY_ONLY.test(id) && isLight(id),
  };
}

async function bundle(outdir) {
  const shared = sharedChunk();
  const built = await rolldown({
    cwd: root,
    // ui: the screens' own entry, so they have a stable name and are built before a command loads them
    input: { cli: `${root}/src/cli.ts`, ui: `${root}/src/ui/index.ts` },
    platform: 'node',
    // yaml is CommonJS with getter exports that bundling loses; it loads lazily from node_modules,
    // only when a config or taxonomy file is read. Ink and React are bundled (into dist/ui.js):
    // measured, that loads in about a third of the time of resolving them from node_modules. Ink
    // imports react-devtools-core only when DEV=true (and warns when it is missing); it is not installed.
    external: [/^node:/, 'typescript', 'yaml', 'react-devtools-core'],
    // isomorphic-git's "node" export is its CommonJS build; its ES module build tree-shakes
    // to half the size and loads in half the time.
    resolve: {
      alias: {
        'isomorphic-git/managers': `${root}/node_modules/isomorphic-git/managers/index.js`,
        'isomorphic-git/http/node': `${root}/node_modules/isomorphic-git/http/node/index.js`,
        'isomorphic-git': `${root}/node_modules/isomorphic-git/index.js`,
      },
    },
    transform: {
      target: 'node20',
      jsx: { runtime: 'automatic' },
      // React's production build; without this the bundle carries both builds and, NODE_ENV
      // being unset for most people, runs the slower development one
      define: { MEMOIR_VERSION: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
    },
    plugins: [dataPlugin(outdir), shared.plugin],
    // the entries' own exports stay as they are; the shared chunk may add to what they export
    preserveEntrySignatures: 'allow-extension',
    logLevel: 'warn',
    onLog(level, log, handler) {
      // a module both imported and import()ed stays where the static import puts it, as intended
      if (log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') handler(level, log);
    },
  });
  const { output } = await built.write({
    dir: outdir,
    format: 'es',
    minify: !process.env.MEMOIR_NO_MINIFY,
    sourcemap: true,
    chunkFileNames: 'chunks/[name]-[hash].js',
    codeSplitting: {
      // the shared chunk's modules import only each other: nothing else needs to be pulled in
      includeDependenciesRecursively: false,
      groups: [{ name: 'shared', test: shared.test }],
    },
  });
  await built.close();
  return output.filter((o) => o.type === 'chunk');
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
const chunks = await bundle(staging);
checkUiIsLazy(chunks, staging);
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
