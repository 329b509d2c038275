import * as path from 'node:path';
import { parseRemoteUrl } from '../../core/remoteUrl.js';
import { UsageError } from '../../errors/index.js';
import { LocalTransport } from './localTransport.js';
import type { HttpAuth } from './smartHttp.js';
import type { Transport } from './transport.js';

/**
 * The transport for a remote's URL: smart HTTP in-process, SSH through the system's git, a
 * directory in-process. `label` names the remote in messages (its name, or the URL typed).
 */
export async function openTransport(
  url: string,
  label: string,
  options: { env: NodeJS.ProcessEnv; cwd: string; agent: string; auth?: HttpAuth },
): Promise<Transport> {
  const parsed = parseRemoteUrl(url);
  if ('problem' in parsed)
    throw new UsageError(
      'invalid-remote-url',
      parsed.problem === 'password'
        ? `the URL of ${label} carries a password`
        : `the URL of ${label} is not one memoir can reach`,
      {
        hint:
          parsed.problem === 'password'
            ? "drop the password from the URL; memoir asks git's credential helper, or reads MEMOIR_REMOTE_TOKEN"
            : 'use https://host/path, ssh://host/path or user@host:path, or a local path',
      },
    );
  if (parsed.kind === 'local') return new LocalTransport(path.resolve(options.cwd, parsed.path), label);
  if (parsed.kind === 'ssh') {
    const { SystemGitTransport } = await import('./systemGit.js');
    return new SystemGitTransport(parsed.url, label, options.env);
  }
  const { SmartHttpTransport } = await import('./smartHttp.js');
  return new SmartHttpTransport(parsed.url, label, options.agent, options.auth);
}
