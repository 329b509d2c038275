import { CancelledError, MemoirError } from '../../errors/index.js';
import { ProtocolError } from './pktLine.js';
import { CREDENTIALS_HINT, type CredentialOrigin, describeAttempts } from './credentials.js';

/*
 * A transfer that failed, said in one line naming the remote: unreachable, refused credentials,
 * no repository there, not a git server, or cut off. Never the URL's user part or anything the
 * credentials hold: the remote is named as the user named it.
 */

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
};

export function transferError(error: unknown, remote: string, tried: readonly CredentialOrigin[]): unknown {
  if (error instanceof MemoirError) return error;
  const code = (error as { code?: string })?.code ?? '';
  const unchanged = 'nothing changed locally';
  if (code in UNREACHABLE || /timed out|aborted|socket hang up/i.test(String((error as Error)?.message)))
    return new MemoirError(
      'remote-unreachable',
      `cannot reach ${remote}: ${UNREACHABLE[code] ?? 'the connection failed or timed out'}`,
      { hint: `check the URL ("memoir remote -v") and the network, then retry; ${unchanged}` },
    );
  if (code === 'UserCanceledError') return new CancelledError('cancelled', `no credentials given for ${remote}`);
  if (code === 'HttpError') {
    const status = (error as { data?: { statusCode?: number } }).data?.statusCode ?? 0;
    if (status === 401 || status === 403 || status === 203)
      return new MemoirError(
        'remote-auth-failed',
        `${remote} refused access (HTTP ${status}) ${describeAttempts(tried)}`,
        { hint: CREDENTIALS_HINT },
      );
    if (status === 404)
      return new MemoirError('remote-not-found', `${remote} has no repository at that address (HTTP 404)`, {
        hint: 'check the URL with "memoir remote -v"; fix it with "memoir remote set-url"',
      });
    return new MemoirError('remote-error', `${remote} answered HTTP ${status}`, {
      hint: `retry later; ${unchanged}`,
    });
  }
  if (code === 'SmartHttpError' || code === 'ParseError')
    return new MemoirError('remote-not-git', `${remote} does not answer as a git server (smart HTTP)`, {
      hint: 'check the URL with "memoir remote -v": it names a git repository, e.g. https://host/org/memory.git',
    });
  if (error instanceof ProtocolError)
    return new MemoirError('remote-transfer-failed', `the transfer with ${remote} failed: ${error.message}`, {
      hint: `retry; ${unchanged}`,
    });
  return error;
}
