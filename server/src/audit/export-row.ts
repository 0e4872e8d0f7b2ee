import type { Database } from '../platform/db/database';
import { shapeExport, type RecordOfExport } from './export-shape';

const A = '"AuditEvent"';
const a = (column: string) => `${A}."${column}"`;

/**
 * An audit event as exported (API.md "Audit trail and exports"), declared once: the export's
 * header and both writers, the chain check's and the evidence pack's reads, and the type the hash
 * rule checks all come from it. The hashed fields are exactly as stored (before/after as JSON text).
 */
export const AUDIT_EVENT_EXPORT = shapeExport({
  from: `"audit_events" AS ${A}`,
  idColumn: a('id'),
  columns: [
    { key: 'id', sql: a('id'), kind: 'int', nullable: false },
    { key: 'at', sql: a('at'), kind: 'time', nullable: false },
    { key: 'actorId', sql: a('actor_id'), kind: 'int' },
    { key: 'actorEmail', sql: a('actor_email'), kind: 'text' },
    { key: 'actorRole', sql: a('actor_role'), kind: 'text' },
    { key: 'ip', sql: a('ip'), kind: 'text' },
    { key: 'action', sql: a('action'), kind: 'text', nullable: false },
    { key: 'entityType', sql: a('entity_type'), kind: 'text', nullable: false },
    { key: 'entityId', sql: a('entity_id'), kind: 'text' },
    { key: 'reason', sql: a('reason'), kind: 'text' },
    { key: 'before', sql: a('before'), kind: 'text' },
    { key: 'after', sql: a('after'), kind: 'text' },
    { key: 'prevHash', sql: a('prev_hash'), kind: 'text', nullable: false },
    { key: 'hash', sql: a('hash'), kind: 'text', nullable: false },
  ],
});

/** One exported event: the hashed fields (hash.ts HashedEvent) and its hash. */
export type ExportedAuditEvent = RecordOfExport<typeof AUDIT_EVENT_EXPORT>;

/** The columns of an audit export, in order. */
export const AUDIT_EXPORT_COLUMNS = AUDIT_EVENT_EXPORT.keys;

/** The events after `afterId` up to `lastId` that meet `filter` (SQL over "AuditEvent", parameters numbered from 4), oldest first. */
export const readAuditEvents = (db: Database, afterId: number, lastId: number, limit: number, filter = { sql: '', params: [] as unknown[] }) =>
  AUDIT_EVENT_EXPORT.read(db, filter, afterId, lastId, limit);
