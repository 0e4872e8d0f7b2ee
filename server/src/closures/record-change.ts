import type { Transaction } from 'sequelize';
import type { Database } from '../platform/db/database';
import { publishWithTransaction } from '../platform/events';
import type { ClosureRequestRecord } from '../platform/db/records';
import { countClosureChange, type CountedRequest } from './counters';

/**
 * The one place every change of a closure request goes through, inside its transaction and after
 * its audit event: the queue counters follow it, and the live pages hear of it once it commits
 * (GET /api/events). The event carries the audit event's id (one sequence across instances) and
 * who acted, read from that audit event.
 */
export async function recordClosureChange(db: Database, tx: Transaction, before: CountedRequest | null, after: CountedRequest & Pick<ClosureRequestRecord, 'id' | 'version'>): Promise<void> {
  await countClosureChange(db, tx, before, after);
  const [audit] = await db.query<{ id: number; action: string; actorId: number | null; actorName: string | null }>(tx,
    `SELECT a.id, a.action, a.actor_id AS "actorId", s.full_name AS "actorName"
     FROM audit_events a LEFT JOIN staff_users s ON s.id = a.actor_id ORDER BY a.id DESC LIMIT 1`);
  await publishWithTransaction(db, tx, {
    kind: 'closure_request',
    seq: audit?.id ?? 0,
    id: after.id,
    version: after.version,
    status: after.status,
    assigneeId: after.assigneeId,
    actorId: audit?.actorId ?? null,
    actorName: audit?.actorName ?? null,
    action: audit?.action ?? 'closure.change',
  });
}
