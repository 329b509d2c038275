// Bundles the CLI with esbuild: one small entry chunk that parses arguments, and lazily
// loaded chunks for the store (isomorphic-git) and config (cosmiconfig), so commands that
// do not need them never pay for loading them. taxonomy.yaml is compiled into the bundle.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

/** `import x from './file.yaml'` becomes the parsed data. */
const yamlPlugin = {
  name: 'yaml',
  setup(b) {
    // JSON.parse of a string literal is faster for V8 than an equally large object literal.
    b.onLoad({ filter: /\.ya?ml$/ }, (args) => ({ contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(parse(readFileSync(args.path, 'utf8'))))});`, loader: 'js' }));
  },
};

/** Validates taxonomy.yaml with memoir's own validator first: a broken file fails the build with its line. */
async function checkTaxonomy() {
  const checker = `${root}/node_modules/.cache/memoir/taxonomy-check.mjs`;
  await build({ entryPoints: [`${root}/src/config/taxonomyFile.ts`], outfile: checker, bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'error' });
  const { parseTaxonomyYaml, formatProblems } = await import(`${checker}?${Date.now()}`);
  const { problems } = parseTaxonomyYaml(readFileSync(`${root}/taxonomy.yaml`, 'utf8'));
  if (problems.length > 0) {
    console.error(formatProblems('taxonomy.yaml', problems));
    process.exit(1);
  }
}

await checkTaxonomy();
// Build beside dist/ and swap it in, so a CLI (or test) running during a rebuild never sees half a bundle.
const staging = `${root}/dist.tmp-${process.pid}`;
await build({
  entryPoints: { cli: `${root}/src/cli.ts` },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: !process.env.MEMOIR_NO_MINIFY,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  define: { MEMOIR_VERSION: JSON.stringify(pkg.version) },
  // isomorphic-git's "node" export is its CommonJS build; its ES module build tree-shakes
  // to half the size and loads in half the time.
  alias: { 'isomorphic-git': `${root}/node_modules/isomorphic-git/index.js` },
  // cosmiconfig and yaml are CommonJS with getter exports that esbuild's interop loses;
  // both load lazily from node_modules, only when a config or taxonomy file is read.
  external: ['typescript', 'cosmiconfig', 'yaml'],
  banner: { js: "import { createRequire as __memoirCreateRequire } from 'node:module'; const require = __memoirCreateRequire(import.meta.url);" },
  plugins: [yamlPlugin],
  logLevel: 'warning',
});
const old = `${root}/dist.old-${process.pid}`;
try {
  renameSync(`${root}/dist`, old);
} catch {
  // first build
}
renameSync(staging, `${root}/dist`);
rmSync(old, { recursive: true, force: true });
