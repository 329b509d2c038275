import type { Command } from 'commander';
import { CONFIG_KEYS, findConfigKey } from '../config/schema.js';
import { UsageError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit, type Renderer } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { alignColumns, plainRecord } from '../output/format.js';

export interface ConfigRow {
  key: string;
  value: string | number | boolean | null;
  source: string;
  env: string;
  description: string;
}

export async function runConfig(key: string | undefined, context: Context, command: Command): Promise<ConfigRow[]> {
  if (key && !findConfigKey(key)) throw new UsageError('unknown-config-key', `unknown configuration key "${key}"`, { hint: `known keys: ${CONFIG_KEYS.map((k) => k.key).join(', ')}` });
  const config = await context.config(command);
  return CONFIG_KEYS.filter((spec) => !key || spec.key === key).map((spec) => {
    const entry = config.entries.get(spec.key)!;
    const value = spec.secret && entry.value !== undefined ? '(set)' : entry.value ?? null;
    return { key: spec.key, value, source: entry.source, env: spec.env, description: spec.description };
  });
}

const configRenderer: Renderer<ConfigRow[]> = {
  human: (rows, p) => alignColumns(rows.map((r) => [p.bold(r.key), r.value === null ? p.dim('(unset)') : String(r.value), p.dim(r.source)])).map((l) => l + '\n').join(''),
  plain: (rows) => rows.map((r) => plainRecord([r.key, r.value ?? '', r.source])).join(''),
  json: (rows) => rows,
};

export function register(program: Command, context: Context): void {
  const command = program
    .command('config')
    .description('Show the effective configuration and where each value comes from')
    .argument('[key]', 'show only this key')
    .option('--json', 'print the configuration as JSON')
    .addHelpText('after', `\nKeys:\n${CONFIG_KEYS.map((k) => `  ${k.key.padEnd(20)} ${k.description} (env ${k.env})`).join('\n')}\n\nPrecedence: flags > MEMOIR_* environment > project config (.memoirrc, .memoirrc.json|yaml,\nmemoir.config.js|mjs|cjs, package.json "memoir") > user config ($XDG_CONFIG_HOME/memoir/config.yaml|json).\n`)
    .action(async (key: string | undefined, options: { json?: boolean }, cmd: Command) => {
      emit(context, options, await runConfig(key, context, cmd), configRenderer);
    });
  withExamples(command, [
    ['memoir config', 'every key, its value and its source'],
    ['MEMOIR_LOCK_TIMEOUT=30 memoir config lock.timeout', 'check which value wins'],
  ]);
}
