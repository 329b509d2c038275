import type { Command } from 'commander';
import { isFactIdPrefix } from '../core/fact.js';
import { unstage, type StagedOp } from '../core/stage.js';
import { UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { factJson } from '../output/facts.js';
import { json, plural } from '../output/format.js';

export async function runReset(id: string | undefined, context: Context, command: Command): Promise<StagedOp[]> {
  if (id !== undefined && !isFactIdPrefix(id)) throw new UsageError('invalid-id', `"${id}" is not a fact id`, { hint: 'fact ids are hex digits; "memoir status" lists the staged ones' });
  const memory = await context.memory(command);
  return context.locked(command, memory, async () => {
    const before = memory.readStage();
    if (id !== undefined) {
      const ids = new Set(before.ops.filter((o) => o.fact.id.startsWith(id)).map((o) => o.fact.id));
      if (ids.size === 0) throw new UsageError('not-staged', `nothing staged for fact ${id}`, { hint: '"memoir status" lists what is staged' });
      if (ids.size > 1) throw new UsageError('ambiguous-id', `fact id "${id}" is ambiguous: ${[...ids].join(', ')}`, { hint: 'give more digits' });
    }
    const { stage, removed } = unstage(before, id);
    memory.writeStage(stage);
    return removed;
  });
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('reset')
    .description('Unstage facts: one by id, or everything')
    .argument('[fact-id]', 'the staged fact to unstage (all when omitted)')
    .option('--json', 'print the unstaged operations as JSON')
    .action(async (id: string | undefined, options: { json?: boolean }, cmd: Command) => {
      const removed = await runReset(id, context, cmd);
      if (options.json) context.io.out(json({ unstaged: removed.map((o) => ({ op: o.op, ...factJson(o.fact) })) }));
      else context.io.err(removed.length === 0 ? 'nothing was staged\n' : `unstaged ${plural(removed.length, 'change')}\n`);
    });
  withExamples(command, [
    ['memoir reset', 'unstage everything'],
    ['memoir reset 3fa2c91b', 'unstage one fact'],
  ]);
}
