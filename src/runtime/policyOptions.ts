import type { Command } from 'commander';

/** `--override-policy --reason "..."`: the options of every command that commits past policy.yaml's overridable rules. */
export function withPolicyOverride(command: Command): Command {
  return command
    .option('--override-policy', 'go past the overridable rules of policy.yaml this change breaks (needs --reason)')
    .option('--reason <text>', 'why, recorded in the commit as a Memoir-Policy-Override trailer');
}

/** `-S, --gpg-sign`: git's flag for a signed commit (an SSH signature with user.signingKey). */
export function withSigning(command: Command): Command {
  return command.option(
    '-S, --gpg-sign',
    'sign the commit with user.signingKey (an SSH signature, as git with gpg.format=ssh)',
  );
}
