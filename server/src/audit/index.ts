/** What other components may use from the audit trail. */
export { appendAuditEvent, type AuditInput } from './append-audit-event';
export { AUDIT_READERS } from './resources';
export { parseExportQuery, describeFilter, type ExportFormat } from './export-query';
export { keysetPages, renderPage, renderPages, streamAuditedExport, EXPORT_PAGE_SIZE, type ExportDefinition, type RenderedPage, type RowWriter } from './stream-export';
export { checkpointCovering, consistencyProofs, inclusionPaths, newestEventOf, publicKeyPem, selectedEvents, type EventSelector } from './evidence';
export type { ExportedAuditEvent } from './export-row';
