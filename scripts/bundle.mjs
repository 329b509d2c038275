// Bundles the CLI with rolldown, as CommonJS: one small entry (dist/cli.cjs) that parses
// arguments, a chunk of what every command and the commonest reads need, one of the other
// commands' own code (see sharedChunks), and lazily loaded chunks for what only some need: the
// secret guard, isomorphic-git, config files (yaml), the model client. The interactive screens
// (Ink and React) are a bundle of their own, an ES module (dist/ui.mjs):
// Ink awaits at its top level, which CommonJS cannot.
//
// Why CommonJS: Node 20 keeps no compiled code for ES modules between runs, and compiling the
// ~320 KB a command loads took 20–25 ms of every run. CommonJS code can be compiled from V8's
// code cache (src/runtime/compileCache.ts), and Node's CommonJS loader is lighter than its ESM one.
import { rolldown } from 'rolldown';
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { compileData, DATA_FILES, TAXONOMY_FILES, taxonomyLeaves } from './dataModules.mjs';

/** Where dist/ is, from a module of the bundle: the entries are in dist/, the other chunks in dist/chunks/. */
const DIST_DIR = "require('node:path').join(__dirname, __dirname.endsWith('chunks') ? '..' : '.')";

/**
 * Each data file is written as JSON to dist/data/ and its module's default export reads it when
 * first called: reading and parsing the 94 KB taxonomy takes ~1.5 ms, where compiling it as a
 * string inside a chunk took ~6 ms, and a command that loads the guard without using it (--help)
 * reads none of its rules. A taxonomy's module also exports its leaves alone (taxonomyLeaves), from
 * a file of their own: what the reads need, a fifteenth of the size.
 */
function dataPlugin(root, outdir) {
  return {
    name: 'data',
    load(id) {
      if (!DATA_FILES.test(id)) return undefined;
      const name = relative(root, id)
        .replace(/\.[a-z]+$/, '')
        .replaceAll(sep, '-');
      const data = compileData(id);
      mkdirSync(`${outdir}/data`, { recursive: true });
      writeFileSync(`${outdir}/data/${name}.json`, JSON.stringify(data));
      const reader = (file) =>
        `JSON.parse(require('node:fs').readFileSync(require('node:path').join(${DIST_DIR}, 'data', ${JSON.stringify(file)}), 'utf8'))`;
      let code = `let data;\nexport default () => (data ??= ${reader(`${name}.json`)});`;
      if (TAXONOMY_FILES.test(id)) {
        writeFileSync(`${outdir}/data/${name}-leaves.json`, JSON.stringify(taxonomyLeaves(data)));
        code += `\nlet leafData;\nexport const leaves = () => (leafData ??= ${reader(`${name}-leaves.json`)});`;
      }
      return { code, moduleType: 'js' };
    },
  };
}

/** The root help's command list, written by the build from the commands' definitions (scripts/build.mjs). */
export const ROOT_HELP_FILE = 'data/root-help.json';
const ROOT_HELP_SOURCE = /\/src\/runtime\/rootHelpData\.ts$/;

/** src/runtime/rootHelpData.ts becomes a reader of that file: undefined (every command's definition is loaded) if it is missing. */
function rootHelpPlugin() {
  return {
    name: 'root-help',
    load(id) {
      if (!ROOT_HELP_SOURCE.test(id)) return undefined;
      const file = `require('node:path').join(${DIST_DIR}, ${JSON.stringify(ROOT_HELP_FILE)})`;
      return {
        code: `export const rootHelpData = () => {\n  try {\n    return JSON.parse(require('node:fs').readFileSync(${file}, 'utf8'));\n  } catch {\n    return undefined;\n  }\n};`,
        moduleType: 'js',
      };
    },
  };
}

/** The screens' entry, bundled on its own (dist/ui.mjs). */
const UI_SOURCE = /\/src\/ui\/index\.ts$/;

/**
 * src/runtime/screens.ts, the one place the CLI loads the screens, becomes an import() of
 * dist/ui.mjs in a chunk of its own. rolldown turns every import() into require() in CommonJS
 * (which cannot load an ES module that awaits at its top level), so the call is written under
 * another name of the same length (the source map stays true) and renamed once the chunk is rendered. Node's own loader compiles that chunk:
 * the code cache's compiler leaves code holding an import() alone (src/runtime/compileCache.ts).
 */
const SCREENS_SOURCE = /\/src\/runtime\/screens\.ts$/;
const IMPORT_PLACEHOLDER = 'IMPORT';

function screensPlugin() {
  return {
    name: 'screens',
    load(id) {
      if (!SCREENS_SOURCE.test(id)) return undefined;
      return {
        code: `export const loadScreens = () => ${IMPORT_PLACEHOLDER}(require('node:url').pathToFileURL(require('node:path').join(${DIST_DIR}, 'ui.mjs')).href);`,
        moduleType: 'js',
      };
    },
    renderChunk(code, chunk) {
      if (!chunk.moduleIds.some((id) => SCREENS_SOURCE.test(id))) return undefined;
      return { code: code.replaceAll(`${IMPORT_PLACEHOLDER}(`, 'import('), map: null };
    },
  };
}

/**
 * commander requires node:child_process when it loads, for subcommands that are separate
 * executables, which memoir has none of; loading it (with node:net and the streams) took 5–11 ms
 * of every command. Inside commander it becomes an object that loads it on first use.
 */
const LAZY_IN_COMMANDER = '\0lazy:node:child_process';
const isCommandersChildProcess = (source, importer) =>
  source === 'node:child_process' && Boolean(importer?.includes('/node_modules/commander/'));

function lazyChildProcessPlugin() {
  return {
    name: 'lazy-child-process',
    resolveId(source, importer) {
      if (isCommandersChildProcess(source, importer)) return LAZY_IN_COMMANDER;
      return undefined;
    },
    load(id) {
      if (id !== LAZY_IN_COMMANDER) return undefined;
      return {
        code: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
        moduleType: 'js',
      };
    },
  };
}

/** Packages that only the interactive screens may load. */
const UI_ONLY = /(^|\/)node_modules\/(ink|react|react-reconciler|scheduler|yoga-layout)\//;

/** Ink or React, or the screens' entry, in the CLI's bundle instead of dist/ui.mjs: a static import reached them. */
function uiOutsideScreens(chunks) {
  return chunks.flatMap((chunk) => {
    const ui = chunk.moduleIds.filter((id) => UI_ONLY.test(id) || UI_SOURCE.test(id));
    return ui.length > 0 ? [`${chunk.fileName}: ${ui.slice(0, 3).join(', ')}`] : [];
  });
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
 * Which sources go into the chunks the commands share: a module whose static imports reach
 * nothing in LAZY (nor an external package). Splitting by sets of commands made a chunk for
 * every such set, and a command loaded 50 to 70 of them (~0.3 ms each); with these two, 10 to
 * 20. A module that reaches a lazy one stays out, so neither makes `get` load the guard or the
 * taxonomy file.
 *
 * Of those modules, what the commonest reads (get, log, status, ls) reach by static imports is one
 * chunk, "shared", and the rest another, "commands": with everything in one chunk, `memoir get`
 * loaded and compiled the use cases, renderers and store code of every command (~290 KB, where
 * it needs ~155 KB). The store and the config are roots too: every command reaches them, but
 * through the context's import() (src/runtime/context.ts). The other reads and the everyday
 * writes each have a chunk of what they reach beyond "shared" ("reads", "writes"), so a merge no
 * longer compiles the code of remotes, forget and capture.
 */
const ENTRY_ONLY = /\/src\/(cli|version|runtime\/compileCache)\.ts$/;
const CORE_ROOTS =
  /\/src\/(commandLine|program|commands\/(get|log|status|ls)|store\/(memory|repository)|config\/load)\.ts$/;
// the other reads (recall and context, an agent's commonest calls; diff, blame, show) get a chunk,
// "reads", of what they reach beyond "shared": through "commands" they loaded every writer's code
const READ_ROOTS = /\/src\/commands\/(recall|context|diff|blame|show)\.ts$/;
// and the everyday writes one, "writes": in "commands" they loaded the code of remotes, forget,
// capture and fsck too (150 KB, where a merge needs 35)
const WRITE_ROOTS = /\/src\/commands\/(add|commit|merge|resolve|rm|revert|checkout|branch|reset|restore|review)\.ts$/;

function sharedChunks() {
  const imports = new Map();
  const light = new Map();
  const core = new Set();
  const reads = new Set();
  const writes = new Set();
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
  const reach = (set, id) => {
    if (set.has(id) || !imports.has(id)) return;
    set.add(id);
    for (const dep of imports.get(id)) reach(set, dep);
  };
  // the entry and the version stay out: `memoir --version` must not load a shared chunk
  const isShared = (id) =>
    (id.includes('/src/') || id.includes('/fastest-levenshtein/')) && !ENTRY_ONLY.test(id) && isLight(id);
  return {
    plugin: {
      name: 'module-graph',
      buildEnd() {
        for (const id of this.getModuleIds()) {
          const info = this.getModuleInfo(id);
          if (info?.code != null) imports.set(id, info.importedIds);
        }
        for (const id of imports.keys()) if (CORE_ROOTS.test(id)) reach(core, id);
        for (const id of imports.keys()) if (READ_ROOTS.test(id)) reach(reads, id);
        for (const id of imports.keys()) if (WRITE_ROOTS.test(id)) reach(writes, id);
      },
    },
    core: (id) => isShared(id) && core.has(id),
    reads: (id) => isShared(id) && !core.has(id) && reads.has(id),
    writes: (id) => isShared(id) && !core.has(id) && !reads.has(id) && writes.has(id),
    rest: (id) => isShared(id) && !core.has(id) && !reads.has(id) && !writes.has(id),
  };
}

/** What the bundles share: the sources' transforms and the build-time constants. */
function common(root, version) {
  return {
    cwd: root,
    platform: 'node',
    transform: {
      target: 'node20',
      jsx: { runtime: 'automatic' },
      // React's production build; without this the bundle carries both builds and, NODE_ENV
      // being unset for most people, runs the slower development one
      define: { MEMOIR_VERSION: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
    },
    logLevel: 'warn',
  };
}

/** What the two CommonJS bundles for Node (the CLI's and the library's) share beside common(). */
function nodeBundle(root, version) {
  return {
    ...common(root, version),
    // yaml is CommonJS with getter exports that bundling loses; it loads lazily from node_modules,
    // only when a config or taxonomy file is read. Ink imports react-devtools-core only when
    // DEV=true (and warns when it is missing); it is not installed.
    external: (source, importer) =>
      (source.startsWith('node:') && !isCommandersChildProcess(source, importer)) ||
      ['typescript', 'yaml', 'react-devtools-core'].includes(source),
    // isomorphic-git's "node" export is its CommonJS build; its ES module build tree-shakes
    // to half the size and loads in half the time.
    resolve: {
      alias: {
        'isomorphic-git/managers': `${root}/node_modules/isomorphic-git/managers/index.js`,
        'isomorphic-git/http/node': `${root}/node_modules/isomorphic-git/http/node/index.js`,
        'isomorphic-git': `${root}/node_modules/isomorphic-git/index.js`,
      },
    },
    onLog(level, log, handler) {
      // a module both imported and import()ed stays where the static import puts it, as intended
      if (log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') handler(level, log);
    },
  };
}

/**
 * The CLI (dist/cli.cjs and dist/chunks/), the library (dist/library.cjs and dist/library-chunks/;
 * the build writes dist/memoir.mjs and dist/memoir.d.ts beside it) and the screens (dist/ui.mjs);
 * returns every chunk written.
 */
export async function bundle({ root, outdir, version, minify }) {
  const shared = sharedChunks();
  const cli = await rolldown({
    ...nodeBundle(root, version),
    input: { cli: `${root}/src/cli.ts` },
    plugins: [screensPlugin(), rootHelpPlugin(), lazyChildProcessPlugin(), dataPlugin(root, outdir), shared.plugin],
    // the entry's own exports stay as they are; the shared chunks may add to what they export
    preserveEntrySignatures: 'allow-extension',
  });
  const { output: cliOutput } = await cli.write({
    dir: outdir,
    format: 'cjs',
    minify,
    sourcemap: true,
    entryFileNames: '[name].cjs',
    chunkFileNames: 'chunks/[name]-[hash].cjs',
    // Node's built-ins and yaml are required, not imported (see screensPlugin)
    dynamicImportInCjs: false,
    codeSplitting: {
      // the shared chunks' modules import only each other: nothing else needs to be pulled in
      includeDependenciesRecursively: false,
      groups: [
        { name: 'screens', test: SCREENS_SOURCE },
        { name: 'shared', test: shared.core },
        { name: 'reads', test: shared.reads },
        { name: 'writes', test: shared.writes },
        { name: 'commands', test: shared.rest },
      ],
    },
  });
  await cli.close();
  const chunks = cliOutput.filter((o) => o.type === 'chunk');
  const misplaced = uiOutsideScreens(chunks);
  if (misplaced.length > 0)
    throw new Error(
      `Ink/React would load outside the interactive screens (import src/ui/index.ts only with a lazy import()):\n  ${misplaced.join('\n  ')}`,
    );

  // The library is a bundle of its own: as one more entry of the CLI's, it split the CLI's chunks
  // by what the two share, and `memoir status` loaded two more files. Its chunks' folder ends in
  // "chunks", so the data and the models are found as the CLI's are (DIST_DIR).
  const library = await rolldown({
    ...nodeBundle(root, version),
    input: { library: `${root}/src/library/index.ts` },
    plugins: [screensPlugin(), dataPlugin(root, outdir)],
  });
  const { output: libraryOutput } = await library.write({
    dir: outdir,
    format: 'cjs',
    minify,
    sourcemap: true,
    entryFileNames: '[name].cjs',
    chunkFileNames: 'library-chunks/[name]-[hash].cjs',
    dynamicImportInCjs: false,
  });
  await library.close();
  const libraryChunks = libraryOutput.filter((o) => o.type === 'chunk');
  const inLibrary = libraryChunks.flatMap((chunk) =>
    chunk.moduleIds.filter((id) => UI_ONLY.test(id) || /\/node_modules\/commander\//.test(id)),
  );
  if (inLibrary.length > 0)
    throw new Error(`the library would load Ink, React or commander:\n  ${inLibrary.slice(0, 5).join('\n  ')}`);

  // Ink and React are bundled: measured, that loads in about a third of the time of resolving them from node_modules
  const ui = await rolldown({
    ...common(root, version),
    input: { ui: `${root}/src/ui/index.ts` },
    external: [/^node:/, 'react-devtools-core'],
  });
  const { output: uiOutput } = await ui.write({
    dir: outdir,
    format: 'es',
    minify,
    sourcemap: true,
    entryFileNames: '[name].mjs',
    // Ink's devtools (which import react-devtools-core, not installed) load only when DEV=true
    chunkFileNames: 'chunks/[name]-[hash].mjs',
  });
  await ui.close();
  return [...chunks, ...libraryChunks, ...uiOutput.filter((o) => o.type === 'chunk')];
}
