import type { Role } from '@closure-desk/shared';

/**
 * Which roles may call which endpoints (API.md's tables and the server's route declarations),
 * used to show only what would not answer 403. The server enforces the same rules; the closure
 * workflow itself (who may act on which request, from which state) comes from shared/.
 */
const is =
  (...roles: Role[]) =>
  (role: unknown): boolean =>
    roles.includes(role as Role);

export const canReadAuditEvents = is('auditor', 'supervisor', 'admin');
export const canReadStaffUsers = is('admin');
export const canReadSettings = is('admin', 'supervisor', 'auditor');
export const canEditSettings = is('admin');
/** Approving or rejecting a guarded setting's pending change (never one's own proposal: four eyes). */
export const canDecideSettings = is('admin');
/** Notes, attachments, refunds, retries: the people who process requests. */
export const canWork = is('agent', 'supervisor');
/** The evidence pack of a request (GET /api/closure-requests/:id/evidence) and the page that verifies one in the browser. */
export const canDownloadEvidence = is('auditor', 'supervisor');
export const canVerifyEvidence = is('auditor', 'supervisor');
export const canReadAttachments = is('agent', 'supervisor', 'auditor');
export const canReveal = is('supervisor', 'auditor');
export const canWaiveBills = is('supervisor');
export const canDecideRefunds = is('supervisor');
export const canAssign = is('supervisor');
export const canUseStaffDirectory = is('agent', 'supervisor', 'admin');
