import { EMPTY_TREE, type GitStore, type TreeEntry } from './git.js';
import { objectId, treeContent } from './looseObjects.js';

/*
 * History rewritten object by object, as `git filter-repo` does, for `forget`: every commit
 * reachable from the tips is read parents first; its tree is rebuilt with the blobs the edit
 * changes (trees memoised by path and id, so a subtree shared by 200 commits is rebuilt once);
 * its message edited and the commit ids it quotes mapped to their new ids; its parents mapped.
 * A commit that comes out byte for byte the same keeps its id, so history above the first
 * change is untouched. Nothing is written: the new objects come back for the caller to pack.
 */

export interface RawObject {
  type: string;
  content: Buffer;
}

export interface HistoryEdit {
  /** A blob's new content at a path (`preferences/ui/theme.md`): undefined, unchanged; null, the entry goes. */
  blob(path: string, content: Buffer): Buffer | null | undefined;
  /** A commit's or annotated tag's new message. */
  message(text: string): string;
}

export interface RewrittenHistory {
  /** Every commit read, to its new id: the same when untouched; a dropped commit's stands for the one that replaces it. */
  commits: Map<string, string>;
  /** The commits that only changed what the edit removed, left out (their children now follow their parent). */
  dropped: Set<string>;
  /** Annotated tags rewritten, old id to new. */
  tags: Map<string, string>;
  /** The objects the rewrite made, by id. */
  objects: Map<string, RawObject>;
}

/** Rewrites the history of `tips` (commits or annotated tags) with `edit`; nothing is written. */
export async function rewriteHistory(
  git: GitStore,
  tips: readonly string[],
  edit: HistoryEdit,
): Promise<RewrittenHistory> {
  const result: RewrittenHistory = { commits: new Map(), dropped: new Set(), tags: new Map(), objects: new Map() };
  const trees = new Map<string, string>();
  const blobs = new Map<string, string | null>();
  const treeOf = new Map<string, string>();
  const shallow = git.shallowCommits();

  const put = (type: string, content: Buffer): string => {
    const oid = objectId(type, content);
    result.objects.set(oid, { type, content });
    return oid;
  };

  const rewriteBlob = async (path: string, oid: string): Promise<string | null> => {
    const key = `${path}\0${oid}`;
    const known = blobs.get(key);
    if (known !== undefined) return known;
    const edited = edit.blob(path, (await git.readObject(oid)).content);
    const answer = edited === undefined ? oid : edited === null ? null : put('blob', edited);
    blobs.set(key, answer);
    return answer;
  };

  const rewriteTree = async (oid: string, dir: string): Promise<string> => {
    const key = `${dir}\0${oid}`;
    const known = trees.get(key);
    if (known !== undefined) return known;
    const entries: TreeEntry[] = [];
    let changed = false;
    for (const entry of await git.readTree(oid)) {
      const path = dir ? `${dir}/${entry.path}` : entry.path;
      let next: string | null = entry.oid;
      if (entry.type === 'tree') next = await rewriteTree(entry.oid, path);
      else if (entry.type === 'blob' && entry.mode !== '120000') next = await rewriteBlob(path, entry.oid);
      // a tree left empty goes, as git stores no empty directory
      if (next === null || next === EMPTY_TREE) {
        changed = true;
        continue;
      }
      if (next !== entry.oid) changed = true;
      entries.push(next === entry.oid ? entry : { ...entry, oid: next });
    }
    const answer = !changed ? oid : entries.length === 0 ? EMPTY_TREE : put('tree', treeContent(entries));
    trees.set(key, answer);
    return answer;
  };

  const mapIds = (text: string) =>
    text.replace(/\b[0-9a-f]{40}\b/g, (oid) => result.commits.get(oid) ?? result.tags.get(oid) ?? oid);

  const commits = await commitsParentsFirst(git, await peeled(git, tips), shallow);
  for (const oid of commits) {
    const { headers, parents, tree, message } = splitCommit((await git.readObject(oid)).content);
    const newParents = [...new Set(parents.map((p) => result.commits.get(p) ?? p))];
    const newTree = await rewriteTree(tree, '');
    const parentTree = async (p: string) => treeOf.get(p) ?? (await git.readCommit(p)).tree;
    // a commit that only changed what the edit removed has nothing left to say; a root, or a
    // merge that still joins two lines of history, stays
    const known = async (p: string) => result.objects.has(p) || (await git.hasObject(p));
    if (newParents.length === 1 && parents.length >= 1 && (await known(newParents[0]))) {
      const wasEmpty = parents.length === 1 && (await parentTree(parents[0])) === tree;
      if (!wasEmpty && (await parentTree(newParents[0])) === newTree) {
        result.commits.set(oid, newParents[0]);
        result.dropped.add(oid);
        continue;
      }
    }
    const newMessage = mapIds(edit.message(message));
    const same = newTree === tree && newMessage === message && sameList(newParents, parents);
    if (same) {
      result.commits.set(oid, oid);
      treeOf.set(oid, tree);
      continue;
    }
    if (newTree === EMPTY_TREE) result.objects.set(EMPTY_TREE, { type: 'tree', content: Buffer.alloc(0) });
    const head = [`tree ${newTree}`, ...newParents.map((p) => `parent ${p}`), ...headers].join('\n');
    const rewritten = put('commit', Buffer.from(`${head}\n\n${newMessage}`, 'utf8'));
    result.commits.set(oid, rewritten);
    treeOf.set(rewritten, newTree);
  }
  for (const tip of tips) await rewriteTag(git, tip, result, edit, put);
  return result;
}

/** The new id of what a ref names: a commit, an annotated tag, or anything else (kept). */
export function rewrittenId(history: RewrittenHistory, oid: string): string {
  return history.commits.get(oid) ?? history.tags.get(oid) ?? oid;
}

/** An annotated tag pointing (perhaps through other tags) at a rewritten commit, rewritten with it. */
async function rewriteTag(
  git: GitStore,
  oid: string,
  result: RewrittenHistory,
  edit: HistoryEdit,
  put: (type: string, content: Buffer) => string,
): Promise<string> {
  if (result.tags.has(oid)) return result.tags.get(oid)!;
  const { type, content } = await git.readObject(oid);
  if (type !== 'tag') return oid;
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const head = split === -1 ? text : text.slice(0, split);
  // a signature cannot survive a rewrite: it is dropped with the old tag
  const message = (split === -1 ? '' : text.slice(split + 2)).replace(/-----BEGIN [A-Z ]*SIGNATURE-----[\s\S]*$/, '');
  const target = /^object ([0-9a-f]{40})$/m.exec(head)?.[1] ?? '';
  const newTarget = result.commits.get(target) ?? (await rewriteTag(git, target, result, edit, put));
  const newMessage = edit.message(message);
  if (newTarget === target && newMessage === message && message === text.slice(split + 2)) {
    result.tags.set(oid, oid);
    return oid;
  }
  const rewritten = put(
    'tag',
    Buffer.from(`${head.replace(/^object [0-9a-f]{40}$/m, `object ${newTarget}`)}\n\n${newMessage}`),
  );
  result.tags.set(oid, rewritten);
  return rewritten;
}

/** The commits tips name, through annotated tags; a ref to a tree or a blob is no history. */
async function peeled(git: GitStore, tips: readonly string[]): Promise<string[]> {
  const commits: string[] = [];
  for (let oid of tips) {
    for (let depth = 0; depth < 10; depth++) {
      const { type, content } = await git.readObject(oid);
      if (type === 'commit') commits.push(oid);
      if (type !== 'tag') break;
      oid = /^object ([0-9a-f]{40})$/m.exec(content.toString('utf8'))?.[1] ?? '';
    }
  }
  return commits;
}

/**
 * Every commit reachable from `tips`, each after its parents. A shallow store's boundary is a
 * root here, and a parent the store lacks is left as it is named.
 */
async function commitsParentsFirst(
  git: GitStore,
  tips: readonly string[],
  shallow: ReadonlySet<string>,
): Promise<string[]> {
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: Array<{ oid: string; parents?: string[] }> = tips.map((oid) => ({ oid }));
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.parents === undefined) {
      if (state.has(top.oid)) {
        stack.pop();
        continue;
      }
      state.set(top.oid, 'open');
      top.parents = shallow.has(top.oid) ? [] : (await git.readCommit(top.oid)).parents;
      for (const parent of top.parents)
        if (!state.has(parent) && (await git.hasObject(parent))) stack.push({ oid: parent });
      continue;
    }
    stack.pop();
    if (state.get(top.oid) === 'done') continue;
    state.set(top.oid, 'done');
    order.push(top.oid);
  }
  return order;
}

/** A commit object's parts: its tree and parents, the other headers (a signature dropped), the message. */
function splitCommit(content: Buffer): { tree: string; parents: string[]; headers: string[]; message: string } {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const head = split === -1 ? text : text.slice(0, split);
  const message = split === -1 ? '' : text.slice(split + 2);
  let tree = '';
  const parents: string[] = [];
  const headers: string[] = [];
  let inSignature = false;
  for (const line of head.split('\n')) {
    if (line.startsWith(' ')) {
      if (!inSignature) headers.push(line);
      continue;
    }
    inSignature = false;
    if (line.startsWith('tree ')) tree = line.slice(5);
    else if (line.startsWith('parent ')) parents.push(line.slice(7));
    // a signature cannot survive a rewrite: it signed the old tree and parents
    else if (line.startsWith('gpgsig')) inSignature = true;
    else headers.push(line);
  }
  return { tree, parents, headers, message };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
