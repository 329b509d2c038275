import type { FsckFinding, FsckResult } from '../app/fsck.js';
import type { Renderer } from '../runtime/emit.js';
import { plainRecord } from './format.js';

/** Errors always; notes when --verbose asked for them. */
const shown = (result: FsckResult): FsckFinding[] =>
  result.findings.filter((f) => f.severity === 'error' || result.verbose);

const state = (f: FsckFinding) => (f.fixed ? 'fixed' : f.fixable ? 'fixable' : '');

export const fsckRenderer: Renderer<FsckResult> = {
  human: (result, p) =>
    shown(result)
      .map(
        (f) =>
          `${(f.severity === 'error' ? p.error : p.dim)(f.severity)} ${p.path(f.where)}: ${f.message} ${p.dim(`(${f.kind}${state(f) ? `, ${state(f)}` : ''})`)}\n`,
      )
      .join(''),
  plain: (result) =>
    shown(result)
      .map((f) => plainRecord([f.severity, f.kind, f.where, state(f), f.message]))
      .join(''),
  json: (result) => ({
    clean: !result.findings.some((f) => f.severity === 'error' && !f.fixed),
    commit: result.commit ?? null,
    findings: result.findings.map((f) => ({
      kind: f.kind,
      severity: f.severity,
      where: f.where,
      message: f.message,
      fixable: f.fixable,
      fixed: Boolean(f.fixed),
    })),
  }),
};
