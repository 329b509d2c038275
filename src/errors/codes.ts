/*
 * Every error `code` memoir reports, with the exit code it comes with and what it means. The codes
 * are part of the `--json` contract for scripts (`{"code": ..., "message": ...}` on stderr), so
 * they are a closed set: an error built with a code missing here does not type-check, and
 * `memoir help exit-codes --json` lists this table.
 */

/** The names of the exit codes in EXIT that an error can carry (success carries none). */
export type ExitName = 'failure' | 'usage' | 'conflict' | 'refused' | 'classifier' | 'cancelled';

export const ERROR_CODES = {
  // exit 1: the command could not do what was asked
  'branch-exists': { exit: 'failure', description: 'a branch of that name already exists' },
  'branch-not-merged': { exit: 'failure', description: 'branch -d of a branch not merged into HEAD (use -D)' },
  'broken-ref': { exit: 'failure', description: 'a ref file is empty or does not name a commit' },
  'cannot-create-repository': { exit: 'failure', description: 'init could not create the repository directory' },
  'cannot-write': { exit: 'failure', description: 'a file inside the repository could not be written' },
  'corrupt-head': { exit: 'failure', description: 'HEAD does not point at a valid branch ref' },
  'corrupt-merge-state': { exit: 'failure', description: 'the merge-in-progress state file is unreadable or invalid' },
  'corrupt-object': { exit: 'failure', description: 'a git object of the repository is corrupt' },
  'corrupt-consolidate-state': {
    exit: 'failure',
    description: 'the record of rejected consolidation proposals is unreadable or invalid',
  },
  'corrupt-review-queue': { exit: 'failure', description: 'the review queue file is unreadable or invalid' },
  'corrupt-stage': { exit: 'failure', description: 'the stage file is unreadable or invalid' },
  'current-branch': { exit: 'failure', description: 'the branch to delete is the one checked out' },
  'depth-unsupported': { exit: 'failure', description: 'clone --depth from a remote that serves no shallow histories' },
  'detached-head': { exit: 'failure', description: 'a commit was asked for while HEAD is detached (name a branch)' },
  'git-not-installed': { exit: 'failure', description: 'an SSH remote needs the system git, which is not on the PATH' },
  'editor-failed': { exit: 'failure', description: 'the editor policy edit ran exited with an error' },
  'forget-alternates': {
    exit: 'failure',
    description: 'forget in a store that borrows objects from another (objects/info/alternates)',
  },
  'forget-changed': { exit: 'failure', description: 'the memory changed while the forget plan was on screen' },
  'forget-staged': { exit: 'failure', description: 'staged changes hold a fact being forgotten (unstage them)' },
  'signing-key-unreadable': {
    exit: 'failure',
    description: 'the signing key (user.signingKey) cannot be read or used',
  },
  'no-signing-key': { exit: 'failure', description: 'commit -S or commit.sign without user.signingKey' },
  'internal-error': { exit: 'failure', description: 'a bug in memoir: please report it' },
  'invalid-policy': { exit: 'failure', description: 'policy.yaml in the tree does not parse or fit its schema' },
  'invalid-builtin-taxonomy': { exit: 'failure', description: 'the taxonomy built into memoir is invalid (a bug)' },
  'lock-timeout': { exit: 'failure', description: 'another writer held the repository lock past lock.timeout' },
  'merge-changed': { exit: 'failure', description: 'the merge in progress changed while its conflicts were on screen' },
  'merge-head-moved': { exit: 'failure', description: 'the branch moved since the merge started' },
  'merge-in-progress': { exit: 'failure', description: 'a merge is in progress: continue or abort it first' },
  'no-merge': { exit: 'failure', description: '--continue, --abort or resolve with no merge in progress' },
  'not-fast-forward': { exit: 'failure', description: 'merge --ff-only where the histories have diverged' },
  'nothing-remembered': { exit: 'failure', description: 'memoir_remember staged nothing' },
  'nothing-to-commit': { exit: 'failure', description: 'no staged change is left to commit' },
  'nothing-to-revert': { exit: 'failure', description: "the commit's changes are already undone" },
  'object-not-found': { exit: 'failure', description: 'a git object the repository refers to is missing' },
  'push-rejected': {
    exit: 'failure',
    description: "a push that would drop the remote's commits, or one the remote refused",
  },
  'remote-auth-failed': {
    exit: 'failure',
    description: 'the remote refused the credentials, or needed some and none were found',
  },
  'remote-error': { exit: 'failure', description: 'the remote answered with an HTTP error' },
  'remote-not-found': { exit: 'failure', description: 'there is no repository at the remote URL' },
  'remote-not-git': { exit: 'failure', description: 'the remote URL does not answer as a git server' },
  'remote-transfer-failed': {
    exit: 'failure',
    description: 'a fetch or push was cut off or garbled; nothing changed locally',
  },
  'remote-unreachable': { exit: 'failure', description: 'the remote could not be reached (down, DNS, network)' },
  'stale-lease': {
    exit: 'failure',
    description: 'push --force-with-lease where the remote moved since the last fetch',
  },
  'remote-exists': { exit: 'failure', description: 'a remote of that name already exists' },
  'stage-would-be-lost': { exit: 'failure', description: 'checkout would drop staged changes that do not apply there' },
  'unrelated-histories': {
    exit: 'failure',
    description: 'merge or pull of a history that shares no commit (use --allow-unrelated-histories)',
  },

  // exit 2: bad flag or argument, unknown path or revision, not a repository
  'ambiguous-id': { exit: 'usage', description: 'an abbreviated id matches more than one fact, conflict or item' },
  'ambiguous-leaf': { exit: 'usage', description: 'resolve --text named a leaf with several conflicts' },
  'ambiguous-revision': { exit: 'usage', description: 'an abbreviated commit id matches more than one object' },
  'binary-input': { exit: 'usage', description: 'the input is binary or not UTF-8 text' },
  'cannot-prompt': { exit: 'usage', description: 'an interactive step needs a terminal; the hint names the flag' },
  'choose-one': { exit: 'usage', description: 'resolve needs exactly one of --ours, --theirs, --both, --text' },
  'conflicting-input': { exit: 'usage', description: 'facts given both as arguments and with --file' },
  'conflicting-options': { exit: 'usage', description: 'two options that exclude each other were given' },
  'control-character': { exit: 'usage', description: 'the text holds a control character' },
  'credential-in-url': {
    exit: 'usage',
    description: 'a remote URL carries a password or token: it would be stored in clear',
  },
  'duplicate-id': { exit: 'usage', description: 'a fact id is held at several leaves: name the leaf' },
  empty: { exit: 'usage', description: 'the fact is empty' },
  'empty-conversation': { exit: 'usage', description: 'capture input holds no conversation turns' },
  'empty-leaf': { exit: 'usage', description: 'the leaf holds no facts' },
  'invalid-argument': { exit: 'usage', description: "an MCP tool's arguments do not fit its input schema" },
  'invalid-author': { exit: 'usage', description: 'the --author value is not "Name <email>"' },
  'invalid-branch-name': { exit: 'usage', description: "a branch name breaks git's ref-name rules" },
  'invalid-config': { exit: 'usage', description: 'a config file, variable or flag has an unknown key or a bad value' },
  'invalid-conversation': {
    exit: 'usage',
    description: 'capture input does not parse: bad JSON, a message that is no object, a bad date',
  },
  'invalid-count': { exit: 'usage', description: '-k, -n or a similar count is not a positive whole number' },
  'invalid-date': { exit: 'usage', description: 'a date option is not a date' },
  'invalid-decision': { exit: 'usage', description: 'a conflict decision does not fit that conflict' },
  'invalid-env': { exit: 'usage', description: 'an environment variable (MEMOIR_NOW) has a bad value' },
  'invalid-format': { exit: 'usage', description: 'context --format is not markdown or json' },
  'invalid-id': { exit: 'usage', description: 'the argument is not a fact id' },
  'invalid-line': { exit: 'usage', description: 'an input line is not a fact (bad JSONL, unreadable)' },
  'invalid-mainline': { exit: 'usage', description: 'revert --mainline names a parent the commit lacks' },
  'invalid-min-score': { exit: 'usage', description: 'recall --min-score is not a number from 0 to 1' },
  'invalid-ref': { exit: 'usage', description: 'not a valid ref name' },
  'invalid-policy-file': { exit: 'usage', description: 'a policy file given to policy set or check breaks the schema' },
  'invalid-regex': { exit: 'usage', description: 'forget --match --regex is not a valid regular expression' },
  'invalid-remote-name': { exit: 'usage', description: 'a remote name breaks git\'s ref-name rules or holds a "/"' },
  'invalid-remote-url': {
    exit: 'usage',
    description: 'not a URL memoir can use as a remote (https, ssh, a local path)',
  },
  'invalid-rerank': { exit: 'usage', description: 'recall --rerank is not llm or none' },
  'invalid-strategy': { exit: 'usage', description: 'an unknown --strategy' },
  'invalid-taxonomy': { exit: 'usage', description: 'the taxonomy file named by the "taxonomy" setting is invalid' },
  'invalid-validity': { exit: 'usage', description: '--valid-from is after --valid-until' },
  'missing-argument': { exit: 'usage', description: 'a required argument is missing' },
  'missing-conversation': { exit: 'usage', description: 'capture was given no conversation (a file, or - for stdin)' },
  'missing-fact': { exit: 'usage', description: 'no fact was given' },
  'invalid-capture-id': { exit: 'usage', description: 'capture --id is not letters, digits, ".", "-" and "_"' },
  'invalid-speaker': { exit: 'usage', description: 'capture --speaker holds no name' },
  'missing-path': { exit: 'usage', description: 'no taxonomy leaf was given for a fact that needs one' },
  'missing-question': { exit: 'usage', description: 'recall or context --query was given no question' },
  'missing-revision': { exit: 'usage', description: 'reset --hard was given no commit' },
  'missing-source': { exit: 'usage', description: 'restore was given no --source' },
  'needs-commit': { exit: 'usage', description: 'an option that applies only with --commit' },
  'needs-hard': { exit: 'usage', description: 'an option that applies only with reset --hard' },
  'needs-query': { exit: 'usage', description: 'an option that applies only with context --query' },
  'no-commits': { exit: 'usage', description: 'the branch has no commits yet' },
  'no-project-config': { exit: 'usage', description: 'config trust found no project config file' },
  'no-upstream': {
    exit: 'usage',
    description: 'the branch has no upstream and none was named (set one with branch --set-upstream-to)',
  },
  'not-a-directory': { exit: 'usage', description: 'init: the path is, or goes through, a file' },
  'not-a-repository': { exit: 'usage', description: 'no memoir repository here (or where --memoir-dir points)' },
  'not-in-review': { exit: 'usage', description: 'no item with that id waits for review' },
  'not-staged': { exit: 'usage', description: 'nothing is staged for that fact' },
  'path-needs-accept': { exit: 'usage', description: 'review --path applies only with --accept ID' },
  'repository-exists': { exit: 'usage', description: 'clone into a folder that already holds a memoir repository' },
  'revert-merge': { exit: 'usage', description: 'reverting a merge commit needs --mainline' },
  'staged-fact': { exit: 'usage', description: 'rm of a fact that is staged, not committed' },
  'stdin-unavailable': { exit: 'usage', description: 'an MCP tool asked for stdin, which carries the protocol' },
  'taxonomy-too-large': { exit: 'usage', description: 'the taxonomy file is larger than 1 MiB' },
  'too-long': { exit: 'usage', description: 'the fact is longer than memoir accepts' },
  'too-many-revisions': { exit: 'usage', description: 'diff was given more than two revisions' },
  'nothing-to-forget': { exit: 'usage', description: 'forget --leaf or --match names no fact in history' },
  'unknown-branch': { exit: 'usage', description: 'no branch of that name' },
  'unknown-config-key': { exit: 'usage', description: 'not a configuration key memoir knows' },
  'unknown-conflict': { exit: 'usage', description: 'no conflict with that id or leaf in the merge' },
  'unknown-fact': { exit: 'usage', description: 'no fact with that id on the branch (for forget: in history)' },
  'unknown-help-topic': { exit: 'usage', description: 'help for something that is neither a command nor a topic' },
  'unknown-path': { exit: 'usage', description: 'not a leaf (or group) of the taxonomy' },
  'unknown-receipt': { exit: 'usage', description: 'forget --verify names no receipt of the forget log' },
  'unknown-ref': { exit: 'usage', description: 'no branch or ref of that name' },
  'unknown-remote': { exit: 'usage', description: 'no remote of that name' },
  'unknown-revision': { exit: 'usage', description: 'the revision names no commit' },
  'unknown-revision-or-path': {
    exit: 'usage',
    description: 'a word of log or diff names neither a commit nor a taxonomy path',
  },
  'unknown-tool': { exit: 'usage', description: 'an MCP call named no tool memoir has' },
  'unknown-upstream': {
    exit: 'usage',
    description: 'branch --set-upstream-to names no remote-tracking branch (fetch it first)',
  },
  'unreadable-file': { exit: 'usage', description: 'the --file (or the file named) could not be read' },
  'unreadable-taxonomy': { exit: 'usage', description: 'the taxonomy file could not be read' },
  'unsupported-range': { exit: 'usage', description: 'a three-dot range' },
  'upstream-gone': {
    exit: 'usage',
    description: "the branch's upstream has no remote-tracking ref (not fetched, or deleted on the remote)",
  },
  usage: { exit: 'usage', description: 'a bad command line: unknown option, missing or extra argument' },
  'wrong-object-type': { exit: 'usage', description: 'the revision names a git object of another type' },

  // exit 3: a conflict left unresolved
  'revert-conflict': { exit: 'conflict', description: 'later commits changed facts the revert would undo' },
  'union-impossible': { exit: 'conflict', description: 'merge --strategy union cannot keep two values of a one leaf' },
  'unresolved-conflicts': { exit: 'conflict', description: 'merge --continue with conflicts still unsettled' },

  // exit 4: refused by a guard
  'confirmation-required': {
    exit: 'refused',
    description: 'forget rewrites history: --yes is needed where nobody can be asked',
  },
  'force-required': { exit: 'refused', description: 'the operation discards work: --force is needed' },
  'forgotten-in-merge': {
    exit: 'refused',
    description: 'a pull, fetch or merge would bring back a fact a forget erased',
  },
  'leaf-not-utf8': { exit: 'refused', description: 'a leaf file is not UTF-8: memoir will not rewrite it' },
  'outside-repository': { exit: 'refused', description: 'a write would land outside the repository' },
  'policy-violation': { exit: 'refused', description: 'a change breaks a rule of policy.yaml' },
  'secret-detected': { exit: 'refused', description: 'the text holds a credential; nothing was stored' },
  'secret-in-merge': { exit: 'refused', description: 'a commit to merge or cherry-pick adds a credential' },
  'symlink-in-repository': { exit: 'refused', description: 'a write would go through a symbolic link' },
  'unknown-leaf-in-merge': {
    exit: 'refused',
    description: 'a commit to merge adds facts at leaves the taxonomy lacks',
  },

  // exit 5: the classifier
  'classifier-auth': { exit: 'classifier', description: 'the classifier endpoint rejected the API key' },
  'classifier-bad-response': { exit: 'classifier', description: 'the model answered with no usable classification' },
  'classifier-no-key': { exit: 'classifier', description: 'classifier.provider is openai but no API key is set' },
  'classifier-rejected': { exit: 'classifier', description: 'the endpoint refused the request (unknown model, ...)' },
  'classifier-unavailable': { exit: 'classifier', description: 'the endpoint could not be reached in time' },
  'reranker-unavailable': { exit: 'classifier', description: 'recall --rerank llm with no model configured' },

  // exit 130: the user stopped
  cancelled: { exit: 'cancelled', description: 'the user aborted a review screen' },
} as const satisfies Record<string, { exit: ExitName; description: string }>;

/** Every error code memoir reports. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes that come with one exit code: `CodeOf<'usage'>` is what a UsageError may carry. */
export type CodeOf<E extends ExitName> = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C]['exit'] extends E ? C : never;
}[ErrorCode];
