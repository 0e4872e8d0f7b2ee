import type { Transaction } from 'sequelize';
import type { MaskedCustomerField } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { CustomerRecord, EsimProfileRecord } from '../platform/db/records';

/**
 * The customers component's rows: customers and their eSIM profiles. The blind search index
 * (search_digests, search_index_state) is kept by search-index.ts, its own store: its reads and
 * writes are bound to the digests it computes and stay with them.
 */

/** One masked field of a customer and whether the customer was anonymised, read in the caller's transaction; or null. */
export async function findCustomerField<F extends MaskedCustomerField>(
  ctx: AppContext, tx: Transaction, id: number, field: F,
): Promise<Pick<CustomerRecord, 'id' | 'anonymisedAt' | F> | null> {
  return ctx.models.Customer.findByPk(id, { attributes: ['id', 'anonymisedAt', field], raw: true, transaction: tx });
}

/** The customer with this account number, read in the caller's transaction; or null. */
export async function findCustomerByAccountNo(ctx: AppContext, tx: Transaction, accountNo: string): Promise<CustomerRecord | null> {
  return ctx.models.Customer.findOne({ where: { accountNo }, raw: true, transaction: tx });
}

/** The profile with this ICCID, locked for the rest of the transaction; or null. */
export async function lockProfileByIccid(ctx: AppContext, tx: Transaction, iccid: string): Promise<EsimProfileRecord | null> {
  return ctx.models.EsimProfile.findOne({ where: { iccid }, lock: true, raw: true, transaction: tx });
}

/** What a device report may change of a profile. */
export type ProfileDeviceChanges = Pick<EsimProfileRecord, 'deviceState' | 'updatedAt'> & Partial<Pick<EsimProfileRecord, 'eid'>>;

export async function updateProfile(ctx: AppContext, tx: Transaction, id: number, changes: ProfileDeviceChanges): Promise<void> {
  await ctx.models.EsimProfile.update(changes, { where: { id }, transaction: tx });
}
