import type { Transaction } from 'sequelize';
import type { Role } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { isSet } from '../platform/db/records';
import { lockStaffMember } from './repository';

const HOLDERS: readonly Role[] = ['agent', 'supervisor'];

/**
 * Whether a staff member may hold requests: an active agent or supervisor. Read with `lock` on
 * PostgreSQL (FOR SHARE by whoever gives them a request, FOR UPDATE by a hand-over to them), so a
 * concurrent disabling either waits for this transaction or is seen by it.
 */
export async function isAssignable(ctx: AppContext, tx: Transaction, staffId: number, lock: 'FOR SHARE' | 'FOR UPDATE'): Promise<boolean> {
  const staff = await lockStaffMember(ctx, tx, staffId, lock);
  return !!staff && isSet(staff.active) && HOLDERS.includes(staff.role);
}
