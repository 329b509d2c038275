declare const MEMOIR_VERSION: string;

/** memoir's version, defined at build time (scripts/build.mjs, and vitest.config.ts for tests). */
export const VERSION = typeof MEMOIR_VERSION === 'string' ? MEMOIR_VERSION : '0.0.0-dev';
