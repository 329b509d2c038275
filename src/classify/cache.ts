import { createHash } from 'node:crypto';
import type { Taxonomy } from '../core/taxonomy.js';
import { readFileIfExists, writeFileAtomicSync } from '../store/atomicFile.js';
import type { Candidate } from './types.js';

/**
 * Remembers what a remote classifier answered, so the same fact under the same model, taxonomy
 * and prompt is never paid for twice. Keys are opaque hashes (see `classificationKey`).
 */
export interface ClassificationCache {
  get(key: string): Candidate[] | undefined;
  set(key: string, candidates: readonly Candidate[]): void;
  /** Persists what changed since the last flush; a no-op for in-memory caches. */
  flush(): void;
}

/** Entries kept before the least recently used are evicted. */
export const CACHE_LIMIT = 5_000;

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** A hash of what the classifier sees of a taxonomy: every leaf's path, description and examples, in order. */
export function taxonomyHash(taxonomy: Taxonomy): string {
  return sha256([...taxonomy.leaves.values()].map((leaf) => [leaf.path, leaf.description, leaf.examples]));
}

/** The cache key of one request: everything that shapes the prompt and who answers it. */
export function classificationKey(parts: {
  text: string;
  model: string;
  endpoint: string;
  taxonomyHash: string;
  corrections: ReadonlyArray<{ text: string; path: string }>;
  count: number;
  promptVersion: number;
  shortlist?: number;
}): string {
  return sha256([
    parts.promptVersion,
    parts.text,
    parts.model,
    parts.endpoint,
    parts.taxonomyHash,
    parts.corrections.map((c) => [c.text, c.path]),
    parts.count,
    parts.shortlist ?? 0,
  ]);
}

const copy = (candidates: readonly Candidate[]): Candidate[] =>
  candidates.map((c) => ({ path: c.path, confidence: c.confidence }));

/** An in-memory least-recently-used cache: for tests, and as the engine of `FileCache`. */
export class MemoryCache implements ClassificationCache {
  protected readonly entries = new Map<string, Candidate[]>();

  constructor(protected readonly limit = CACHE_LIMIT) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Candidate[] | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Map order is insertion order: re-inserting makes this entry the most recently used.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return copy(hit);
  }

  set(key: string, candidates: readonly Candidate[]): void {
    this.entries.delete(key);
    this.entries.set(key, copy(candidates));
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
  }

  flush(): void {}
}

interface CacheFile {
  version: 1;
  /** Oldest first: `[key, [[path, confidence], ...]]`. */
  entries: Array<[string, Array<[string, number]>]>;
}

/**
 * A cache kept in one JSON file, read on first use and written atomically on `flush`. It is an
 * optimisation only: an unreadable or corrupt file counts as empty, and a failed write is ignored.
 */
export class FileCache extends MemoryCache {
  private loaded = false;
  private dirty = false;

  constructor(
    private readonly file: string,
    limit = CACHE_LIMIT,
  ) {
    super(limit);
  }

  override get(key: string): Candidate[] | undefined {
    this.load();
    return super.get(key);
  }

  override set(key: string, candidates: readonly Candidate[]): void {
    this.load();
    super.set(key, candidates);
    this.dirty = true;
  }

  override flush(): void {
    if (!this.dirty) return;
    const data: CacheFile = {
      version: 1,
      entries: [...this.entries].map(([key, candidates]) => [
        key,
        candidates.map((c) => [c.path, c.confidence] as [string, number]),
      ]),
    };
    try {
      writeFileAtomicSync(this.file, JSON.stringify(data) + '\n');
      this.dirty = false;
    } catch {
      // a read-only or full disk costs the next run a request, nothing more
    }
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    let data: Partial<CacheFile> | undefined;
    try {
      data = JSON.parse(readFileIfExists(this.file) ?? 'null') as Partial<CacheFile> | undefined;
    } catch {
      return;
    }
    if (data?.version !== 1 || !Array.isArray(data.entries)) return;
    for (const entry of data.entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) continue;
      const candidates = entry[1]
        .filter((c) => Array.isArray(c) && typeof c[0] === 'string' && typeof c[1] === 'number')
        .map(([path, confidence]) => ({ path, confidence }));
      super.set(entry[0], candidates);
    }
  }
}
