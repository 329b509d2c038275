import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classificationKey, FileCache, MemoryCache, taxonomyHash } from '../../src/classify/cache.js';
import { smallTaxonomy } from './helpers.js';

const theme = [{ path: 'preferences.ui.theme', confidence: 0.9 }];
const font = [{ path: 'preferences.ui.font', confidence: 0.5 }];

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memoir-cache-'));
  file = path.join(dir, 'state', 'classify-cache.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('MemoryCache', () => {
  it('returns copies, so callers cannot change what is cached', () => {
    const cache = new MemoryCache();
    cache.set('k', theme);
    cache.get('k')![0].confidence = 0;
    expect(cache.get('k')).toEqual(theme);
    expect(cache.get('missing')).toBeUndefined();
  });

  it('evicts the least recently used beyond its limit', () => {
    const cache = new MemoryCache(2);
    cache.set('a', theme);
    cache.set('b', theme);
    cache.get('a'); // a is now newer than b
    cache.set('c', font);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([theme, undefined, font]);
    expect(cache.size).toBe(2);
  });
});

describe('FileCache', () => {
  it('persists on flush, creating its directory, and loads lazily', () => {
    const cache = new FileCache(file);
    cache.set('a', theme);
    expect(fs.existsSync(file)).toBe(false);
    cache.flush();
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      entries: [['a', [['preferences.ui.theme', 0.9]]]],
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['classify-cache.json']); // no temporary file left behind
    expect(new FileCache(file).get('a')).toEqual(theme);
  });

  it('does not write when nothing changed', () => {
    new FileCache(file).flush();
    const cache = new FileCache(file);
    cache.set('a', theme);
    cache.flush();
    const before = fs.statSync(file).mtimeMs;
    fs.utimesSync(file, 0, 0);
    const reader = new FileCache(file);
    reader.get('a');
    reader.flush();
    expect(fs.statSync(file).mtimeMs).toBe(0);
    expect(before).toBeGreaterThan(0);
  });

  it('keeps at most its limit, oldest out first', () => {
    const cache = new FileCache(file, 2);
    for (const key of ['a', 'b', 'c']) cache.set(key, theme);
    cache.flush();
    const entries = JSON.parse(fs.readFileSync(file, 'utf8')).entries.map((e: [string]) => e[0]);
    expect(entries).toEqual(['b', 'c']);
  });

  it.each([
    ['garbage', 'not json{'],
    ['another version', '{"version":2,"entries":[]}'],
    ['bad entries', '{"version":1,"entries":[1,["k",[["p","high"]]],["ok",[["preferences.ui.theme",0.9]]]]}'],
  ])('treats %s as empty (or skips the bad entries) and rewrites the file', (_, content) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    const cache = new FileCache(file);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', font);
    cache.flush();
    expect(new FileCache(file).get('a')).toEqual(font);
  });

  it('ignores a file it cannot write', () => {
    fs.mkdirSync(file, { recursive: true }); // a directory where the file should be
    const cache = new FileCache(file);
    cache.set('a', theme);
    expect(() => cache.flush()).not.toThrow();
    expect(cache.get('a')).toEqual(theme);
  });
});

describe('keys', () => {
  const base = {
    text: 'I like dark mode',
    model: 'm',
    endpoint: 'http://x/v1',
    taxonomyHash: taxonomyHash(smallTaxonomy()),
    corrections: [],
    count: 3,
    promptVersion: 1,
  };
  it('change with every part of the request', () => {
    const key = classificationKey(base);
    expect(classificationKey({ ...base })).toBe(key);
    for (const change of [
      { text: 'I like light mode' },
      { model: 'n' },
      { endpoint: 'http://y/v1' },
      { count: 5 },
      { promptVersion: 2 },
      { corrections: [{ text: 't', path: 'p' }] },
      { taxonomyHash: taxonomyHash(smallTaxonomy((raw) => raw.preferences.ui.theme.examples.push('more'))) },
    ]) {
      expect(classificationKey({ ...base, ...change })).not.toBe(key);
    }
  });
});
