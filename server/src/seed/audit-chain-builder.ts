import { createHash } from 'node:crypto';
import { GENESIS_HASH } from '../audit/hash';
import type { PackedEvent } from './generate-batch';

export type SeedEvent = {
  actorId: number | null;
  actorEmail: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  reason: string | null;
  at: Date;
  before?: unknown;
  after?: unknown;
};

export const AUDIT_COLUMNS = [
  'id', 'at', 'actor_id', 'actor_email', 'actor_role', 'ip', 'action', 'entity_type', 'entity_id', 'reason',
  'before', 'after', 'prev_hash', 'hash',
] as const;

/**
 * Builds audit events for bulk loading, chained by the same rule as the live audit core
 * (audit/hash.ts: SHA-256 of the JSON array of the fields). Written for a couple of million
 * events: one array per event and no intermediate objects.
 */
export class AuditChainBuilder {
  private lastId = 0;
  private lastHash = GENESIS_HASH;
  readonly columns = AUDIT_COLUMNS;

  push(e: SeedEvent, out: unknown[][]): void {
    this.pushPacked([
      e.at.getTime(), e.actorId, e.actorEmail, e.actorRole, e.ip, e.action, e.entityType, e.entityId, e.reason,
      e.before === undefined ? null : JSON.stringify(e.before), e.after === undefined ? null : JSON.stringify(e.after),
    ], out);
  }

  /** An event as a worker thread packs it (before/after already JSON text). */
  pushPacked(e: PackedEvent, out: unknown[][]): void {
    const id = this.lastId + 1;
    const at = new Date(e[0]);
    const text = JSON.stringify([id, at.toISOString(), e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], e[10], this.lastHash]);
    const hash = createHash('sha256').update(text, 'utf8').digest('hex');
    out.push([id, at, e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], e[10], this.lastHash, hash]);
    this.lastId = id;
    this.lastHash = hash;
  }
}
