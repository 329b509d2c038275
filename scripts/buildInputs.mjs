// A digest of everything dist/ is made from, which the build writes beside the bundle
// (dist/build-inputs.txt) and prepack compares: packing reuses a dist/ built from the same
// sources instead of building it again (half a minute where the trained models are not cached).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The file in dist/ that records the digest of the inputs it was built from. */
export const BUILD_INPUTS_FILE = 'build-inputs.txt';

/** Folders and files whose content the bundle and the trained models depend on. */
const INPUTS = [
  'src',
  'data',
  'scripts/build.mjs',
  'scripts/bundle.mjs',
  'scripts/dataModules.mjs',
  'scripts/buildInputs.mjs',
  'scripts/trainModels.mjs',
  'scripts/notices.mjs',
  'scripts/gitleaks',
  'taxonomy.yaml',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];

function filesUnder(root, relative) {
  const full = path.join(root, relative);
  let entries;
  try {
    entries = readdirSync(full, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOTDIR') return [relative];
    throw error;
  }
  return entries.flatMap((entry) =>
    entry.isDirectory() ? filesUnder(root, path.join(relative, entry.name)) : [path.join(relative, entry.name)],
  );
}

/** The digest of the build's inputs in `root`, and of the one setting that changes its output. */
export function buildInputsKey(root) {
  const hash = createHash('sha256').update(`minify=${!process.env.MEMOIR_NO_MINIFY}\n`);
  for (const file of INPUTS.flatMap((input) => filesUnder(root, input)).sort()) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest('hex');
}
