import { concat, equalBytes, fromBase64, fromHex, sha256, subtle, toHex, utf8 } from './bytes';

/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint) in a C2SP signed note (c2sp.org/signed-note),
 * Ed25519 only: body = origin, tree size in decimal, base64 root hash, each line ending in 0x0A;
 * then a blank line; then signature lines `— <key name> <base64(key ID ‖ 64-byte signature)>`, with
 * key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[0:4]. The signature is over the body.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** the body's extension lines (after the root hash), if any */
  extensions: string[];
}

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING (33) }. */
const SPKI_PREFIX = fromHex('302a300506032b6570032100')!;

/** The 32 raw bytes of an Ed25519 public key given as PEM (`-----BEGIN PUBLIC KEY-----`, SPKI), or why not. */
export function ed25519FromPem(pem: string): Uint8Array | { error: string } {
  const m = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(pem);
  if (!m) return { error: 'not a PEM public key (BEGIN PUBLIC KEY)' };
  const der = fromBase64(m[1]!.replace(/\s+/g, ''));
  if (!der) return { error: 'the PEM body is not base64' };
  if (der.length !== 44 || !equalBytes(der.subarray(0, 12), SPKI_PREFIX)) return { error: 'not an Ed25519 public key (RFC 8410 SubjectPublicKeyInfo)' };
  return der.subarray(12);
}

export const keyId = async (name: string, rawKey: Uint8Array) => (await sha256(concat(utf8(name), Uint8Array.of(0x0a, 0x01), rawKey))).subarray(0, 4);

export const keyIdHex = async (name: string, rawKey: Uint8Array) => toHex(await keyId(name, rawKey));

/** Reads a checkpoint note without checking any signature. */
export function parseCheckpoint(text: string): { checkpoint: Checkpoint; body: string; signatures: { name: string; bytes: Uint8Array }[] } | { error: string } {
  const cut = text.lastIndexOf('\n\n');
  if (cut < 0 || !text.endsWith('\n')) return { error: 'not a signed note (no blank line before the signatures, or no final newline)' };
  const body = text.slice(0, cut + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) return { error: 'a checkpoint has an origin, a size and a root hash' };
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin === '') return { error: 'empty origin line' };
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) return { error: `bad tree size line: ${JSON.stringify(sizeText)}` };
  const rootHash = fromBase64(rootText);
  if (!rootHash || rootHash.length !== 32) return { error: 'bad root hash line (base64 of 32 bytes)' };
  const signatures: { name: string; bytes: Uint8Array }[] = [];
  for (const line of text.slice(cut + 2, -1).split('\n')) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    const bytes = m ? fromBase64(m[2]!) : null;
    if (!m || !bytes) return { error: `bad signature line: ${JSON.stringify(line)}` };
    signatures.push({ name: m[1]!, bytes });
  }
  if (signatures.length === 0) return { error: 'the note has no signature line' };
  return { checkpoint: { origin, size: Number(sizeText), rootHash, extensions }, body, signatures };
}

/**
 * Reads a checkpoint and checks its Ed25519 signature by `rawKey` under `keyName` (default: the
 * origin, as Closure Desk signs). Answers the checkpoint, or why it is refused.
 */
export async function openCheckpoint(text: string, rawKey: Uint8Array, keyName?: string): Promise<Checkpoint | { error: string }> {
  const parsed = parseCheckpoint(text);
  if ('error' in parsed) return parsed;
  const name = keyName ?? parsed.checkpoint.origin;
  const want = await keyId(name, rawKey);
  const key = await subtle().importKey('raw', rawKey, { name: 'Ed25519' }, false, ['verify']);
  for (const s of parsed.signatures) {
    if (s.name !== name || s.bytes.length !== 68 || !equalBytes(s.bytes.subarray(0, 4), want)) continue;
    const ok = await subtle().verify({ name: 'Ed25519' }, key, s.bytes.subarray(4), utf8(parsed.body));
    if (!ok) return { error: 'the checkpoint signature is not valid for this public key (the note was changed, or signed by another key)' };
    return parsed.checkpoint;
  }
  return { error: `no signature by ${name} with this public key's key ID` };
}
