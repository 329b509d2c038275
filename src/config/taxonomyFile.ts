import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { buildTaxonomy, type Taxonomy, type TaxonomyProblem } from '../core/taxonomy.js';

/**
 * Parses a taxonomy YAML file and validates it, reporting every problem with its line:
 * YAML syntax errors, duplicate keys, wrong depth, bad names, missing descriptions or
 * cardinalities.
 */
export function parseTaxonomyYaml(text: string): { taxonomy: Taxonomy; problems: TaxonomyProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const syntax: TaxonomyProblem[] = doc.errors.map((e) => ({
    at: '(yaml)',
    line: lineCounter.linePos(e.pos[0]).line,
    message:
      e.code === 'DUPLICATE_KEY' ? 'duplicate key: a name appears twice at the same level' : e.message.split('\n')[0],
  }));
  if (syntax.length > 0) return { taxonomy: { leaves: new Map(), groups: new Map() }, problems: syntax };

  const locate = (keys: string[]): number | undefined => {
    let node: Node | null | undefined = doc.contents as Node | null;
    let line: number | undefined = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    for (const key of keys) {
      if (!isMap(node)) break;
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (keyNode.range) line = lineCounter.linePos(keyNode.range[0]).line;
      node = pair.value as Node | null;
    }
    return line ?? 1; // an empty document: point at its first line rather than at "?"
  };
  let data: unknown;
  try {
    // the yaml package stops at its alias limit (100) rather than expand a "billion laughs" document
    data = doc.toJS();
  } catch (error) {
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? 'too many aliases (*name): they would expand without bound'
        : `cannot be read: ${(error as Error).message}`;
    return { taxonomy: { leaves: new Map(), groups: new Map() }, problems: [{ at: '(yaml)', line: 1, message }] };
  }
  return buildTaxonomy(data, locate);
}

/** `file:LINE: at: message` lines, as compilers print them. */
export function formatProblems(file: string, problems: readonly TaxonomyProblem[]): string {
  return problems.map((p) => `${file}:${p.line ?? '?'}: ${p.at}: ${p.message}`).join('\n');
}
