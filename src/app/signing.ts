import type { Memory } from '../store/memory.js';
import type { Deps } from './deps.js';
import { MemoirError } from '../errors/index.js';

/** How a writer asks for its commits to be signed: `-S`, or config commit.sign. */
export interface SignOption {
  gpgSign?: boolean;
}

/**
 * Makes the commits this write makes signed, when -S or commit.sign asks: the key of
 * user.signingKey, loaded once. Nothing loads (no crypto, no key parser) when signing is off.
 */
export async function signIfAsked(memory: Memory, options: SignOption, deps: Deps): Promise<void> {
  const config = await deps.config();
  if (!options.gpgSign && !config.get('commit.sign')) return;
  const file = config.get('user.signingKey');
  if (!file)
    throw new MemoirError('no-signing-key', 'signing was asked for, but no key is set', {
      hint: 'set user.signingKey (or MEMOIR_SIGNING_KEY) to an SSH private key file, e.g. ~/.ssh/id_ed25519',
    });
  const [{ loadSigningKey }, { sshSign }] = await Promise.all([
    import('../config/signingKey.js'),
    import('../core/sshSignature.js'),
  ]);
  const key = await loadSigningKey(file.replace(/^~(?=\/)/, deps.env.HOME ?? '~'), deps.env.SSH_AUTH_SOCK);
  memory.signer = (payload) => sshSign(payload, key);
  memory.signerKey = key.publicBlob;
}
