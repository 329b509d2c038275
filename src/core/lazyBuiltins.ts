import { createRequire } from 'node:module';

/*
 * Node built-ins that take milliseconds to load, loaded on first use rather than with the
 * module that names them. Measured on this project's 2-core machine: node:crypto 6–12 ms (it
 * loads some twenty internal modules), node:child_process 5–11 ms and node:net 4–9 ms (sockets
 * and streams): more than `memoir get` spends on its own work, and a read hashes nothing, spawns
 * nothing and opens no socket.
 */

const requireBuiltin = createRequire(import.meta.url);
let crypto: typeof import('node:crypto') | undefined;
let childProcess: typeof import('node:child_process') | undefined;
let net: typeof import('node:net') | undefined;

export const nodeCrypto = (): typeof import('node:crypto') => (crypto ??= requireBuiltin('node:crypto'));
export const nodeChildProcess = (): typeof import('node:child_process') =>
  (childProcess ??= requireBuiltin('node:child_process'));
export const nodeNet = (): typeof import('node:net') => (net ??= requireBuiltin('node:net'));

/** node:crypto's createHash. */
export const createHash = (algorithm: string): import('node:crypto').Hash => nodeCrypto().createHash(algorithm);
