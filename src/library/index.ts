import type * as api from './api.js';
import { openLibraryMemory } from './memory.js';
import { withMemory as wrapClient } from './withMemory.js';

/*
 * `import { openMemory, withMemory } from 'memoir'`: the library's entry (dist/library.cjs, and
 * dist/memoir.mjs for ES modules). Its types are src/library/api.ts, shipped as dist/memoir.d.ts;
 * here each function is held to its declaration there.
 */

export const openMemory: typeof api.openMemory = openLibraryMemory;
export const withMemory: typeof api.withMemory = wrapClient;
export { MemoryTimeoutError } from './withMemory.js';
export { MemoirError } from '../errors/index.js';
