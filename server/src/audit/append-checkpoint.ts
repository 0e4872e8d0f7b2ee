import { QueryTypes } from 'sequelize';
import type { AppContext } from '../platform/context';
import type { AuditEventRecord } from '../platform/db/records';
import type { Actor } from '../platform/auth/actor';
import { appendAuditEvent } from './append-audit-event';
import { GENESIS_HASH } from './hash';
import { CHECKPOINT_ACTION, signCheckpoint, type CheckpointClaim } from './checkpoint-signature';

export interface Checkpoint extends CheckpointClaim {
  /** the id of the `audit.checkpoint` event that holds the claim (headId + 1) */
  eventId: number;
  at: string;
}

class HeadMoved extends Error {}

/**
 * Signs the chain's head and appends the signature as an `audit.checkpoint` event, in one
 * transaction. The claim always names the event right before the checkpoint: if another writer
 * slips in between reading the head and appending (possible on PostgreSQL, where the chain lock
 * is only taken inside appendAuditEvent), the transaction is rolled back and tried again.
 */
export async function appendCheckpoint(ctx: AppContext, key: string, actor: Actor | null = null): Promise<Checkpoint> {
  const { db, models } = ctx;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [head] = await db.sequelize.query<Pick<AuditEventRecord, 'id' | 'hash'>>('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1', {
          transaction: tx,
          type: QueryTypes.SELECT,
        });
        const headId = head ? Number(head.id) : 0;
        const headHash = head?.hash ?? GENESIS_HASH;
        const signature = signCheckpoint(key, headId, headHash);
        const event = await appendAuditEvent(db, models, tx, {
          actor, ip: null, action: CHECKPOINT_ACTION, entityType: 'audit_chain', entityId: headId,
          after: { headId, headHash, signature },
        });
        if (event.prevHash !== headHash) throw new HeadMoved();
        return { eventId: event.id, at: event.at, headId, headHash, signature };
      });
    } catch (err) {
      if (!(err instanceof HeadMoved) || attempt >= 5) throw err;
    }
  }
}
