import { Argument, type Command } from 'commander';
import type { Context } from '../runtime/context.js';
import { withExamples } from '../runtime/examples.js';
import { COMPLETION_SCRIPTS, SHELLS, type Shell } from '../completion/scripts.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('completion')
    .description(
      'Print the shell completion script: commands, flags, taxonomy leaves, branch names and fact ids complete on Tab',
    )
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action((shell: Shell) => context.io.out(COMPLETION_SCRIPTS[shell]));
  withExamples(command, [
    ["echo 'source <(memoir completion bash)' >> ~/.bashrc", 'bash: complete in every new shell'],
    ["echo 'source <(memoir completion zsh)' >> ~/.zshrc", 'zsh (after compinit)'],
    ['memoir completion fish > ~/.config/fish/completions/memoir.fish', 'fish'],
  ]);
}
