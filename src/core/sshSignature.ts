import type { KeyObject } from 'node:crypto';
import { createHash, nodeCrypto } from './lazyBuiltins.js';

/*
 * SSH signatures (OpenSSH's PROTOCOL.sshsig), as `git commit -S` writes them with
 * gpg.format=ssh: the message is hashed (SHA-512), wrapped with the namespace ("git") in a
 * blob that starts "SSHSIG", and signed; the signature, the public key and those fields are
 * armored between -----BEGIN/END SSH SIGNATURE-----. Ed25519 and RSA (rsa-sha2-512) keys.
 */

const MAGIC = Buffer.from('SSHSIG');
const HASH = 'sha512';
export const ARMOR_BEGIN = '-----BEGIN SSH SIGNATURE-----';
const ARMOR_END = '-----END SSH SIGNATURE-----';

/** A key that signs: its public key in SSH wire format, and how it signs (a key file, or ssh-agent). */
export interface SigningKey {
  /** The public key blob (`string keytype, ...`), as ssh-keygen and allowed-signers files write it in base64. */
  publicBlob: Buffer;
  /** `ssh-ed25519` or `ssh-rsa`. */
  keyType: string;
  /** The SSH signature blob (`string algorithm, string signature`) of some data. */
  signData(data: Buffer): Promise<Buffer>;
}

/** A key file's private key signing as SSH does: Ed25519, or RSA with SHA-512 (rsa-sha2-512). */
export function keyFileSigner(privateKey: KeyObject, publicBlob: Buffer, keyType: string): SigningKey {
  const ed25519 = keyType === 'ssh-ed25519';
  return {
    publicBlob,
    keyType,
    signData: async (data) =>
      Buffer.concat([
        sshString(ed25519 ? 'ssh-ed25519' : 'rsa-sha2-512'),
        sshString(nodeCrypto().sign(ed25519 ? null : HASH, data, privateKey)),
      ]),
  };
}

export const sshString = (value: Buffer | string) => {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

/** Reads SSH wire strings one after another. */
export function reader(buffer: Buffer) {
  let at = 0;
  return {
    string(): Buffer {
      if (at + 4 > buffer.length) throw new Error('truncated');
      const length = buffer.readUInt32BE(at);
      if (at + 4 + length > buffer.length) throw new Error('truncated');
      const value = buffer.subarray(at + 4, at + 4 + length);
      at += 4 + length;
      return value;
    },
    uint32(): number {
      if (at + 4 > buffer.length) throw new Error('truncated');
      at += 4;
      return buffer.readUInt32BE(at - 4);
    },
    skip(n: number) {
      at += n;
    },
  };
}

/** What is signed: the namespace and the message's hash, in the SSHSIG wrapper. */
function signedData(namespace: string, message: Buffer): Buffer {
  return Buffer.concat([
    MAGIC,
    sshString(namespace),
    sshString(''),
    sshString(HASH),
    sshString(createHash(HASH).update(message).digest()),
  ]);
}

/** Signs a message; the armored signature, ending in a newline. */
export async function sshSign(message: Buffer, key: SigningKey, namespace = 'git'): Promise<string> {
  const signature = await key.signData(signedData(namespace, message));
  const version = Buffer.alloc(4);
  version.writeUInt32BE(1);
  const blob = Buffer.concat([
    MAGIC,
    version,
    sshString(key.publicBlob),
    sshString(namespace),
    sshString(''),
    sshString(HASH),
    sshString(signature),
  ]);
  const lines = blob.toString('base64').match(/.{1,70}/g) ?? [];
  return `${ARMOR_BEGIN}\n${lines.join('\n')}\n${ARMOR_END}\n`;
}

export type SignatureCheck =
  | { status: 'good'; publicBlob: Buffer; keyType: string }
  | { status: 'bad'; reason: string; publicBlob?: Buffer; keyType?: string };

/** Checks an armored signature over a message: good when the key it names made it, for the namespace. */
export function sshVerify(message: Buffer, armored: string, namespace = 'git'): SignatureCheck {
  let publicBlob: Buffer | undefined;
  let keyType: string | undefined;
  try {
    const body = armored.trim();
    if (!body.startsWith(ARMOR_BEGIN) || !body.endsWith(ARMOR_END))
      return { status: 'bad', reason: 'not an SSH signature' };
    const blob = Buffer.from(body.slice(ARMOR_BEGIN.length, -ARMOR_END.length).replace(/\s+/g, ''), 'base64');
    if (!blob.subarray(0, 6).equals(MAGIC)) return { status: 'bad', reason: 'not an SSH signature' };
    const read = reader(blob);
    read.skip(6);
    if (read.uint32() !== 1) return { status: 'bad', reason: 'an SSH signature version memoir does not know' };
    publicBlob = read.string();
    keyType = reader(publicBlob).string().toString();
    const signedNamespace = read.string().toString();
    read.string(); // reserved
    const hash = read.string().toString();
    const signature = reader(read.string());
    const algorithm = signature.string().toString();
    const raw = signature.string();
    if (signedNamespace !== namespace)
      return { status: 'bad', reason: `signed for "${signedNamespace}", not "${namespace}"`, publicBlob, keyType };
    if (hash !== 'sha512' && hash !== 'sha256')
      return { status: 'bad', reason: `hash ${hash} is not one SSH signatures use`, publicBlob, keyType };
    const data = Buffer.concat([
      MAGIC,
      sshString(signedNamespace),
      sshString(''),
      sshString(hash),
      sshString(createHash(hash).update(message).digest()),
    ]);
    const key = publicKeyOf(publicBlob);
    const digest = algorithm === 'ssh-ed25519' ? null : algorithm === 'rsa-sha2-256' ? 'sha256' : 'sha512';
    return nodeCrypto().verify(digest, data, key, raw)
      ? { status: 'good', publicBlob, keyType }
      : { status: 'bad', reason: 'the signature does not match the commit', publicBlob, keyType };
  } catch (error) {
    return { status: 'bad', reason: `unreadable signature (${(error as Error).message})`, publicBlob, keyType };
  }
}

/** Node's public key from an SSH public key blob (ssh-ed25519, ssh-rsa). */
function publicKeyOf(blob: Buffer): KeyObject {
  const read = reader(blob);
  const type = read.string().toString();
  if (type === 'ssh-ed25519')
    return nodeCrypto().createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: read.string().toString('base64url') },
      format: 'jwk',
    });
  if (type === 'ssh-rsa') {
    const e = unsigned(read.string());
    const n = unsigned(read.string());
    return nodeCrypto().createPublicKey({
      key: { kty: 'RSA', e: e.toString('base64url'), n: n.toString('base64url') },
      format: 'jwk',
    });
  }
  throw new Error(`key type ${type} is not supported`);
}

/** An SSH mpint without its sign byte. */
const unsigned = (mpint: Buffer) => (mpint[0] === 0 ? mpint.subarray(1) : mpint);

/** A key's SHA-256 fingerprint, as ssh-keygen -l prints it (`SHA256:…`). */
export function fingerprint(publicBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * The principals an allowed-signers file (git's gpg.ssh.allowedSignersFile) lists for a key:
 * `principals [options] keytype base64 [comment]` a line; # comments and blank lines skipped.
 */
export function principalsFor(allowedSigners: string, publicBlob: Buffer): string[] {
  const wanted = publicBlob.toString('base64');
  const found: string[] = [];
  for (const line of allowedSigners.split('\n')) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    const fields = text.split(/\s+/);
    const keyAt = fields.findIndex((field, i) => i > 0 && /^(ssh-|ecdsa-|sk-)/.test(field));
    if (keyAt > 0 && fields[keyAt + 1] === wanted) found.push(...fields[0].split(','));
  }
  return found;
}

/**
 * A commit object's signature and what it signs: the object without its `gpgsig` header (whose
 * continuation lines start with a space), as git verifies it. No signature: undefined.
 */
export function commitSignature(content: Buffer): { payload: Buffer; signature?: string } {
  const text = content.toString('utf8');
  const end = text.indexOf('\n\n');
  const head = (end === -1 ? text : text.slice(0, end)).split('\n');
  const kept: string[] = [];
  const signature: string[] = [];
  let inSignature = false;
  for (const line of head) {
    if (inSignature && line.startsWith(' ')) {
      signature.push(line.slice(1));
      continue;
    }
    inSignature = line.startsWith('gpgsig ');
    if (inSignature) signature.push(line.slice('gpgsig '.length));
    else kept.push(line);
  }
  const payload = Buffer.from(kept.join('\n') + (end === -1 ? '' : text.slice(end)), 'utf8');
  return signature.length > 0 ? { payload, signature: `${signature.join('\n')}\n` } : { payload };
}
