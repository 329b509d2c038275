import type { Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { QUIET_FLAGS, QUIET_HELP } from '../output/say.js';
import { reportRemoval } from '../output/rm.js';
import { reportForget } from '../output/forget.js';
import { json, plural } from '../output/format.js';
import { type GcOptions, runGc } from '../app/gc.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('gc')
    .description(
      'Pack the store: loose objects and packfiles into one pack; with --expired, remove the facts past the retention policy.yaml sets',
    )
    .option('--expired', 'the facts past their retention (the only kind of clean-up so far)')
    .option('--forget', 'erase them from all of history with a receipt (asks first; --yes in scripts)')
    .option('-y, --yes', 'with --forget: do not ask')
    .option('-n, --dry-run', 'show what would be removed without writing anything')
    .option(QUIET_FLAGS, QUIET_HELP)
    .option('--json', 'print the result as JSON')
    .action(async (options: GcOptions & { json?: boolean; quiet?: boolean }) => {
      const { askInTerminal } = await import('./forget.js');
      const ask = context.io.canPrompt && !options.json ? askInTerminal(context) : undefined;
      const result = await runGc(options, context, ask);
      if (result.kind === 'packed') {
        if (options.json)
          context.io.out(json({ packed: result.count, foldedPacks: result.packs, pack: result.pack ?? null }));
        else if (!options.quiet) context.io.out(packedLine(result));
      } else if (result.kind === 'none') {
        if (options.json) context.io.out(json({ expired: 0 }));
        else if (!options.quiet) context.io.err('no facts are past their retention\n');
      } else if (result.kind === 'staged') reportRemoval(context, options, result.removal);
      else reportForget(context, options, result.forget);
    });
  withExamples(command, [
    ['memoir gc', 'pack the loose objects and the packs into one: history walks and reads get faster'],
    [
      'memoir gc --expired && memoir commit -m "Retention"',
      'take expired facts out of the memory (history keeps them)',
    ],
    ['memoir gc --expired --forget --yes', 'erase them from all of history, with a receipt'],
  ]);
}

/** `Packed 40 loose objects and 3 packs into pack-…`, or that there was nothing to pack. */
function packedLine(result: { count: number; packs: number; pack?: string }): string {
  if (!result.pack) return 'Nothing to pack\n';
  const what = [
    result.count > 0 && plural(result.count, 'loose object'),
    result.packs > 0 && plural(result.packs, 'pack'),
  ].filter(Boolean);
  return `Packed ${what.join(' and ')} into ${result.pack}\n`;
}
