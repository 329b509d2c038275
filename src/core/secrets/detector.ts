import type { Hits, SecretKind } from './finding.js';

/** One of memoir's own detectors: a pattern and a test of what it matched. */
export interface Detector {
  kind: SecretKind;
  /** memoir's name for it, reported as the finding's ruleId */
  id: string;
  label: string;
  /** Flags must include `g` and `d`. The secret is named group `s` or `qs` (quoted), else the whole match. */
  pattern: RegExp;
  /**
   * What any text the pattern matches contains (a literal it requires): the pattern is skipped,
   * and never compiled, for a text without it, which is most facts (compiling memoir's patterns
   * took a third of a short command's screen).
   */
  needs: RegExp;
  accept?(secret: string, m: RegExpExecArray): boolean;
}

/** Runs detectors over the text, in order: an earlier detector's finding wins a stretch of text. */
export function runDetectors(detectors: readonly Detector[], text: string, hits: Hits): void {
  for (const d of detectors) {
    if (!d.needs.test(text)) continue;
    for (const m of text.matchAll(d.pattern)) {
      const g = m.indices?.groups;
      const [start, end] = g?.s ?? g?.qs ?? m.indices?.[0] ?? [m.index, m.index + m[0].length];
      if (hits.covers(start, end)) continue;
      if (d.accept && !d.accept(text.slice(start, end), m)) continue;
      hits.add({ kind: d.kind, label: d.label, ruleId: d.id, index: start, end });
    }
  }
}

/** Token-shaped secret: not glued to other token characters on either side. */
export const tok = (body: string): RegExp => new RegExp(String.raw`(?<![\w-])(?:${body})(?![\w-])`, 'gd');
