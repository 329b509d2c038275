import { createPrivateKey } from 'node:crypto';
import * as fs from 'node:fs';
import type { SigningKey } from '../core/sshSignature.js';
import { MemoirError } from '../errors/index.js';

/*
 * The SSH key that signs commits: an OpenSSH private key file (what ssh-keygen writes), read
 * with sshpk and handed to Node's crypto. Only unencrypted ed25519 and RSA keys; a key with a
 * passphrase is refused with the way forward (ssh-agent is not supported yet).
 */

export async function loadSigningKey(file: string): Promise<SigningKey> {
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
          ? 'use a key without a passphrase for signing (ssh-keygen -t ed25519 -N ""), kept where only you can read it'
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
    return { privateKey: createPrivateKey({ key: jwk, format: 'jwk' }), publicBlob, keyType: 'ssh-ed25519' };
  }
  if (key.type === 'rsa')
    return { privateKey: createPrivateKey(key.toString('pkcs1')), publicBlob, keyType: 'ssh-rsa' };
  throw new MemoirError(
    'signing-key-unreadable',
    `${file} is a ${key.type} key: memoir signs with ed25519 or RSA keys`,
    {
      hint: 'make one with: ssh-keygen -t ed25519',
    },
  );
}
