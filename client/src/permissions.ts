/**
 * Which resources each role may read (API.md's table), used to build the menu.
 * The server enforces the same rules; this only hides what would answer 403.
 */
export const canReadAuditEvents = (role: unknown): boolean =>
  role === 'auditor' || role === 'supervisor' || role === 'admin';

export const canReadStaffUsers = (role: unknown): boolean => role === 'admin';

