import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/*
 * V8's code cache for memoir's own bundle. Compiling the ~320 KB of code a command loads took
 * 20–25 ms of every run; from the cache it takes about half that. Node 22 has this built in
 * (module.enableCompileCache, used when present); on Node 20 the bundle's CommonJS chunks are
 * compiled here from the cache, as Node's own loader would compile them otherwise.
 *
 * The cache is code that will run, so it is kept where only this user can write: a directory
 * under the user's cache folder that must be owned by them and closed to others, or no cache is
 * used. Entries are named by the chunk's file name, which holds a hash of its content (see
 * scripts/bundle.mjs), its length and its folder; V8 rejects data made by another V8 or with other flags.
 * Everything here fails quietly: without the cache, memoir only starts slower.
 */

type CompileFn = (this: Module, content: string, filename: string) => unknown;
interface ModuleInternals {
  prototype: { _compile: CompileFn };
  wrap(content: string): string;
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string;
  enableCompileCache?: (dir?: string) => unknown;
}

/** The user's cache folder for this V8 (its code cache fits nothing else), or undefined. */
export function cacheDirectory(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : undefined);
  if (!base || !path.isAbsolute(base)) return undefined;
  return path.join(base, 'memoir', `v8-${process.versions.v8}-${process.arch}`);
}

/**
 * Creates `dir` if need be, and says whether it and its parent are this user's alone: no one
 * else may plant code in it, nor swap it for another folder.
 */
export function isPrivateDirectory(dir: string): boolean {
  try {
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.getuid === undefined) return true; // Windows: the profile's folder is the user's
    return [dir, path.dirname(dir)].every((folder) => {
      const stat = fs.lstatSync(folder);
      return stat.isDirectory() && stat.uid === process.getuid!() && (stat.mode & 0o022) === 0;
    });
  } catch {
    return false;
  }
}

/** From now on, compiles the CommonJS files under `bundleDir` through V8's code cache (see cacheDirectory). */
export function enableCompileCache(bundleDir: string, env: NodeJS.ProcessEnv = process.env): void {
  const dir = cacheDirectory(env);
  if (!dir || env.MEMOIR_NO_COMPILE_CACHE || !isPrivateDirectory(dir)) return;
  const modules = Module as unknown as ModuleInternals;
  if (modules.enableCompileCache) {
    modules.enableCompileCache(dir);
    return;
  }
  const compile = modules.prototype._compile;
  const toWrite: Array<{ file: string; script: vm.Script }> = [];
  modules.prototype._compile = function (this: Module, content: string, filename: string) {
    // code holding an import() goes to Node's loader: on Node 20, import() from code compiled
    // here would need an experimental flag (the bundle keeps it to one small chunk, the screens')
    if (!filename.startsWith(bundleDir + path.sep) || !filename.endsWith('.cjs') || content.includes('import('))
      return compile.call(this, content, filename);
    // the folder is part of the name: V8 keeps the file name the cache was made under, and stack
    // traces of another copy of memoir (a global and a project install) would name that one
    const file = path.join(dir, `${path.basename(filename)}.${content.length}.${folderHash(path.dirname(filename))}`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      // not cached yet
    }
    const script = new vm.Script(modules.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) toWrite.push({ file, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this, modules), this, filename, path.dirname(filename));
  };
  // after the command: the cache then holds the functions it compiled along the way, not only the top level
  process.once('exit', () => {
    if (toWrite.length > 0) pruneOld(dir);
    for (const { file, script } of toWrite) {
      try {
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temporary, file);
      } catch {
        // a full disk or a read-only home: the next run compiles again
      }
    }
  });
}

/** FNV-1a of a folder's path, in hex: short, and cheaper than loading node:crypto for one name. */
function folderHash(folder: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < folder.length; i++) hash = Math.imul(hash ^ folder.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

/** Entries older than this are removed when new ones are written: a rebuild or an upgrade names its chunks anew. */
const KEEP_DAYS = 30;

function pruneOld(dir: string): void {
  const oldest = Date.now() - KEEP_DAYS * 86_400_000;
  try {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (fs.statSync(file).mtimeMs < oldest) fs.rmSync(file, { force: true });
    }
  } catch {
    // another process pruned at the same time
  }
}

/** The `require` a module's code is given, as Node's loader builds it. */
function requireFor(module: Module, modules: ModuleInternals): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  require.resolve = ((request: string, options?: unknown) =>
    modules._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  require.main = process.mainModule;
  require.cache = (Module as unknown as { _cache: NodeJS.Require['cache'] })._cache;
  return require;
}
