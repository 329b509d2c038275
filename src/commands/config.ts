import type { Command } from 'commander';
import { checkConfigKey, configReport } from '../app/config.js';
import { USER_ONLY_KEYS, trustFolder, untrustFolder } from '../app/trust.js';
import { CONFIG_KEYS } from '../config/schema.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { configRenderer, trustRenderer } from '../output/config.js';

const PRECEDENCE = `
Precedence: flags > MEMOIR_* environment > project config > user config ($XDG_CONFIG_HOME/memoir/config.yaml|json).
A project config is data, found upward from the current directory to the project root (package.json, .git or
.memoir): .memoirrc (YAML or JSON), .memoirrc.json|yaml|yml, .config/memoirrc[.json|yaml|yml], or a "memoir" key in
package.json. JavaScript and TypeScript configs are never run. A project file may not set ${USER_ONLY_KEYS.join(', ')}
(where facts and credentials go, who commits are by) unless you trust it with "memoir config trust".
`;

export function register(program: Command, context: Context): void {
  const command = program
    .command('config')
    .description("Show the effective configuration and where each value comes from; trust a project's config file")
    .argument('[key]', 'show only this key')
    .option('--json', 'print the configuration as JSON')
    .addHelpText(
      'after',
      `\nKeys:\n${CONFIG_KEYS.map((k) => `  ${k.key.padEnd(20)} ${k.description} (env ${k.env})`).join('\n')}\n${PRECEDENCE}`,
    )
    .action(async (key: string | undefined, options: { json?: boolean }) => {
      checkConfigKey(key);
      emit(context, options, configReport(key, await context.config(), context.env), configRenderer);
    });
  const trust = command
    .command('trust')
    .description('Let the project config that applies in DIR choose where facts and credentials go, as the file is now')
    .argument('[dir]', 'a folder of the project (default: the current directory)')
    .option('--json', 'print the result as JSON')
    .action((dir: string | undefined) => {
      emit(context, context.globals, trustFolder(dir ?? context.cwd, context.env, context.now()), trustRenderer);
    });
  const untrust = command
    .command('untrust')
    .description('Take back the trust given to the project config that applies in DIR')
    .argument('[dir]', 'a folder of the project (default: the current directory)')
    .option('--json', 'print the result as JSON')
    .action((dir: string | undefined) => {
      emit(context, context.globals, untrustFolder(dir ?? context.cwd, context.env), trustRenderer);
    });
  withExamples(trust, [
    ['memoir config trust', 'after reading .memoirrc.yaml: let it set classifier.baseURL for this project'],
  ]);
  withExamples(untrust, [['memoir config untrust ~/src/app', "stop honouring that project's endpoint settings"]]);
  withExamples(command, [
    ['memoir config', 'every key, its value and its source, and where facts go'],
    ['MEMOIR_LOCK_TIMEOUT=30 memoir config lock.timeout', 'check which value wins'],
    ['memoir config trust', "trust this project's config file as it is now"],
  ]);
}
