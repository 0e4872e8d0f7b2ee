import { iso } from '../platform/http/list-resource';
import type { HashedEvent } from './hash';

/** The columns of an audit export, in order (API.md "Audit trail and exports"). */
export const AUDIT_EXPORT_COLUMNS = [
  'id', 'at', 'actorId', 'actorEmail', 'actorRole', 'ip', 'action', 'entityType', 'entityId', 'reason',
  'before', 'after', 'prevHash', 'hash',
] as const;

/** One exported event: the hashed fields exactly as stored (before/after as JSON text), and its hash. */
export type ExportedAuditEvent = HashedEvent & { hash: string };

type Row = Record<string, unknown>;
const text = (v: unknown) => (v == null ? null : String(v));

/** A raw AuditEvent row (model attributes) as the hash rule sees it, whatever the dialect handed back. */
export function auditRowToExport(r: Row): ExportedAuditEvent {
  return {
    id: Number(r.id),
    at: iso(r.at) ?? String(r.at),
    actorId: r.actorId == null ? null : Number(r.actorId),
    actorEmail: text(r.actorEmail),
    actorRole: text(r.actorRole),
    ip: text(r.ip),
    action: String(r.action),
    entityType: String(r.entityType),
    entityId: text(r.entityId),
    reason: text(r.reason),
    before: text(r.before),
    after: text(r.after),
    prevHash: String(r.prevHash),
    hash: String(r.hash),
  };
}

export const auditEventCells = (e: ExportedAuditEvent): unknown[] => AUDIT_EXPORT_COLUMNS.map((c) => e[c]);
