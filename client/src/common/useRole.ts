import type { Role } from '@closure-desk/shared';
import { useGetIdentity } from 'react-admin';

export interface Me {
  id: number;
  role: Role;
  fullName: string;
}

/** The signed-in staff member (id and role), or undefined while it loads. */
export function useMe(): Me | undefined {
  const { identity } = useGetIdentity();
  if (!identity) return undefined;
  return { id: Number(identity.id), role: identity.role as Role, fullName: String(identity.fullName ?? '') };
}

/** Roles that process requests (take, decide, record refunds, write notes). */
export const isWorker = (role: Role | undefined) => role === 'agent' || role === 'supervisor';
