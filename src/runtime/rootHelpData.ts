import type { RootHelpEntry } from './rootHelp.js';

/**
 * The root help's command list as the build wrote it (dist/data/root-help.json), or undefined
 * where there is none: the bundle replaces this module with one that reads the file
 * (scripts/bundle.mjs); run from the sources, the commands' own definitions list themselves.
 */
export const rootHelpData = (): readonly RootHelpEntry[] | undefined => undefined;
