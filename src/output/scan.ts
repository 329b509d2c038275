import type { ScanResult } from '../app/scan.js';
import type { Renderer } from '../runtime/emit.js';
import { alignColumns, plainRecord, plural, shortOid } from './format.js';

/** What scan found: commit, leaf, fact id and kind; never the secret. */
export const scanRenderer: Renderer<ScanResult> = {
  human(result, p) {
    const scope = `${plural(result.checked.facts, 'fact')} written by ${plural(result.checked.commits, 'commit')} checked`;
    if (result.findings.length === 0) return `no secrets in history (${scope})\n`;
    const rows = result.findings.map((f) => [p.id(shortOid(f.commit)), p.path(f.path), f.factId, f.label]);
    return (
      `${alignColumns(rows).join('\n')}\n` +
      `${plural(result.findings.length, 'secret')} in history (${scope}); "memoir scan --forget" erases them\n`
    );
  },
  plain: (result) => result.findings.map((f) => plainRecord([f.commit, f.path, f.factId, f.kind])).join(''),
  json: (result) => ({
    checked: result.checked,
    findings: result.findings.map(({ commit, path, factId, kind, label }) => ({ commit, path, factId, kind, label })),
  }),
};
