import * as path from 'node:path';
import { parseRemoteUrl } from '../../core/remoteUrl.js';
import { LocalTransport } from './localTransport.js';
import type { Prompt } from './credentials.js';
import type { Transport } from './transport.js';

/**
 * The transport for a remote's URL: smart HTTP in-process, SSH through the system's git, a
 * directory in-process. `label` names the remote in messages (its name, or the URL typed). The
 * URL was checked by the caller (no password, a form memoir can reach).
 */
export async function openTransport(
  url: string,
  label: string,
  options: { env: NodeJS.ProcessEnv; cwd: string; agent: string; prompt?: Prompt },
): Promise<Transport> {
  const parsed = parseRemoteUrl(url);
  // the use cases check URLs first (app/remoteInput.ts), with the errors a person reads
  if ('problem' in parsed) throw new Error(`openTransport: an unchecked URL (${parsed.problem})`);
  if (parsed.kind === 'local') return new LocalTransport(path.resolve(options.cwd, parsed.path), label);
  if (parsed.kind === 'ssh') {
    const { SystemGitTransport } = await import('./systemGit.js');
    return new SystemGitTransport(parsed.url, label, options.env);
  }
  const [{ SmartHttpTransport }, { credentialsFor }] = await Promise.all([
    import('./smartHttp.js'),
    import('./credentials.js'),
  ]);
  const credentials = credentialsFor(parsed.url, { env: options.env, prompt: options.prompt });
  return new SmartHttpTransport(parsed.url, label, options.agent, credentials);
}
