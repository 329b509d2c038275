// Builds dist/: checks the taxonomy and the layers' import rules, bundles the CLI and the
// screens (scripts/bundle.mjs), and trains the offline classifier's models. esbuild bundles the
// two build-time helpers (the taxonomy check, the classifier's trainer).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { BUILD_INPUTS_FILE, buildInputsKey } from './buildInputs.mjs';
import { bundle, ROOT_HELP_FILE } from './bundle.mjs';
import { DATA_FILES, dataModule } from './dataModules.mjs';
import { BUNDLED_PACKAGES_FILE, bundledPackages } from './notices.mjs';
import { sourceFiles, structureViolations } from './structure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

/** The same data as modules, for the classifier's trainer (scripts/trainModels.mjs): its bundle holds the data it trains on. */
const inlineDataPlugin = {
  name: 'inline-data',
  setup(b) {
    b.onLoad({ filter: DATA_FILES }, (args) => ({
      contents: dataModule(args.path),
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

/** The files scripts/trainModels.mjs makes, copied beside the bundle. */
const MODELS = [
  'offline-model.json',
  'linear-model.json',
  'calibration.json',
  'embeddings-index.bin',
  'recall-leaves.json',
];
const cache = modelCache();

/**
 * Where trained models are kept: the user's cache folder (~/.cache/memoir/build, or under
 * $XDG_CACHE_HOME), shared by every clone on the machine as npm's own cache is, so a fresh clone
 * trains only when the training inputs are new to this machine. The models decide where facts
 * are filed, so the folder must be this user's alone (as for the code cache,
 * src/runtime/compileCache.ts); otherwise the clone's node_modules/.cache/memoir.
 */
function modelCache() {
  const base = process.env.XDG_CACHE_HOME || (process.env.HOME ? `${process.env.HOME}/.cache` : undefined);
  const shared = base && isAbsolute(base) ? `${base}/memoir/build` : undefined;
  try {
    if (shared && typeof process.getuid === 'function') {
      mkdirSync(shared, { recursive: true, mode: 0o700 });
      const own = (folder) => {
        const stat = lstatSync(folder);
        return stat.isDirectory() && stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
      };
      if (own(shared) && own(dirname(shared))) return shared;
    }
  } catch {
    // unwritable home: the clone's own cache
  }
  return `${root}/node_modules/.cache/memoir`;
}

/**
 * Makes the offline classifier's trained files, or finds them made: training takes most of a
 * minute of CPU, so they are kept in the model cache (above) as models-<key>/, keyed by
 * everything they are made from (see scripts/trainModels.mjs) and the Node version, whose Math
 * functions the training runs on. Returns that folder.
 */
async function trainedModels() {
  const { outputFiles } = await build({
    entryPoints: [`${root}/scripts/trainModels.mjs`],
    write: false,
    outfile: 'trainer.mjs',
    bundle: true,
    format: 'esm',
    platform: 'node',
    absWorkingDir: root, // its comments name files relative to it: the same bytes from any folder
    logLevel: 'error',
    plugins: [inlineDataPlugin],
  });
  const trainer = outputFiles[0].contents;
  const key = createHash('sha256').update(trainer).update(process.version);
  for (const file of readdirSync(`${root}/data/embeddings`).sort())
    key.update(file).update(readFileSync(`${root}/data/embeddings/${file}`));
  const dir = `${cache}/models-${key.digest('hex').slice(0, 16)}`;
  if (existsSync(dir)) {
    const now = new Date();
    utimesSync(dir, now, now); // recently used: kept by pruneModels()
    return dir;
  }
  // its own file and folder: other builds may be training at the same time; the trainer runs from
  // inside the clone, where it finds data/embeddings from its own place (src/classify/embeddings.ts)
  const file = `${root}/node_modules/.cache/memoir/trainer-${process.pid}.mjs`;
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${dir}.partial-${process.pid}`;
  mkdirSync(partial, { recursive: true });
  writeFileSync(file, trainer);
  try {
    // The two linear models take nearly all the time (~20 s each): each trains in a worker thread.
    // The held-out one starts first, as the calibration then classifies with it here (~5 s); the
    // shipped one once this thread has made the offline model beside the bundling. Two threads
    // busy at a time: ~17% faster on two cores than starting both at once.
    const heldOut = inWorker(file, 'held-out');
    const m = await import(file);
    writeFileSync(`${partial}/offline-model.json`, m.offlineModel());
    writeFileSync(
      `${partial}/embeddings-index.bin`,
      m.wordIndex(readFileSync(`${root}/data/embeddings/words.txt`, 'utf8')),
    );
    const shipped = inWorker(file, 'shipped');
    writeFileSync(`${partial}/recall-leaves.json`, await m.recallLeaves());
    writeFileSync(`${partial}/calibration.json`, m.calibration(await heldOut));
    writeFileSync(`${partial}/linear-model.json`, await shipped);
  } finally {
    rmSync(file);
  }
  try {
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true }); // another build stored the same files first
  }
  pruneModels();
  return dir;
}

/** Runs the trainer as a worker thread for one linear model; resolves to its JSON. */
function inWorker(file, which) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: which });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`build: the ${which} linear model's trainer exited (${code})`)));
  });
}

/**
 * Keeps the three most recently used sets of trained files (~11 MB each: enough to switch between
 * a few branches) and removes anything else a day old: what an interrupted build left behind.
 */
function pruneModels() {
  const entries = readdirSync(cache)
    // 0: gone already, another build's trainer it has just removed
    .map((name) => ({ name, used: statSync(`${cache}/${name}`, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.used - a.used);
  const sets = entries.filter((e) => /^models-[0-9a-f]+$/.test(e.name));
  const stale = entries.filter((e) => !sets.includes(e) && e.used < Date.now() - 86_400_000);
  for (const { name } of [...sets.slice(3), ...stale]) rmSync(`${cache}/${name}`, { recursive: true, force: true });
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
// trained (or found trained) while the CLI is bundled
const training = trainedModels();
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
// the root help's command list, from the definitions just bundled: `memoir --help` prints it
// without loading every command's code (src/runtime/rootHelp.ts)
try {
  const entries = await createRequire(import.meta.url)(`${staging}/cli.cjs`).rootHelp();
  mkdirSync(dirname(`${staging}/${ROOT_HELP_FILE}`), { recursive: true });
  writeFileSync(`${staging}/${ROOT_HELP_FILE}`, `${JSON.stringify(entries)}\n`);
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`build: the root help's command list: ${error.message}`);
  process.exit(1);
}
// the library for ES modules, re-exporting what the bundle just built exports (no list to keep in
// step with src/library/index.ts), and its types: src/library/api.ts holds declarations only
const libraryExports = Object.keys(createRequire(import.meta.url)(`${staging}/library.cjs`))
  .filter((name) => name !== '__esModule')
  .sort();
writeFileSync(
  `${staging}/memoir.mjs`,
  `// memoir as a library (see docs/library.md): the CommonJS bundle's exports, as an ES module\nimport library from './library.cjs';\n\nexport const { ${libraryExports.join(', ')} } = library;\n`,
);
copyFileSync(`${root}/src/library/api.ts`, `${staging}/memoir.d.ts`);
const models = await training;
for (const file of MODELS) copyFileSync(`${models}/${file}`, `${staging}/${file}`);
writeFileSync(`${staging}/${BUILD_INPUTS_FILE}`, `${inputsKey}\n`);
const old = `${root}/dist.old-${process.pid}`;
try {
  renameSync(`${root}/dist`, old);
} catch {
  // first build
}
renameSync(staging, `${root}/dist`);
rmSync(old, { recursive: true, force: true });
