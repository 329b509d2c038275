import { nodeNet } from '../core/lazyBuiltins.js';
import { reader, type SigningKey, sshString } from '../core/sshSignature.js';

/*
 * Signing through ssh-agent (the agent protocol: draft-miller-ssh-agent), as git does when
 * user.signingKey names a public key: the agent at SSH_AUTH_SOCK holds the private key, and
 * memoir sends it the data to sign. Only the two requests signing needs.
 */

const REQUEST_IDENTITIES = 11;
const IDENTITIES_ANSWER = 12;
const SIGN_REQUEST = 13;
const SIGN_RESPONSE = 14;
/** SSH_AGENT_RSA_SHA2_512: an RSA key signs with SHA-512, as SSH signatures ask. */
const RSA_SHA2_512 = 4;

/** One request to the agent and its answer (type and payload). */
function ask(socket: string, type: number, payload: Buffer): Promise<{ type: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const connection = nodeNet().createConnection(socket);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(payload.length + 1);
    let received = Buffer.alloc(0);
    connection.on('connect', () => connection.write(Buffer.concat([length, Buffer.from([type]), payload])));
    connection.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= 4 + received.readUInt32BE(0)) {
        connection.end();
        resolve({ type: received[4], body: received.subarray(5, 4 + received.readUInt32BE(0)) });
      }
    });
    connection.on('error', reject);
    connection.setTimeout(10_000, () => connection.destroy(new Error('ssh-agent did not answer')));
  });
}

/** A key ssh-agent holds, signing through it; undefined when the agent does not hold that public key. */
export async function agentSigner(
  socket: string,
  publicBlob: Buffer,
  keyType: string,
): Promise<SigningKey | undefined> {
  const answer = await ask(socket, REQUEST_IDENTITIES, Buffer.alloc(0));
  if (answer.type !== IDENTITIES_ANSWER) return undefined;
  const read = reader(answer.body);
  const count = read.uint32();
  let held = false;
  for (let i = 0; i < count; i++) {
    const blob = read.string();
    read.string(); // comment
    if (blob.equals(publicBlob)) held = true;
  }
  if (!held) return undefined;
  return {
    publicBlob,
    keyType,
    async signData(data) {
      const flags = Buffer.alloc(4);
      flags.writeUInt32BE(keyType === 'ssh-rsa' ? RSA_SHA2_512 : 0);
      const signed = await ask(socket, SIGN_REQUEST, Buffer.concat([sshString(publicBlob), sshString(data), flags]));
      if (signed.type !== SIGN_RESPONSE) throw new Error('ssh-agent refused to sign');
      return reader(signed.body).string();
    },
  };
}
