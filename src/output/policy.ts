import type { PolicyAuditResult, PolicyCheckResult, PolicySetResult, PolicyShowResult } from '../app/policy.js';
import { alignColumns } from './format.js';
import type { Rule } from '../core/policy.js';
import type { Renderer } from '../runtime/emit.js';
import { plainRecord, plural, shortOid } from './format.js';

/** A rule in one line: its kind and what it says. */
export function describeRule(rule: Rule): { kind: string; says: string } {
  const on = (branches?: string[]) => (branches ? ` on ${branches.join(', ')}` : '');
  if ('protect' in rule)
    return { kind: 'protect', says: `${rule.protect.branches.join(', ')}: by merge only, never rewritten or deleted` };
  if ('review' in rule)
    return {
      kind: 'review',
      says: `${rule.review.paths.join(', ')}: a person reviews each fact${rule.review.minConfidence === undefined || rule.review.minConfidence >= 1 ? '' : ` (or the classifier's confidence ≥ ${rule.review.minConfidence})`}${on(rule.review.branches)}`,
    };
  if ('deny' in rule)
    return {
      kind: 'deny',
      says:
        [
          rule.deny.paths ? `no facts under ${rule.deny.paths.join(', ')}` : '',
          rule.deny.patterns ? `${plural(rule.deny.patterns.length, 'forbidden pattern')}` : '',
        ]
          .filter(Boolean)
          .join('; ') + on(rule.deny.branches),
    };
  if ('limits' in rule) {
    const l = rule.limits;
    const parts = [
      l.maxFactsPerLeaf !== undefined ? `≤ ${l.maxFactsPerLeaf} facts a leaf` : '',
      l.maxFactLength !== undefined ? `≤ ${l.maxFactLength} characters a fact` : '',
      l.maxFactsPerCommit !== undefined ? `≤ ${l.maxFactsPerCommit} facts a commit` : '',
    ].filter(Boolean);
    return {
      kind: 'limits',
      says: `${parts.join(', ')}${l.paths ? ` under ${l.paths.join(', ')}` : ''}${on(l.branches)}`,
    };
  }
  if ('retention' in rule)
    return { kind: 'retention', says: `${rule.retention.paths.join(', ')}: expire after ${rule.retention.after}` };
  return { kind: 'signing', says: `${rule.signing.branches.join(', ')}: signed by ${rule.signing.allowedSigners}` };
}

export const policyRenderer: Renderer<PolicyShowResult> = {
  human(result, p) {
    if (!result.policy) return 'no policy: this memory has no policy.yaml ("memoir policy set FILE" adds one)\n';
    const rows = result.policy.rules.map((rule) => {
      const { kind, says } = describeRule(rule);
      return [p.path(rule.name), kind, `${says}${rule.overridable ? p.dim('  (overridable)') : ''}`];
    });
    return `${p.dim(`policy.yaml at ${shortOid(result.commit!)}: ${plural(rows.length, 'rule')}`)}\n${alignColumns(rows).join('\n')}\n`;
  },
  plain: (result) =>
    (result.policy?.rules ?? [])
      .map((rule) => {
        const { kind, says } = describeRule(rule);
        return plainRecord([rule.name, kind, says, rule.overridable ? 'overridable' : '']);
      })
      .join(''),
  json: (result) => ({ commit: result.commit ?? null, rules: result.policy?.rules ?? [] }),
};

export const policyCheckRenderer: Renderer<PolicyCheckResult> = {
  human: (r) =>
    r.problems.length === 0
      ? `${r.file}: valid (${plural(r.rules, 'rule')})\n`
      : r.problems.map((q) => `${r.file}:${q.line}:${q.column}: ${q.message}\n`).join(''),
  plain: (r) => r.problems.map((q) => plainRecord([r.file, String(q.line), String(q.column), q.message])).join(''),
  json: (r) => ({ file: r.file, valid: r.problems.length === 0, rules: r.rules, problems: r.problems }),
};

export const policySetRenderer: Renderer<PolicySetResult> = {
  human: (r) => `[${r.branch ?? 'HEAD'} ${shortOid(r.commit)}] policy.yaml: ${plural(r.rules, 'rule')}\n`,
  plain: (r) => plainRecord([r.commit, r.branch ?? '', String(r.rules)]),
  json: (r) => r,
};

export const policyAuditRenderer: Renderer<PolicyAuditResult> = {
  human(r, p) {
    if (r.policyAt === undefined) return 'no policy: nothing to audit against (this memory has no policy.yaml)\n';
    const summary = `${plural(r.findings.length, 'violation')} in ${plural(r.checked, 'commit')} checked against policy.yaml at ${shortOid(r.policyAt)}\n`;
    if (r.findings.length === 0) return summary;
    const rows = r.findings.map((f) => [p.id(shortOid(f.commit)), p.path(f.rule), f.message]);
    return `${alignColumns(rows).join('\n')}\n${summary}`;
  },
  plain: (r) =>
    r.findings.map((f) => plainRecord([f.commit, f.rule, f.fact?.id ?? '', f.fact?.path ?? '', f.message])).join(''),
  json: (r) => ({ policyAt: r.policyAt ?? null, checked: r.checked, findings: r.findings }),
};
