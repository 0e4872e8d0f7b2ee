import { createHash } from 'node:crypto';

/** The chain's first prevHash: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed fields of one event, exactly as stored and exported. */
export interface HashedEvent {
  id: number;
  at: string; // ISO 8601 UTC with milliseconds
  actorId: number | null;
  actorEmail: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  reason: string | null;
  before: string | null; // the JSON text as stored, not re-serialised
  after: string | null;
  prevHash: string;
}

/**
 * The hash rule (README "Audit trail"): SHA-256, lower-case hex, of the UTF-8 bytes of
 * JSON.stringify([id, at, actorId, actorEmail, actorRole, ip, action, entityType, entityId,
 * reason, before, after, prevHash]): a JSON array with no whitespace, in that order.
 */
export function canonicalEventText(e: HashedEvent): string {
  return JSON.stringify([
    e.id, e.at, e.actorId, e.actorEmail, e.actorRole, e.ip, e.action, e.entityType, e.entityId,
    e.reason, e.before, e.after, e.prevHash,
  ]);
}

export function hashEvent(e: HashedEvent): string {
  return createHash('sha256').update(canonicalEventText(e), 'utf8').digest('hex');
}
