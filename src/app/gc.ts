import { stageRemove } from '../core/stage.js';
import { UsageError } from '../errors/index.js';
import type { Deps } from './deps.js';
import { type ConfirmForget, type ForgetResult, runForget } from './forget.js';
import { expiredAt } from './policyGate.js';
import type { RmResult } from './rm.js';

/*
 * `memoir gc`: the loose objects (and the packs, when there are several) packed into one
 * packfile (nothing dropped). `memoir gc
 * --expired`: the facts past the retention policy.yaml sets, staged for removal (a commit then
 * takes them out of the tree; history keeps them), or with --forget erased from all of history
 * with a receipt.
 */

export interface GcOptions {
  expired?: boolean;
  forget?: boolean;
  yes?: boolean;
  dryRun?: boolean;
}

export type GcResult =
  | { kind: 'packed'; count: number; packs: number; pack?: string }
  | { kind: 'staged'; rules: string[]; removal: RmResult }
  | { kind: 'forgotten'; rules: string[]; forget: ForgetResult }
  | { kind: 'none' };

export async function runGc(options: GcOptions, deps: Deps, confirm?: ConfirmForget): Promise<GcResult> {
  const memory = await deps.memory();
  if (!options.expired) {
    if (options.forget) throw new UsageError('usage', '--forget goes with --expired: memoir gc --expired --forget');
    // the store's housekeeping: loose objects into one pack, which reads far faster
    if (options.dryRun) return { kind: 'packed', count: 0, packs: 0 };
    return deps.locked(memory, async () => ({ kind: 'packed' as const, ...(await memory.packLoose()) }));
  }
  const expired = await expiredAt(memory, (await memory.head()).oid, deps.now());
  if (expired.length === 0) return { kind: 'none' };
  const rules = [...new Set(expired.map((e) => e.rule))];
  if (options.forget) {
    const ids = [...new Set(expired.map((e) => e.fact.id))];
    const reason = `retention: ${rules.join(', ')}`;
    return {
      kind: 'forgotten',
      rules,
      forget: await runForget(ids, { yes: options.yes, dryRun: options.dryRun, reason }, deps, confirm),
    };
  }
  const stageIt = async () => {
    const { stage, staged, already } = stageRemove(
      memory.readStage(),
      expired.map((e) => e.fact),
    );
    if (!options.dryRun) memory.writeStage(stage);
    return { kind: 'staged' as const, rules, removal: { staged, already, dryRun: Boolean(options.dryRun) } };
  };
  return options.dryRun ? stageIt() : deps.locked(memory, stageIt);
}
