import type { Command } from 'commander';

/** `--override-policy --reason "..."`: the options of every command that commits past policy.yaml's overridable rules. */
export function withPolicyOverride(command: Command): Command {
  return command
    .option('--override-policy', 'go past the overridable rules of policy.yaml this change breaks (needs --reason)')
    .option('--reason <text>', 'why, recorded in the commit as a Memoir-Policy-Override trailer');
}
