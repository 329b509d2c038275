import { distance } from 'fastest-levenshtein';
import { UsageError } from '../errors/index.js';
import { byCodeUnit } from './order.js';

export type Cardinality = 'one' | 'many';

export interface Leaf {
  /** `category.subcategory.type` */
  path: string;
  description: string;
  /** `one`: a newer fact supersedes the older; `many`: facts accumulate. */
  cardinality: Cardinality;
  examples: string[];
}

export interface Taxonomy {
  leaves: Map<string, Leaf>;
  /** Descriptions of categories and subcategories, by dotted path. */
  groups: Map<string, string>;
}

/** What reads need of a leaf: its path and its cardinality. */
export type LeafRef = Pick<Leaf, 'path' | 'cardinality'>;

/**
 * What reads need of a taxonomy: every leaf's path and cardinality, in the taxonomy's order.
 * A Taxonomy is one; the built-in taxonomy also has a compact one made at build time
 * (config/taxonomy.ts, builtinLeafIndex), without the descriptions and examples.
 */
export interface LeafIndex<L extends LeafRef = LeafRef> {
  leaves: ReadonlyMap<string, L>;
}

export interface TaxonomyProblem {
  /** Dotted location of the problem in the file, e.g. `profile.identity.name.cardinality`. */
  at: string;
  line?: number;
  message: string;
}

/** Finds the 1-based line of a key path in the source, when the source has lines. */
export type Locate = (keys: string[]) => number | undefined;

export const SEGMENT = /^[a-z][a-z0-9_]*$/;
const LEAF_KEYS = new Set(['description', 'cardinality', 'examples']);

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a parsed taxonomy document and builds the taxonomy from it. Reports every problem,
 * not just the first: exactly three levels, segment names, descriptions, cardinalities.
 */
export function buildTaxonomy(
  raw: unknown,
  locate: Locate = () => undefined,
): { taxonomy: Taxonomy; problems: TaxonomyProblem[] } {
  const problems: TaxonomyProblem[] = [];
  const leaves = new Map<string, Leaf>();
  const groups = new Map<string, string>();
  const problem = (keys: string[], message: string) =>
    problems.push({ at: keys.join('.') || '(top)', line: locate(keys), message });

  const checkName = (keys: string[]) => {
    const name = keys[keys.length - 1];
    if (!SEGMENT.test(name))
      problem(keys, `"${name}" is not a valid name: use lower case letters, digits and _, starting with a letter`);
  };
  const groupDescription = (keys: string[], node: Record<string, unknown>) => {
    if (node.description === undefined) return;
    if (typeof node.description === 'string') groups.set(keys.join('.'), node.description);
    else problem([...keys, 'description'], 'description must be a string');
  };

  if (!isMapping(raw)) {
    problem([], 'the taxonomy must be a mapping of categories');
    return { taxonomy: { leaves, groups }, problems };
  }
  if (Object.keys(raw).length === 0) problem([], 'the taxonomy has no categories');
  // A group with nothing under it is almost always a leaf that lost its cardinality.
  const children = (node: Record<string, unknown>) => Object.keys(node).filter((key) => key !== 'description');
  for (const [category, catNode] of Object.entries(raw)) {
    const catKeys = [category];
    checkName(catKeys);
    if (!isMapping(catNode)) {
      problem(catKeys, 'a category must be a mapping of subcategories');
      continue;
    }
    if ('cardinality' in catNode) {
      problem(catKeys, 'a leaf must sit at depth 3 (category.subcategory.type), not 1');
      continue;
    }
    groupDescription(catKeys, catNode);
    if (children(catNode).length === 0) problem(catKeys, 'a category must contain at least one subcategory');
    for (const [sub, subNode] of Object.entries(catNode)) {
      if (sub === 'description') continue;
      const subKeys = [category, sub];
      checkName(subKeys);
      if (!isMapping(subNode)) {
        problem(subKeys, 'a subcategory must be a mapping of types');
        continue;
      }
      if ('cardinality' in subNode) {
        problem(subKeys, 'a leaf must sit at depth 3 (category.subcategory.type), not 2');
        continue;
      }
      groupDescription(subKeys, subNode);
      if (children(subNode).length === 0)
        problem(subKeys, 'a subcategory must contain at least one type (a leaf needs a cardinality)');
      for (const [type, leafNode] of Object.entries(subNode)) {
        if (type === 'description') continue;
        const leaf = checkLeaf([category, sub, type], leafNode, problem);
        if (leaf) leaves.set(leaf.path, leaf);
      }
    }
  }
  return { taxonomy: { leaves, groups }, problems: dedupeProblems(problems) };
}

function checkLeaf(
  keys: string[],
  node: unknown,
  problem: (keys: string[], message: string) => void,
): Leaf | undefined {
  if (!SEGMENT.test(keys[2]))
    problem(keys, `"${keys[2]}" is not a valid name: use lower case letters, digits and _, starting with a letter`);
  if (!isMapping(node)) {
    problem(keys, 'a leaf must be a mapping with description and cardinality');
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(node)) {
    if (LEAF_KEYS.has(key)) continue;
    ok = false;
    problem(
      [...keys, key],
      isMapping(node[key])
        ? 'too deep: the taxonomy has exactly three levels'
        : `unknown key "${key}" (allowed: description, cardinality, examples)`,
    );
  }
  if (typeof node.description !== 'string' || node.description.trim() === '') {
    ok = false;
    problem(keys, 'missing description');
  }
  if (node.cardinality !== 'one' && node.cardinality !== 'many') {
    ok = false;
    problem(node.cardinality === undefined ? keys : [...keys, 'cardinality'], 'cardinality must be "one" or "many"');
  }
  const examples = node.examples ?? [];
  if (!Array.isArray(examples) || examples.some((e) => typeof e !== 'string')) {
    ok = false;
    problem([...keys, 'examples'], 'examples must be a list of strings');
  }
  if (!ok) return undefined;
  return {
    path: keys.join('.'),
    description: (node.description as string).trim(),
    cardinality: node.cardinality as Cardinality,
    examples: examples as string[],
  };
}

function dedupeProblems(problems: TaxonomyProblem[]): TaxonomyProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.at + p.message) ? false : (seen.add(p.at + p.message), true)));
}

/** The valid leaves closest to a mistyped path, best first. */
export function suggestLeaves(taxonomy: LeafIndex, path: string, limit = 3): string[] {
  const wanted = path.toLowerCase().replace(/[/\s]+/g, '.');
  const last = wanted.split('.').pop() ?? wanted;
  const scored = [...taxonomy.leaves.keys()].map((candidate) => {
    const candidateLast = candidate.split('.').pop()!;
    let score = distance(wanted, candidate) / Math.max(wanted.length, candidate.length);
    if (candidateLast === last) score -= 0.5;
    else score += (0.5 * distance(last, candidateLast)) / Math.max(last.length, candidateLast.length);
    if (candidate.includes(wanted)) score -= 0.3;
    return { candidate, score };
  });
  return scored
    .sort((a, b) => a.score - b.score || byCodeUnit(a.candidate, b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate);
}

function unknownPath(taxonomy: LeafIndex, path: string, what: string): UsageError {
  const suggestions = suggestLeaves(taxonomy, path);
  return new UsageError('unknown-path', `unknown ${what} "${path}"`, {
    hint: `did you mean ${suggestions.join(', ')}? ("memoir taxonomy" lists them all)`,
    data: { path, suggestions },
  });
}

/** A leaf's cardinality by the taxonomy; a leaf it does not know (an old or foreign file) holds many facts. */
export function cardinalityIn(taxonomy: LeafIndex): (path: string) => Cardinality {
  return (path) => taxonomy.leaves.get(path)?.cardinality ?? 'many';
}

/** The leaf at `path`, or a usage error naming the closest valid leaves. */
export function requireLeaf<L extends LeafRef>(taxonomy: LeafIndex<L>, path: string): L {
  const leaf = taxonomy.leaves.get(path);
  if (!leaf) throw unknownPath(taxonomy, path, 'taxonomy leaf');
  return leaf;
}

/** Checks a path prefix (a category, a subcategory or a leaf) and returns it normalised. */
export function requirePrefix(taxonomy: LeafIndex, prefix: string): string {
  const normal = prefix.replace(/\/+/g, '.').replace(/\.md$/, '').replace(/\.+$/, '');
  // an empty prefix given on purpose (--path "", an unset variable) is a mistake, not "everything"
  if (normal.trim() === '' || leavesUnder(taxonomy, normal).length === 0)
    throw unknownPath(taxonomy, prefix, 'taxonomy path');
  return normal;
}

/** Leaves equal to `prefix` or under it (segment-wise: `pref` does not match `preferences`). */
export function leavesUnder<L extends LeafRef>(taxonomy: LeafIndex<L>, prefix: string | undefined): L[] {
  const all = [...taxonomy.leaves.values()];
  if (!prefix) return all;
  return all.filter((leaf) => leaf.path === prefix || leaf.path.startsWith(prefix + '.'));
}

/** True when `path` is `prefix` itself or lies under it. */
export function isUnder(path: string, prefix: string | undefined): boolean {
  return !prefix || path === prefix || path.startsWith(prefix + '.');
}
