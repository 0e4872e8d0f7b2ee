import { GENESIS_HASH, hashEvent, type HashedEvent } from '../audit/hash';

export type SeedEvent = Omit<HashedEvent, 'id' | 'prevHash' | 'at' | 'before' | 'after'> & {
  at: Date;
  before?: unknown;
  after?: unknown;
};

/** Builds audit events for bulk loading, chained by the same rule as the live audit core. */
export class AuditChainBuilder {
  private lastId = 0;
  private lastHash = GENESIS_HASH;
  readonly columns = [
    'id', 'at', 'actor_id', 'actor_email', 'actor_role', 'ip', 'action', 'entity_type', 'entity_id', 'reason',
    'before', 'after', 'prev_hash', 'hash',
  ] as const;

  push(e: SeedEvent, out: unknown[][]): void {
    const event: HashedEvent = {
      ...e,
      id: this.lastId + 1,
      at: e.at.toISOString(),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      prevHash: this.lastHash,
    };
    const hash = hashEvent(event);
    out.push([
      event.id, e.at, event.actorId, event.actorEmail, event.actorRole, event.ip, event.action, event.entityType,
      event.entityId, event.reason, event.before, event.after, event.prevHash, hash,
    ]);
    this.lastId = event.id;
    this.lastHash = hash;
  }
}
