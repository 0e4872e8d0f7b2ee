import type { Actor } from '../platform/auth/actor';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { epochMs, iso } from '../platform/http/list-resource';
import type { AuditCheckpointRecord, StoredTime } from '../platform/db/records';
import { insertRow } from '../platform/db/raw-sql';
import { appendAuditEvent, lockAuditChain } from './append-audit-event';
import { treeRoot } from './audit-tree';
import { signCheckpointNote } from './signed-note';
import { loadSigningKey } from './signing-key';

/** The action of a signed Merkle checkpoint in the log (the HMAC `audit.checkpoint` is retired). */
export const TREE_CHECKPOINT_ACTION = 'audit.tree_checkpoint';

export interface SignedCheckpoint {
  id: number;
  treeSize: number;
  rootHash: string;
  origin: string;
  keyId: string;
  note: string;
  eventId: number;
  createdAt: string;
}

export const checkpointToApi = (r: AuditCheckpointRecord): SignedCheckpoint => ({
  id: r.id, treeSize: r.treeSize, rootHash: r.rootHash, origin: r.origin, keyId: r.keyId, note: r.note, eventId: r.eventId, createdAt: iso(r.createdAt),
});

export interface CheckpointOptions {
  actor?: Actor | null;
  ip?: string | null;
  /** the scheduled job: sign only when something was appended since the last checkpoint, and it is at least this old (ms) */
  ifDueAfterMs?: number;
}

/**
 * Signs the tree of every event so far (size = the head id) and appends the signed note as an
 * `audit.tree_checkpoint` event, keeping it in audit_checkpoints too, in one transaction under the
 * chain lock: nothing slips in between, and with `ifDueAfterMs` the check of whether one is due is
 * made under the same lock, so instances sharing the database never sign the same hour twice.
 */
export async function appendSignedCheckpoint(ctx: AppContext, opts: CheckpointOptions = {}): Promise<SignedCheckpoint | null> {
  const key = loadSigningKey(ctx.config);
  if (!key) throw new AppError('service_unavailable', 'No audit signing key: set AUDIT_SIGNING_KEY_FILE');
  const { db, models } = ctx;
  return db.transaction(async (tx) => {
    await lockAuditChain(db, tx);
    const [head] = await db.query<{ id: number; action: string }>(tx, 'SELECT id, action FROM audit_events ORDER BY id DESC LIMIT 1');
    const size = head ? head.id : 0;
    if (opts.ifDueAfterMs !== undefined) {
      if (!head || head.action === TREE_CHECKPOINT_ACTION) return null;
      const [last] = await db.query<{ at: StoredTime }>(tx, `SELECT at FROM audit_events WHERE action = $1 ORDER BY id DESC LIMIT 1`, [TREE_CHECKPOINT_ACTION]);
      if (last && Date.now() - epochMs(last.at) < opts.ifDueAfterMs) return null;
    }
    const root = await treeRoot(db, tx, size);
    const note = signCheckpointNote({ origin: key.name, size, rootHash: root }, key.name, key.privateKey);
    const rootHash = root.toString('base64');
    const event = await appendAuditEvent(db, models, tx, {
      actor: opts.actor ?? null, ip: opts.ip ?? null, action: TREE_CHECKPOINT_ACTION, entityType: 'audit_tree', entityId: size,
      after: { treeSize: size, rootHash, keyId: key.keyId, note },
    });
    const row = { treeSize: size, rootHash, origin: key.name, keyId: key.keyId, note, eventId: event.id, createdAt: new Date(event.at) };
    const insert = insertRow(db, models.AuditCheckpoint, row);
    const [{ id }] = (await db.query<{ id: number }>(tx, insert.sql, insert.values)) as [{ id: number }];
    return checkpointToApi({ ...row, id });
  });
}
