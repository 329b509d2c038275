import type { Deps } from './deps.js';
import type { ReflogEntry } from '../store/refs.js';
import { UsageError } from '../errors/index.js';
import { fullRefName, readReflog, symbolicHead } from '../store/refs.js';
import { parseCount } from '../core/count.js';

/** What `memoir reflog` found: the result its renderers read. */
export interface ReflogResult {
  /** The short name the entries are shown with: `main`, or `HEAD` when detached. */
  name: string;
  entries: ReflogEntry[];
}

/** Where a branch has pointed, newest first: every commit, reset and merge that moved it. */
export async function runReflog(
  ref: string | undefined,
  options: { maxCount?: string },
  context: Deps,
): Promise<ReflogResult> {
  const limit = parseCount(options.maxCount, '-n');
  const memory = await context.memory();
  const full = ref === undefined ? (symbolicHead(memory.gitdir) ?? 'HEAD') : fullRefName(memory.gitdir, ref);
  if (!full)
    throw new UsageError('unknown-ref', `no branch or ref named "${ref}"`, {
      hint: '"memoir reflog" shows the current branch\'s',
    });
  const entries = readReflog(memory.gitdir, full);
  return {
    name: full.replace(/^refs\/(heads\/)?/, ''),
    entries: limit === undefined ? entries : entries.slice(0, limit),
  };
}
