import { z } from 'zod';
import { isCalendarDate, isStorableInstant } from '@closure-desk/shared';
import { AppError } from '../errors';

export const MAX_PAGE_ROWS = 500;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** How a filter's value is read and checked. */
export type FilterType =
  | { kind: 'int' }
  | { kind: 'string' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'bool' }
  | { kind: 'date' } // YYYY-MM-DD
  | { kind: 'datetime' } // ISO 8601
  | { kind: 'money' }; // integer minor units

export interface FilterDef {
  /** the model attribute it filters; omitted for custom filters */
  attribute?: string;
  type: FilterType;
  /** `_gte` / `_lte` are accepted too */
  range?: boolean;
}

export interface ParsedFilter {
  field: string;
  op: 'eq' | 'in' | 'gte' | 'lte';
  value: unknown;
  def: FilterDef;
}

export interface ListQuery {
  sort: { field: string; order: 'ASC' | 'DESC' };
  range: { offset: number; limit: number };
  filters: ParsedFilter[];
  q?: string;
  ids?: number[];
}

const jsonParam = (name: string, raw: unknown): unknown => {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new AppError('validation_failed', `${name} must be given once, as JSON`);
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError('validation_failed', `${name} is not valid JSON`);
  }
};

const SortParam = z.tuple([z.string().min(1).max(64), z.enum(['ASC', 'DESC', 'asc', 'desc'])]);
const RangeParam = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A day that exists, in years 0001–9999 (what both databases store). */
const isRealDate = (s: string) => isCalendarDate(s);

function readScalar(field: string, type: FilterType, raw: unknown): unknown {
  const bad = (what: string) => new AppError('validation_failed', `filter ${field}: ${what}`, [{ path: `filter.${field}`, message: what }]);
  switch (type.kind) {
    case 'int': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw bad('must be an integer');
      // ids and references are 32-bit columns on PostgreSQL: a larger value can match nothing
      if (n < INT32_MIN || n > INT32_MAX) throw bad('is out of range');
      return n;
    }
    case 'money': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw bad('must be an integer amount in minor units');
      return n;
    }
    case 'string':
      if (typeof raw !== 'string' || raw.length > 200) throw bad('must be a string of at most 200 characters');
      return raw;
    case 'enum':
      if (typeof raw !== 'string' || !type.values.includes(raw)) throw bad(`must be one of ${type.values.join(', ')}`);
      return raw;
    case 'bool':
      if (raw === true || raw === 'true') return true;
      if (raw === false || raw === 'false') return false;
      throw bad('must be true or false');
    case 'date':
      if (typeof raw !== 'string' || !isRealDate(raw)) throw bad('must be a date YYYY-MM-DD');
      return raw;
    case 'datetime': {
      if (typeof raw !== 'string' || raw.length > 40) throw bad('must be an ISO 8601 time');
      const d = DATE_RE.test(raw) ? (isRealDate(raw) ? new Date(`${raw}T00:00:00Z`) : null) : new Date(raw);
      if (!d || Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(raw)) throw bad('must be an ISO 8601 time');
      // Bounded after the offset is applied: 9999-12-31T23:30-01:00 is in year 10000, which neither database stores.
      if (!isStorableInstant(d)) throw bad('must be between 0001-01-01 and 9999-12-31 (UTC)');
      return d;
    }
  }
}

/**
 * `record[key]` when key is the record's own property, else undefined. Every lookup of a key the
 * caller wrote (a filter, a sort, an action, a setting) goes through an own-property test: a plain
 * object answers `constructor`, `toString` or `__proto__` from its prototype.
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Reads React-Admin's simple REST query (`sort`, `range`, `filter`), refusing anything unknown. */
export function parseListQuery(
  query: Record<string, unknown>,
  spec: { filters: Record<string, FilterDef>; sorts: readonly string[]; defaultSort: [string, 'ASC' | 'DESC']; q: boolean },
): ListQuery {
  for (const key of Object.keys(query)) {
    if (!['sort', 'range', 'filter'].includes(key)) throw new AppError('validation_failed', `Unknown query parameter ${key}`);
  }
  const sortRaw = jsonParam('sort', query.sort);
  const sortParsed = sortRaw === undefined ? spec.defaultSort : SortParam.safeParse(sortRaw).data;
  if (!sortParsed) throw new AppError('validation_failed', 'sort must be ["field","ASC"|"DESC"]');
  const [sortField, sortOrder] = sortParsed;
  if (!spec.sorts.includes(sortField)) {
    throw new AppError('validation_failed', `Cannot sort by ${sortField}`, [{ path: 'sort', message: `allowed: ${spec.sorts.join(', ')}` }]);
  }

  const rangeRaw = jsonParam('range', query.range);
  const rangeParsed = rangeRaw === undefined ? [0, 24] : RangeParam.safeParse(rangeRaw).data;
  if (!rangeParsed) throw new AppError('validation_failed', 'range must be [first, last] with non-negative integers');
  const [first, last] = rangeParsed as [number, number];
  if (last < first) throw new AppError('validation_failed', 'range must have first <= last');
  if (last - first + 1 > MAX_PAGE_ROWS) throw new AppError('validation_failed', `A page has at most ${MAX_PAGE_ROWS} rows`);

  const filterRaw = jsonParam('filter', query.filter) ?? {};
  if (typeof filterRaw !== 'object' || filterRaw === null || Array.isArray(filterRaw)) {
    throw new AppError('validation_failed', 'filter must be a JSON object');
  }
  const out: ListQuery = { sort: { field: sortField, order: sortOrder.toUpperCase() as 'ASC' | 'DESC' }, range: { offset: first, limit: last - first + 1 }, filters: [] };
  for (const [key, raw] of Object.entries(filterRaw)) {
    if (raw === undefined || raw === null || raw === '') continue;
    if (key === 'q' && spec.q) {
      if (typeof raw !== 'string' || raw.length > 200) throw new AppError('validation_failed', 'q must be a string of at most 200 characters');
      if (raw.trim()) out.q = raw.trim();
      continue;
    }
    if (key === 'id') {
      const ids = Array.isArray(raw) ? raw : [raw];
      if (ids.length === 0 || ids.length > MAX_PAGE_ROWS) throw new AppError('validation_failed', `Give 1 to ${MAX_PAGE_ROWS} ids`);
      out.ids = ids.map((v) => readScalar('id', { kind: 'int' }, v) as number);
      continue;
    }
    const suffix = /_(gte|lte)$/.exec(key);
    const base = suffix ? key.slice(0, -4) : key;
    // Own properties only: `constructor` or `__proto__` is in every object, and is no filter.
    const def = ownValue(spec.filters, base);
    const exact = ownValue(spec.filters, key);
    if (exact && !suffix) {
      if (Array.isArray(raw)) {
        if (raw.length === 0 || raw.length > 100) throw new AppError('validation_failed', `filter ${key}: give 1 to 100 values`);
        out.filters.push({ field: key, op: 'in', value: raw.map((v) => readScalar(key, exact.type, v)), def: exact });
      } else {
        out.filters.push({ field: key, op: 'eq', value: readScalar(key, exact.type, raw), def: exact });
      }
      continue;
    }
    if (suffix && def?.range) {
      out.filters.push({ field: base, op: suffix[1] as 'gte' | 'lte', value: readScalar(key, def.type, raw), def });
      continue;
    }
    throw new AppError('validation_failed', `Unknown filter ${key}`, [{ path: `filter.${key}`, message: 'unknown filter' }]);
  }
  return out;
}

/** Escapes LIKE's wildcards so a search for `50%` finds "50%", not everything. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
