import type { Memory } from '../store/memory.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { displayUrl } from '../core/remoteUrl.js';
import { listRemotes } from '../store/gitConfig.js';

/*
 * The values a shell completes from the repository and the taxonomy. Every source answers
 * nothing rather than fail: a completion never prints an error into the shell (outside a
 * repository, the repository's sources are empty).
 */

/** One candidate: the word, and what the shells that show descriptions (zsh, fish) show beside it. */
export interface Candidate {
  value: string;
  description?: string;
}

/** What an argument or an option value is, named after its placeholder in the commander definitions. */
export type ValueKind =
  | 'leaf'
  | 'prefix'
  | 'rev'
  | 'rev-or-prefix'
  | 'fact'
  | 'staged'
  | 'queued'
  | 'conflict'
  | 'remote';

/** Placeholder names (`<leaf>`, `[prefix]`, `--at <rev>`) and what they take: a new command with one of them completes at once. */
export const KIND_OF_PLACEHOLDER: Readonly<Record<string, ValueKind>> = {
  leaf: 'leaf',
  path: 'prefix',
  prefix: 'prefix',
  rev: 'rev',
  branch: 'rev',
  'branch-or-rev': 'rev',
  'rev-or-path': 'rev-or-prefix', // log and diff: revisions first, then paths
  args: 'rev', // branch -d/-m <name>, or the start of a new branch
  target: 'fact',
  id: 'queued',
  conflict: 'conflict',
  remote: 'remote', // remote remove|set-url|rename <remote>
};

export interface Sources {
  taxonomy(): Promise<Taxonomy | undefined>;
  memory(): Promise<Memory | undefined>;
}

/** A description on one line, without a control character (it is repository data). */
export const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').slice(0, 60);

async function quietly<T>(fn: () => Promise<T[]>): Promise<T[]> {
  try {
    return await fn();
  } catch {
    return [];
  }
}

export function valuesOf(kind: ValueKind, sources: Sources): Promise<Candidate[]> {
  return quietly(async () => {
    switch (kind) {
      case 'leaf':
      case 'prefix': {
        const taxonomy = await sources.taxonomy();
        if (!taxonomy) return [];
        const leaves = [...taxonomy.leaves.values()].map((l) => ({
          value: l.path,
          description: oneLine(l.description),
        }));
        if (kind === 'leaf') return leaves;
        const groups = [...taxonomy.groups].map(([path, description]) => ({
          value: path,
          description: oneLine(description),
        }));
        return [...groups, ...leaves];
      }
      case 'rev': {
        const memory = await sources.memory();
        if (!memory) return [];
        const refs = [...memory.branches(), ...memory.remoteBranches()];
        return [{ value: 'HEAD' }, ...refs.map((ref) => ({ value: ref.name }))];
      }
      case 'rev-or-prefix':
        return [...(await valuesOf('rev', sources)), ...(await valuesOf('prefix', sources))];
      case 'fact': {
        const memory = await sources.memory();
        if (!memory) return [];
        const head = await memory.head();
        const facts = head.oid ? await memory.readAll(head.oid) : [];
        return [...facts, ...memory.readStage().ops.map((o) => o.fact)].map((f) => ({
          value: f.id,
          description: oneLine(`${f.path}: ${f.text}`),
        }));
      }
      case 'staged': {
        const memory = await sources.memory();
        return memory
          ? memory.readStage().ops.map((o) => ({ value: o.fact.id, description: oneLine(o.fact.text) }))
          : [];
      }
      case 'queued': {
        const memory = await sources.memory();
        return memory ? memory.readReviewQueue().items.map((i) => ({ value: i.id, description: oneLine(i.text) })) : [];
      }
      case 'conflict': {
        const memory = await sources.memory();
        const conflicts = memory?.readMerge()?.conflicts ?? [];
        return conflicts.map((c) => ({ value: c.id, description: oneLine(c.path) }));
      }
      case 'remote': {
        const memory = await sources.memory();
        const remotes = memory ? await listRemotes(memory.gitdir) : [];
        return remotes.map((r) => ({ value: r.name, description: oneLine(displayUrl(r.url)) }));
      }
    }
  });
}
