import type { Transaction } from 'sequelize';
import type { Database } from '../platform/db/database';
import type { Models } from '../platform/db/models';
import type { Actor } from '../platform/auth/actor';
import { insertRow } from '../platform/db/raw-sql';
import { createHash } from 'node:crypto';
import { GENESIS_HASH, canonicalEventText, type HashedEvent } from './hash';
import { appendLeaf } from './audit-tree';
import { maskPersonalData } from './mask-personal-data';

export interface AuditInput {
  actor: Actor | null;
  /** With no staff actor: who else acted (an intake key's name), written where the actor's e-mail goes. */
  actorName?: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

// Any constant: every appender in every instance takes this one lock on PostgreSQL.
const CHAIN_LOCK_KEY = 7_260_001;

/**
 * Takes the chain's lock in the caller's transaction (PostgreSQL; on SQLite the write transaction
 * is the lock). Appenders take it themselves; a caller that must read the head and then append
 * with nothing in between (a signed checkpoint) takes it first. It is re-entrant.
 */
export async function lockAuditChain(db: Database, tx: Transaction): Promise<void> {
  if (db.dialect === 'postgres') await db.query(tx, 'SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
}

/**
 * Appends one event to the chain inside the caller's transaction, so the event commits or
 * rolls back with the change it records. Writers are serialised (SQLite: the write transaction
 * itself; PostgreSQL: a transaction-scoped advisory lock) so the chain can never fork.
 */
export async function appendAuditEvent(
  db: Database,
  models: Models,
  tx: Transaction,
  input: AuditInput,
): Promise<HashedEvent & { hash: string }> {
  await lockAuditChain(db, tx);
  const [last] = await db.query<{ id: number | string; hash: string }>(tx, 'SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1');

  const event: HashedEvent = {
    id: last ? Number(last.id) + 1 : 1,
    at: new Date().toISOString(),
    actorId: input.actor?.id ?? null,
    actorEmail: input.actor?.email ?? input.actorName ?? null,
    actorRole: input.actor?.role ?? null,
    ip: input.ip,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId == null ? null : String(input.entityId),
    reason: input.reason ?? null,
    before: input.before === undefined ? null : JSON.stringify(maskPersonalData(input.before)),
    after: input.after === undefined ? null : JSON.stringify(maskPersonalData(input.after)),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const text = canonicalEventText(event);
  const hash = createHash('sha256').update(text, 'utf8').digest('hex');
  const insert = insertRow(db, models.AuditEvent, { ...event, at: new Date(event.at), hash });
  await db.query(tx, insert.sql, insert.values);
  // The event is leaf id − 1 of the Merkle tree (docs/AUDIT.md "The Merkle tree"), added under the same lock.
  await appendLeaf(db, tx, event.id - 1, text);
  return { ...event, hash };
}
