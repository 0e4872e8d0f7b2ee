import type { Transaction } from 'sequelize';
import type { Role } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';

const HOLDERS: readonly Role[] = ['agent', 'supervisor'];

/**
 * Whether a staff member may hold requests: an active agent or supervisor. Read with `lock` on
 * PostgreSQL (FOR SHARE by whoever gives them a request, FOR UPDATE by a hand-over to them), so a
 * concurrent disabling either waits for this transaction or is seen by it. Plain SQL: a Sequelize
 * read on SQLite asks `PRAGMA table_info` first, inside the writer's transaction.
 */
export async function isAssignable(ctx: AppContext, tx: Transaction, staffId: number, lock: 'FOR SHARE' | 'FOR UPDATE'): Promise<boolean> {
  const suffix = ctx.db.dialect === 'postgres' ? ` ${lock}` : '';
  const [staff] = await ctx.db.query<{ active: boolean | number; role: Role }>(tx, `SELECT active, role FROM staff_users WHERE id = $1${suffix}`, [staffId]);
  return !!staff && (staff.active === true || staff.active === 1) && HOLDERS.includes(staff.role);
}
