/**
 * Why a branch name breaks git's ref-name rules (`git check-ref-format --branch`), or
 * undefined when it is valid.
 * @example branchNameProblem('feature/x') === undefined
 */
export function branchNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (name === 'HEAD') return '"HEAD" is reserved';
  if (name.startsWith('-')) return 'it starts with "-"';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name === '@') return '"@" alone is not allowed';
  if (name.includes('//') || name.startsWith('/') || name.endsWith('/'))
    return 'it has an empty component (a leading, trailing or double "/")';
  if (name.endsWith('.')) return 'it ends with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `the component "${part}" starts with "."`;
    if (part.endsWith('.lock')) return `the component "${part}" ends with ".lock"`;
  }
  return undefined;
}

/**
 * memoir's rule beyond git's: a branch is named by its short name. Git would accept
 * `refs/heads/main` as a branch name and create `refs/heads/refs/heads/main`, a branch no
 * revision can name again (`refs/heads/main` resolves to main itself); `heads/main` is
 * shadowed the same way by `refs/heads/main`. Returns why, and the short name meant when
 * there is one; undefined when the name is not qualified.
 * @example qualifiedBranchName('refs/heads/main') // { problem: '...', meant: 'main' }
 */
export function qualifiedBranchName(name: string): { problem: string; meant?: string } | undefined {
  const heads = /^(?:refs\/)?heads\/(.+)$/.exec(name);
  if (heads) return { problem: `it is a qualified ref name, not a branch name`, meant: heads[1] };
  if (name.startsWith('refs/')) return { problem: 'it starts with "refs/": a branch name is what follows refs/heads/' };
  return undefined;
}

/**
 * Whether a full ref name is one git accepts: a top-level pseudo-ref in capitals (HEAD,
 * ORIG_HEAD) or `refs/…` following git's rules. Anything else, `refs/heads/../../HEAD` above
 * all, is never used as a path: it could name a file outside the refs, or outside the store.
 * @example isRefName('refs/heads/main') === true; isRefName('refs/heads/../../config') === false
 */
export function isRefName(name: string): boolean {
  if (/^[A-Z][A-Z_]*$/.test(name)) return true;
  return name.startsWith('refs/') && branchNameProblem(name) === undefined;
}
