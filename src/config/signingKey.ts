import { nodeCrypto } from '../core/lazyBuiltins.js';
import * as fs from 'node:fs';
import { keyFileSigner, type SigningKey } from '../core/sshSignature.js';
import { MemoirError } from '../errors/index.js';

/*
 * The SSH key that signs commits: an OpenSSH private key file (what ssh-keygen writes), read
 * with sshpk and handed to Node's crypto (unencrypted ed25519 and RSA keys), or a public key
 * file whose private half ssh-agent holds, as git signs.
 */

export async function loadSigningKey(file: string, agentSocket?: string): Promise<SigningKey> {
  let text: Buffer;
  try {
    text = fs.readFileSync(file);
  } catch (error) {
    throw new MemoirError(
      'signing-key-unreadable',
      `cannot read the signing key ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        hint: 'set user.signingKey (or MEMOIR_SIGNING_KEY) to an SSH private key file, e.g. ~/.ssh/id_ed25519',
      },
    );
  }
  const sshpk = (await import('sshpk')).default;
  // a public key (id_ed25519.pub): its private half is in ssh-agent, as git signs with it
  if (/^(ssh-|ecdsa-|sk-)/.test(text.toString('utf8').trim())) return fromAgent(file, text, agentSocket);
  let key: import('sshpk').PrivateKey;
  try {
    key = sshpk.parsePrivateKey(text, 'auto');
  } catch (error) {
    const encrypted = /encrypted|passphrase/i.test((error as Error).message);
    throw new MemoirError(
      'signing-key-unreadable',
      `${file} is not an SSH private key memoir can use${encrypted ? ' (it has a passphrase)' : ''}`,
      {
        hint: encrypted
          ? 'load it into ssh-agent ("ssh-add") and set user.signingKey to its .pub file, or use a key without a passphrase'
          : 'give an ed25519 or RSA private key in OpenSSH or PEM format',
      },
    );
  }
  const publicBlob = key.toPublic().toBuffer('rfc4253');
  const part = (name: string) => key.parts.find((p) => p.name === name)!.data;
  if (key.type === 'ed25519') {
    const jwk = {
      kty: 'OKP',
      crv: 'Ed25519',
      d: part('k').subarray(0, 32).toString('base64url'),
      x: part('A').toString('base64url'),
    };
    return keyFileSigner(nodeCrypto().createPrivateKey({ key: jwk, format: 'jwk' }), publicBlob, 'ssh-ed25519');
  }
  if (key.type === 'rsa')
    return keyFileSigner(nodeCrypto().createPrivateKey(key.toString('pkcs1')), publicBlob, 'ssh-rsa');
  throw new MemoirError(
    'signing-key-unreadable',
    `${file} is a ${key.type} key: memoir signs with ed25519 or RSA keys`,
    {
      hint: 'make one with: ssh-keygen -t ed25519',
    },
  );
}

/** A public key file's key, signing through ssh-agent (SSH_AUTH_SOCK); refused when no agent holds it. */
async function fromAgent(file: string, text: Buffer, socket: string | undefined): Promise<SigningKey> {
  const [keyType, base64] = text.toString('utf8').trim().split(/\s+/);
  const hint = `load it with "ssh-add", or set user.signingKey to the private key file`;
  if (!socket)
    throw new MemoirError(
      'signing-key-unreadable',
      `${file} is a public key, and no ssh-agent is running (SSH_AUTH_SOCK is unset)`,
      { hint },
    );
  const { agentSigner } = await import('../io/sshAgent.js');
  let signer: SigningKey | undefined;
  try {
    signer = await agentSigner(socket, Buffer.from(base64 ?? '', 'base64'), keyType);
  } catch (error) {
    throw new MemoirError(
      'signing-key-unreadable',
      `ssh-agent at ${socket} cannot be reached (${(error as Error).message})`,
      { hint },
    );
  }
  if (!signer) throw new MemoirError('signing-key-unreadable', `ssh-agent does not hold the key of ${file}`, { hint });
  return signer;
}
