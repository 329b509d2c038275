import type { Command } from 'commander';
import { EXIT, MemoirError } from '../errors/index.js';
import type { Context } from '../runtime/context.js';
import { emit } from '../runtime/emit.js';
import { withExamples } from '../runtime/examples.js';
import { withPolicyOverride, withSigning } from '../runtime/policyOptions.js';
import { policyAuditRenderer, policyCheckRenderer, policyRenderer, policySetRenderer } from '../output/policy.js';
import {
  type PolicySetOptions,
  runPolicyAudit,
  runPolicyCheck,
  runPolicyEdit,
  runPolicySet,
  runPolicyShow,
} from '../app/policy.js';

export function register(program: Command, context: Context): void {
  const command = program
    .command('policy')
    .description('Show the rules of policy.yaml in force on this branch; check or commit a policy file')
    .option('--json', 'print the rules as JSON')
    .action(async (options: { json?: boolean }) =>
      emit(context, options, await runPolicyShow(context), policyRenderer),
    );
  const check = command
    .command('check')
    .description('Validate a policy file against the schema, every problem with its line and column (exit 2)')
    .argument('<file>', 'a policy.yaml file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string) => {
      const result = await runPolicyCheck(file);
      emit(context, context.globals, result, policyCheckRenderer);
      if (result.problems.length > 0) context.fail(EXIT.usage);
    });
  const set = committing(
    command
      .command('set')
      .description("Validate a policy file and commit it as the branch's policy.yaml (judged by the rules in force)")
      .argument('<file>', 'the new policy.yaml'),
  );
  set.action(async (file: string, options: PolicySetOptions) =>
    emit(context, context.globals, await runPolicySet(file, options, context), policySetRenderer),
  );
  const audit = command
    .command('audit')
    .description('Check history against the rules in force: which commits break which rule (exit 4 when any does)')
    .argument('[range]', 'a revision or a range A..B (default: the whole history of HEAD)')
    .option('--json', 'print the findings as JSON')
    .action(async (range: string | undefined) => {
      const result = await runPolicyAudit(range, context);
      emit(context, context.globals, result, policyAuditRenderer);
      if (result.findings.length > 0) context.fail(EXIT.refused);
    });
  const edit = committing(
    command
      .command('edit')
      .description("Open $VISUAL or $EDITOR on the branch's policy.yaml, then check and commit what was saved"),
  );
  edit.action(async (options: PolicySetOptions) => {
    const result = await runPolicyEdit(options, context, (file) => runEditor(context.env, file));
    if (result.kind === 'unchanged') context.io.err('policy.yaml unchanged: nothing committed\n');
    else emit(context, context.globals, result, policySetRenderer);
  });
  withExamples(audit, [
    ['memoir policy audit', 'the whole history of this branch'],
    ['memoir policy audit origin/main..HEAD --json', 'what a pull request of memory would bring, in CI'],
  ]);
  withExamples(check, [['memoir policy check policy.yaml', 'validate before committing it']]);
  withExamples(set, [
    ['memoir policy set policy.yaml -b policy-update', 'propose a new policy on a branch, then merge it'],
  ]);
  withExamples(command, [
    ['memoir policy', 'the rules in force'],
    ['memoir policy check policy.yaml', 'every problem of a file, with line and column'],
    ['memoir policy set policy.yaml', 'commit a new policy (a protected branch takes it by merge)'],
    ['memoir policy audit', 'which commits of history break the rules'],
    ['memoir log policy.yaml', 'who changed the rules, and when'],
  ]);
}

/** The person's editor on a file, as git runs it: `$VISUAL`, else `$EDITOR`, else vi, through the shell. */
async function runEditor(env: NodeJS.ProcessEnv, file: string): Promise<void> {
  const editor = env.VISUAL || env.EDITOR || 'vi';
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync('sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit', env });
  if (result.status !== 0)
    throw new MemoirError(
      'editor-failed',
      `the editor (${editor}) exited with ${result.status ?? result.signal}: nothing committed`,
      {
        hint: `what you saved is in ${file}; "memoir policy set ${file}" commits it`,
      },
    );
}

/** The options of the subcommands that commit a policy (set, edit). */
function committing(command: Command): Command {
  return withSigning(
    withPolicyOverride(
      command
        .option('-m, --message <msg>', 'commit message (default: "Set policy: N rules")')
        .option('-b, --branch <name>', 'commit to this branch without switching to it')
        .option('--json', 'print the result as JSON'),
    ),
  );
}
