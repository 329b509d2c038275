/**
 * Runs before every test file: the tests see the environment of a person's terminal whatever
 * machine runs them. Ink decides once, when first loaded, whether it runs under CI (and then draws
 * only the last frame), and with shared modules the first file to load it decides for the rest;
 * memoir's own CI checks (no prompt, no progress line) are tested with an explicit `CI` instead.
 */
for (const name of Object.keys(process.env))
  if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) delete process.env[name];
