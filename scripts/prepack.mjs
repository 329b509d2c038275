// Runs before `npm pack` and `npm publish`: the package ships dist/, which a fresh clone does
// not have. Builds it unless dist/ was built from exactly the sources being packed (a build
// takes seconds, or half a minute where it trains the classifier's models), then checks that
// every file the package's bin and runtime load is there.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILD_INPUTS_FILE, buildInputsKey } from './buildInputs.mjs';
import { NOTICES_FILE, thirdPartyNotices } from './notices.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function builtFrom() {
  try {
    return readFileSync(`${root}/dist/${BUILD_INPUTS_FILE}`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

if (builtFrom() === buildInputsKey(root)) {
  console.error('prepack: dist/ is built from these sources; packing it as it is');
} else {
  // the build's own output goes to stderr: `npm pack --json` keeps stdout for its report
  execFileSync(process.execPath, [`${root}/scripts/build.mjs`], { cwd: root, stdio: ['ignore', 2, 2] });
}

// the notices must name every package whose code the bundle holds
if (readFileSync(`${root}/${NOTICES_FILE}`, 'utf8') !== thirdPartyNotices(root)) {
  console.error(`prepack: ${NOTICES_FILE} is out of date with the bundle; run "npm run notices" and commit it`);
  process.exit(1);
}

const needed = [
  'dist/cli.cjs',
  'dist/ui.mjs',
  'dist/offline-model.json',
  'dist/linear-model.json',
  'dist/calibration.json',
  'dist/embeddings-index.bin',
  'data/embeddings/vectors.bin',
  'data/embeddings/words.txt',
  'LICENSE',
];
const missing = needed.filter((file) => !existsSync(`${root}/${file}`));
if (missing.length > 0) {
  console.error(`prepack: the package would lack ${missing.join(', ')}; run "npm run build"`);
  process.exit(1);
}
