/*
 * git's refspecs (`+refs/heads/*:refs/remotes/origin/*`): which local ref holds a remote's
 * branch, and back. One `*` on each side, as git writes them for remotes.
 */

/** A ref through a refspec (`+refs/heads/*:refs/remotes/origin/*`): source to destination, or back. */
export function mapRefspec(spec: string, ref: string, direction: 'forward' | 'reverse'): string | undefined {
  const [src, dst] = spec.replace(/^\+/, '').split(':');
  if (!src || !dst) return undefined;
  const [from, to] = direction === 'forward' ? [src, dst] : [dst, src];
  const star = from.indexOf('*');
  if (star < 0) return from === ref ? to : undefined;
  const prefix = from.slice(0, star);
  const suffix = from.slice(star + 1);
  if (!ref.startsWith(prefix) || !ref.endsWith(suffix) || ref.length < prefix.length + suffix.length) return undefined;
  return to.replace('*', ref.slice(prefix.length, ref.length - suffix.length));
}
