import type { AppContext } from '../platform/context';
import type { Database } from '../platform/db/database';
import type { AuditCheckpointRecord } from '../platform/db/records';
import { sqlParams } from '../platform/db/raw-sql';
import { readAuditEvents, type ExportedAuditEvent } from './export-row';

/**
 * The audit trail's plain reads: the chain's head, the newest signed checkpoint, and the events an
 * evidence pack selects. Appending to the log, its Merkle tree and its checkpoints, and the
 * export's pages are the log's own storage (append-audit-event.ts, audit-tree.ts,
 * signed-checkpoint.ts, export-shape.ts): they stay there, next to the rules they keep.
 */

/** The chain's last id (0 when empty): the log's size, where an export, a verification or a proof stops. */
export async function findHeadEventId(ctx: AppContext): Promise<number> {
  const [head] = await ctx.db.select<{ id: number | string | null }>('SELECT max(id) AS id FROM audit_events', []);
  return Number(head?.id ?? 0);
}

/** The newest signed checkpoint, or null when none was signed yet. */
export async function findNewestCheckpoint(ctx: AppContext): Promise<AuditCheckpointRecord | null> {
  return ctx.models.AuditCheckpoint.findOne({ order: [['id', 'DESC']], raw: true });
}

/** What an evidence pack needs from the audit trail (docs/AUDIT.md "The evidence pack"). */
export interface EventSelector {
  entityType: string;
  entityIds: readonly (string | number)[];
}

/**
 * The selectors as one SQL condition over "AuditEvent", every id a parameter numbered after
 * `reserved` (the export's reader keeps three for its keyset); '1 = 0' when none selects anything.
 */
function selectorSql(db: Database, selectors: readonly EventSelector[], reserved: number): { sql: string; params: unknown[] } {
  const { params, p } = sqlParams(db, reserved);
  const any = selectors.filter((s) => s.entityIds.length).map((s) =>
    `("AuditEvent"."entity_type" = ${p(s.entityType)} AND "AuditEvent"."entity_id" IN (${s.entityIds.map((id) => p(String(id))).join(', ')}))`);
  return { sql: any.length ? any.join(' OR ') : '1 = 0', params };
}

/** The newest event id among the selected ones (0 when none). */
export async function newestEventOf(ctx: AppContext, selectors: readonly EventSelector[]): Promise<number> {
  const where = selectorSql(ctx.db, selectors, 0);
  const [row] = await ctx.db.select<{ id: number | string | null }>(`SELECT max(id) AS id FROM "audit_events" AS "AuditEvent" WHERE ${where.sql}`, where.params);
  return Number(row?.id ?? 0);
}

/** The selected events of the tree of `size`, oldest first, in the export's form. */
export function selectedEvents(ctx: AppContext, selectors: readonly EventSelector[], size: number): Promise<ExportedAuditEvent[]> {
  return readAuditEvents(ctx.db, 0, size, size, selectorSql(ctx.db, selectors, 3));
}
