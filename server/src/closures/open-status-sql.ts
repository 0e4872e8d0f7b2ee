import { OPEN_STATUSES } from '@closure-desk/shared';

/**
 * The shared workflow's open statuses as a SQL condition on `status`, in the workflow's order:
 * the overdue filter's text, which must equal the predicate of the partial indexes it relies on
 * (migration 0004 froze the same text; test/open-status-sql.test.ts says when they part).
 */
export const OPEN_STATUS_SQL = `status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/**
 * Overdue as SQL: shared isOverdue (closure-workflow.ts: open, and its due time has passed at
 * `now`), for queries that count or filter by it. `now` is SQL text (a placeholder); `table`
 * qualifies the columns ('' for none), e.g. `"ClosureRequest"`.
 */
export function overdueSql(now: string, table = ''): string {
  const t = table ? `${table}.` : '';
  return `${t}${OPEN_STATUS_SQL} AND ${t}"due_at" < ${now}`;
}
