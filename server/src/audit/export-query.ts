import type { Request } from 'express';
import { maskEmail } from '@closure-desk/shared';
import { AppError } from '../platform/errors';
import { parseListQuery, type ListQuery } from '../platform/http/list-query';
import type { ListResource } from '../platform/http/list-resource';

export type ExportFormat = 'csv' | 'jsonl';

export interface ExportQuery {
  format: ExportFormat;
  /** the list's own filters, parsed and checked exactly as the list endpoint does */
  query: ListQuery;
}

/**
 * Reads `?format=csv|jsonl&filter={...}` with the list resource's filter definitions, so an
 * export matches what the list shows. Sorting and paging are the export's own (oldest first,
 * everything): `sort`, `range` or anything else is a 400.
 */
export function parseExportQuery(spec: ListResource, req: Request): ExportQuery {
  const { format, filter, ...rest } = req.query as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) {
    throw new AppError('validation_failed', `Unknown query parameter ${unknown}: an export takes format and filter`, [
      { path: unknown, message: 'unknown parameter' },
    ]);
  }
  if (format !== 'csv' && format !== 'jsonl') {
    throw new AppError('validation_failed', 'format must be csv or jsonl', [{ path: 'format', message: 'csv or jsonl' }]);
  }
  const query = parseListQuery(filter === undefined ? {} : { filter }, {
    filters: spec.filters,
    sorts: Object.keys(spec.sorts),
    defaultSort: spec.defaultSort,
    q: Boolean(spec.searchSql),
  });
  return { format, query };
}

// A free-text search may be a phone number, an e-mail or a name: the audit trail keeps it masked.
const maskSearch = (q: string) => (q.includes('@') ? maskEmail(q)! : q.length <= 4 ? '*'.repeat(q.length) : `${q.slice(0, 2)}${'*'.repeat(q.length - 4)}${q.slice(-2)}`);

/** The filter as the audit event records it: the parsed conditions, the search masked. */
export function describeFilter(query: ListQuery): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (query.ids) out.id = query.ids;
  for (const f of query.filters) {
    const key = f.op === 'gte' || f.op === 'lte' ? `${f.field}_${f.op}` : f.field;
    out[key] = Array.isArray(f.value) ? f.value : f.value instanceof Date ? f.value.toISOString() : f.value;
  }
  if (query.q) out.q = maskSearch(query.q);
  return out;
}
