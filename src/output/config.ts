import type { ConfigReport } from '../app/config.js';
import type { TrustResult } from '../app/trust.js';
import type { Renderer } from '../runtime/emit.js';
import { alignColumns, plainRecord } from './format.js';

const TRUST_WORDS = { trusted: 'trusted', changed: 'changed since you trusted it', untrusted: 'not trusted' } as const;

export const configRenderer: Renderer<ConfigReport> = {
  human: (report, p) => {
    const rows = alignColumns(
      report.rows.map((r) => [
        p.bold(r.key),
        r.value === null ? p.dim('(unset)') : String(r.value),
        p.dim(r.source) + (r.refusedFrom ? p.error(`  (ignored from ${r.refusedFrom})`) : ''),
      ]),
    );
    const footer = [
      report.destination === 'offline'
        ? 'facts: classified offline; nothing leaves this machine'
        : `facts: sent to ${report.destination} to be classified`,
      ...(report.project ? [`project config: ${report.project.file} (${TRUST_WORDS[report.project.trust]})`] : []),
      ...report.ignored.map((file) => `ignored: ${file} (memoir never runs code from a folder)`),
    ];
    return [...rows, '', ...footer.map((line) => p.dim(line))].map((l) => l + '\n').join('');
  },
  plain: (report) =>
    report.rows.map((r) => plainRecord([r.key, r.value ?? '', r.source, r.refusedFrom ?? ''])).join(''),
  json: (report) => report.rows,
};

export const trustRenderer: Renderer<TrustResult> = {
  human: (r, p) => {
    if (r.action === 'untrusted') return `no longer trusted: ${r.file}\n`;
    if (r.keys.length === 0) return `was not trusted: ${r.file}\n`;
    const head = r.action === 'trusted' ? `${p.added('trusted')} ${r.file}` : `already trusted as it is: ${r.file}`;
    return `${head}\n${p.dim(`it may set ${r.keys.join(', ')} until it changes`)}\n`;
  },
  plain: (r) => plainRecord([r.action, r.file, r.sha256]),
  json: (r) => r,
};
