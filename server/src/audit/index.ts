/** What other components may use from the audit trail. */
export { appendAuditEvent, type AuditInput } from './append-audit-event';
export { AUDIT_READERS } from './resources';
export { parseExportQuery, describeFilter, type ExportFormat } from './export-query';
export { keysetPages, renderPage, renderPages, streamAuditedExport, EXPORT_PAGE_SIZE, type ExportDefinition, type RenderedPage, type RowWriter } from './stream-export';
export type { ExportedAuditEvent } from './export-row';
export { ChainVerifier } from './chain-verifier';
export { SQLITE_EXPORT_PAGE_SIZE } from './stream-export';
export { appendSignedCheckpoint } from './signed-checkpoint';
export { auditCheckpointResource, auditEventResource } from './resources';
export { auditRoutes } from './routes';
export { checkpointCovering, consistencyProofs, inclusionPaths, publicKeyPem } from './evidence';
export { findHeadEventId, newestEventOf, selectedEvents, type EventSelector } from './repository';
export { checkpointSignatureMatches, parseCheckpointToken, type CheckpointClaim } from './checkpoint-signature';
export { shapeExport, type ExportColumn, type RecordOfExport } from './export-shape';
export { loadSigningKey } from './signing-key';
export { openCheckpointNote, type CheckpointBody } from './signed-note';
export { readExportLine } from './read-export-line';
export { treeCheckpointJob } from './tree-checkpoint-job';
