import { createHmac, timingSafeEqual } from 'node:crypto';

/** The action of a signed checkpoint event in the chain. */
export const CHECKPOINT_ACTION = 'audit.checkpoint';

/** What a checkpoint claims: the chain's head at that moment, signed. */
export interface CheckpointClaim {
  headId: number;
  headHash: string;
  signature: string;
}

/** HMAC-SHA-256 over the UTF-8 text `${headId}:${headHash}`, with the key's UTF-8 bytes, lower-case hex (docs/AUDIT.md). */
export function signCheckpoint(key: string, headId: number, headHash: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(`${headId}:${headHash}`, 'utf8').digest('hex');
}

export function checkpointSignatureMatches(key: string, claim: CheckpointClaim): boolean {
  const expected = Buffer.from(signCheckpoint(key, claim.headId, claim.headHash), 'utf8');
  const given = Buffer.from(claim.signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Reads a checkpoint's `after` JSON text; null when it is not a well-formed claim. */
export function parseCheckpointClaim(after: string | null): CheckpointClaim | null {
  if (after == null) return null;
  let v: unknown;
  try {
    v = JSON.parse(after);
  } catch {
    return null;
  }
  const c = v as Partial<CheckpointClaim> | null;
  if (!c || typeof c !== 'object' || !Number.isSafeInteger(c.headId) || (c.headId as number) < 0) return null;
  if (typeof c.headHash !== 'string' || !HEX64.test(c.headHash) || typeof c.signature !== 'string' || !HEX64.test(c.signature)) return null;
  return { headId: c.headId as number, headHash: c.headHash, signature: c.signature };
}

/** The one-line form the checkpoint command prints and the offline verifier accepts: `headId:headHash:signature`. */
export const formatCheckpointToken = (c: CheckpointClaim) => `${c.headId}:${c.headHash}:${c.signature}`;

export function parseCheckpointToken(token: string): CheckpointClaim | null {
  const m = /^(\d{1,15}):([0-9a-f]{64}):([0-9a-f]{64})$/.exec(token.trim());
  return m ? { headId: Number(m[1]), headHash: m[2]!, signature: m[3]! } : null;
}
