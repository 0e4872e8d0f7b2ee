import { OPEN_STATUSES } from '@closure-desk/shared';

/** A list page's address with its filter and sort, as react-admin reads them from the URL. */
export const listUrl = (resource: string, filter: Record<string, unknown>, sort?: { field: string; order: 'ASC' | 'DESC' }) => {
  const params = new URLSearchParams({ filter: JSON.stringify(filter) });
  if (sort) {
    params.set('sort', sort.field);
    params.set('order', sort.order);
  }
  return `/${resource}?${params}`;
};

/**
 * The queue: the open requests, most urgent first. Earliest due first puts the overdue ones at the
 * top (they are the open requests whose due time has passed), then the ones due soonest.
 */
export const URGENT_FIRST = { field: 'dueAt', order: 'ASC' } as const;
export const queueUrl = (filter: Record<string, unknown> = {}) =>
  listUrl('closure-requests', { ...filter, status: [...OPEN_STATUSES] }, URGENT_FIRST);
