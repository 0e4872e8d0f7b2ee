import { useQuery } from '@tanstack/react-query';
import { useGetList } from 'react-admin';
import type { StaffEntry } from '../dashboard/types';
import { useApi } from '../dataProvider';
import { canReadStaffUsers, canUseStaffDirectory } from '../permissions';
import { useMe } from './useRole';

/**
 * Active agents and supervisors (`GET /api/staff-directory`), for agents, supervisors and admins.
 * `fresh`: read again on mount, for the open counts a picker shows; names alone may be minutes old.
 */
export function useStaffDirectory({ fresh = false }: { fresh?: boolean } = {}) {
  const api = useApi();
  const me = useMe();
  return useQuery({
    queryKey: ['staff-directory'],
    queryFn: () => api.getStaffDirectory(),
    enabled: canUseStaffDirectory(me?.role),
    staleTime: 5 * 60_000,
    refetchOnMount: fresh ? 'always' : true,
  });
}

/**
 * Staff names by id, from whatever this role may read: the directory (agents, supervisors) or
 * the staff list (admins). Auditors read names from the audit trail's e-mails instead.
 */
export function useStaffNames(): Map<number, string> {
  const me = useMe();
  const { data: directory } = useStaffDirectory();
  const { data: staff } = useGetList(
    'staff-users',
    { pagination: { page: 1, perPage: 500 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: canReadStaffUsers(me?.role), staleTime: 5 * 60_000 },
  );
  const names = new Map<number, string>();
  for (const s of (directory ?? []) as StaffEntry[]) names.set(s.id, s.fullName);
  for (const s of staff ?? []) names.set(Number(s.id), String(s.fullName));
  return names;
}
