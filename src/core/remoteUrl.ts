/*
 * What a remote's URL names and how memoir reaches it: smart HTTP(S) in-process, SSH through
 * the system's git, a local path (or file://) in-process. Every other form git knows is
 * refused: `ext::` and other `<transport>::` helpers run commands, and `git://` is
 * unauthenticated.
 */

export type RemoteUrl =
  | { kind: 'http'; url: string; username?: string }
  | { kind: 'ssh'; url: string }
  | { kind: 'local'; path: string };

export type RemoteUrlProblem =
  /** The URL carries a password (or a token in the user part): it would sit in the config in clear. */
  'password' | 'unsupported';

/**
 * Classifies a remote URL, or says why it cannot be one. A relative local path is returned as
 * given: the caller resolves it against the folder it was typed in.
 * @example parseRemoteUrl('git@github.com:org/memory-store.git') // { kind: 'ssh', url: ... }
 */
export function parseRemoteUrl(url: string): RemoteUrl | { problem: RemoteUrlProblem } {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { problem: 'unsupported' };
    }
    if (parsed.password) return { problem: 'password' };
    return { kind: 'http', url, ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}) };
  }
  if (scheme === 'ssh' || scheme === 'git+ssh' || scheme === 'ssh+git') {
    if (/^[^:]+:\/\/[^/@]*:[^/@]*@/.test(url)) return { problem: 'password' };
    return { kind: 'ssh', url };
  }
  if (scheme === 'file') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { problem: 'unsupported' };
    }
    if (parsed.host !== '' && parsed.host !== 'localhost') return { problem: 'unsupported' };
    return { kind: 'local', path: decodeURIComponent(parsed.pathname) };
  }
  if (scheme !== undefined || url.includes('::') || url === '' || url.startsWith('-'))
    return { problem: 'unsupported' };
  // scp-like `[user@]host:path`, as git tells it from a path: a colon before any slash
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  if (colon > 0 && (slash === -1 || colon < slash)) return { kind: 'ssh', url };
  return { kind: 'local', path: url };
}

/** A URL as it may be shown: any user part reduced to its name, so a token in it is never printed. */
export function displayUrl(url: string): string {
  return url.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/@]*)@/, (_, scheme: string, user: string) =>
    user.includes(':') ? `${scheme}${user.split(':')[0]}:***@` : `${scheme}${user}@`,
  );
}
