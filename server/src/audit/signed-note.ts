import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Checkpoints in the C2SP formats (docs/AUDIT.md §3): a tlog-checkpoint body (origin line, tree
 * size in decimal, base64 root hash, each ending in a newline) signed as a C2SP signed note: the
 * body, a blank line, then `— <key name> <base64(key ID ‖ Ed25519 signature of the body)>`, where
 * key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4].
 */
export interface CheckpointBody {
  origin: string;
  size: number;
  rootHash: Buffer;
}

/** The raw 32 bytes of an Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' }) as { x?: string };
  return Buffer.from(jwk.x!, 'base64url');
}

export function keyId(name: string, publicKey: KeyObject): Buffer {
  return createHash('sha256').update(Buffer.concat([Buffer.from(name, 'utf8'), Buffer.from([0x0a, 0x01]), rawPublicKey(publicKey)])).digest().subarray(0, 4);
}

/** The verifier key text of C2SP signed-note: `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export const verifierKey = (name: string, publicKey: KeyObject) =>
  `${name}+${keyId(name, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([1]), rawPublicKey(publicKey)]).toString('base64')}`;

export const checkpointBody = (c: CheckpointBody) => `${c.origin}\n${c.size}\n${c.rootHash.toString('base64')}\n`;

export function signCheckpointNote(c: CheckpointBody, name: string, privateKey: KeyObject): string {
  const body = checkpointBody(c);
  const pub = createPublicKey(privateKey);
  const sig = sign(null, Buffer.from(body, 'utf8'), privateKey);
  return `${body}\n\u2014 ${name} ${Buffer.concat([keyId(name, pub), sig]).toString('base64')}\n`;
}

/**
 * Reads a signed checkpoint and checks its signature by `publicKey` under `name` (default: the
 * origin). Answers the checkpoint, or why it is refused.
 */
export function openCheckpointNote(text: string, publicKey: KeyObject, name?: string): CheckpointBody | { error: string } {
  const cut = text.lastIndexOf('\n\n');
  if (cut < 0 || !text.endsWith('\n')) return { error: 'not a signed note (no blank line before the signatures, or no final newline)' };
  const body = text.slice(0, cut + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) return { error: 'a checkpoint has an origin, a size and a root hash' };
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText)) return { error: `bad tree size line: ${JSON.stringify(sizeText)}` };
  const rootHash = Buffer.from(rootText, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== rootText) return { error: 'bad root hash line (base64 of 32 bytes)' };
  const keyName = name ?? origin;
  const wantId = keyId(keyName, publicKey);
  for (const line of text.slice(cut + 2, -1).split('\n')) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) return { error: `bad signature line: ${JSON.stringify(line)}` };
    if (m[1] !== keyName) continue;
    const sig = Buffer.from(m[2]!, 'base64');
    if (sig.length !== 68 || !sig.subarray(0, 4).equals(wantId)) continue;
    if (!verify(null, Buffer.from(body, 'utf8'), publicKey, sig.subarray(4))) return { error: 'the checkpoint signature is not valid for this public key' };
    return { origin, size: Number(sizeText), rootHash };
  }
  return { error: `no signature by ${keyName} with this public key's key ID` };
}
