import type { Deps } from './deps.js';
import { requirePrefix } from '../core/taxonomy.js';
import { UsageError } from '../errors/index.js';
import { blameFacts, type Attribution } from '../store/history.js';

export interface BlameResult {
  prefix: string;
  commit?: string;
  attributions: Attribution[];
}

/** Each current fact under a path with the commit that introduced it and its provenance. */
export async function runBlame(prefix: string, options: { at?: string }, context: Deps): Promise<BlameResult> {
  const path = requirePrefix(await context.leafIndex(), prefix);
  const memory = await context.memory();
  const commit = options.at !== undefined ? await memory.resolve(options.at) : (await memory.head()).oid;
  if (!commit)
    throw new UsageError('no-commits', 'there are no commits yet', {
      hint: 'commit facts with "memoir add <fact> --path <leaf> --commit"',
    });
  return { prefix: path, commit, attributions: await blameFacts(memory, commit, path) };
}
