import type { Command } from 'commander';
import { EXIT } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { scanRenderer } from '../output/scan.js';
import { runScan } from '../app/scan.js';

interface Flags {
  all?: boolean;
  forget?: boolean;
  yes?: boolean;
  json?: boolean;
}

export function register(program: Command, context: Context): void {
  const command = program
    .command('scan')
    .description(
      'Run the secret guard over every fact in history, not only the current tree; exit 4 when something is found',
    )
    .option('--all', 'every branch, remote-tracking branch and reflog entry, not only the current branch')
    .option('--forget', 'hand every finding to "memoir forget" (asks first; --yes in scripts)')
    .option('-y, --yes', 'with --forget: do not ask')
    .option('--json', 'print the findings as JSON: {checked, findings: [{commit, path, factId, kind, label}]}')
    .action(async (flags: Flags) => {
      const result = await runScan(flags, context);
      if (!flags.forget || result.findings.length === 0) {
        emit(context, flags, result, scanRenderer);
        if (result.findings.length > 0) context.fail(EXIT.refused);
        return;
      }
      if (!flags.json) context.io.err(scanRenderer.human(result, context.palette('err'), context));
      const ids = [...new Set(result.findings.map((f) => f.factId))];
      const forget = await import('./forget.js');
      await forget.forgetFacts(ids, { yes: flags.yes, json: flags.json }, context);
    });
  withExamples(command, [
    ['memoir scan', "the current branch's history"],
    ['memoir scan --all --json', 'every ref and reflog entry, as JSON (exit 4 when anything is found)'],
    ['memoir scan --forget', 'erase what it finds from all of history, asking first'],
  ]);
}
