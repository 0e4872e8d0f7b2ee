import { StaffUserAnswer } from '@closure-desk/shared';
import { ROLES } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { bool, iso, type ListResource } from '../platform/http/list-resource';
import type { StaffUserRecord } from '../platform/db/records';

export const staffUserToApi = (r: StaffUserRecord): StaffUserAnswer => ({
  id: r.id,
  email: r.email,
  fullName: r.fullName,
  role: r.role,
  active: bool(r.active),
  locale: r.locale ?? 'en',
  lastLoginAt: iso(r.lastLoginAt),
});

export function staffUserResource(ctx: AppContext): ListResource<StaffUserRecord, StaffUserAnswer> {
  return {
    name: 'staff-users',
    tag: 'staff', answer: StaffUserAnswer,
    model: ctx.models.StaffUser,
    access: ['admin'],
    filters: {
      role: { type: { kind: 'enum', values: ROLES } },
      active: { type: { kind: 'bool' } },
    },
    sorts: { id: 'id', email: 'email', fullName: 'fullName', role: 'role', lastLoginAt: 'lastLoginAt' },
    defaultSort: ['id', 'ASC'],
    toApi: staffUserToApi,
  };
}
