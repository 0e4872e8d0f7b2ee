import { OPEN_STATUSES } from '@closure-desk/shared';

/**
 * The shared workflow's open statuses as a SQL condition on `status`, in the workflow's order:
 * the overdue filter's text, which must equal the predicate of the partial indexes it relies on
 * (migration 0004 froze the same text; test/open-status-sql.test.ts says when they part).
 */
export const OPEN_STATUS_SQL = `status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
