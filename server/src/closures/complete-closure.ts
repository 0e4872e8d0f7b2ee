import type { Transaction } from 'sequelize';
import { forfeitedAtCompletion } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { appendAuditEvent } from '../audit';
import { enqueueTerminationCommands } from '../connectors';
import { lockCustomer, type ClosureRequestRecord } from './repository';


/**
 * The irreversible part of `complete`, inside the action's transaction: forfeit what balance
 * remains (ledger entries), close the customer, and put the termination of every profile in the
 * peers' outbox (TMF641 delete; ES2+ CancelOrder when never downloaded). The profiles are
 * terminated and their numbers quarantined once the peers confirm (finishClosing).
 */
export async function completeClosure(ctx: AppContext, tx: Transaction, rc: RequestContext, request: ClosureRequestRecord): Promise<void> {
  const { models, db } = ctx;
  const customer = await lockCustomer(ctx, tx, request.customerId);
  const at = new Date();
  const cash = Number(customer.cashBalance);
  const promo = Number(customer.promoBalance);
  const entries = forfeitedAtCompletion({ cash, promo }).map((e) => ({
    ...e, customerId: customer.id, kind: 'forfeit' as const, currency: customer.currency, occurredAt: at,
    reference: request.reference, closureRequestId: request.id,
  }));
  if (entries.length) await models.BalanceEntry.bulkCreate(entries, { transaction: tx });

  // Plain SQL: a Sequelize read on SQLite asks `PRAGMA table_info` first, inside the writer's transaction.
  const profiles = await db.query<{ id: number; iccid: string; deviceState: string }>(
    tx, 'SELECT id, iccid, device_state AS "deviceState" FROM esim_profiles WHERE customer_id = $1 ORDER BY id', [customer.id],
  );
  const commands = await enqueueTerminationCommands(ctx, tx, request.id, profiles.map((p) => ({ id: Number(p.id), iccid: p.iccid, deviceState: p.deviceState })));
  await models.Customer.update(
    { status: 'closed', closedAt: at, cashBalance: 0, promoBalance: 0, updatedAt: at },
    { where: { id: customer.id }, transaction: tx },
  );
  await appendAuditEvent(db, models, tx, {
    actor: rc.actor, ip: rc.ip, action: 'customer.close', entityType: 'customer', entityId: customer.id,
    reason: `Closure ${request.reference}`,
    before: { status: customer.status, cashBalance: cash, promoBalance: promo },
    after: {
      status: 'closed', cashBalance: 0, promoBalance: 0, forfeited: { cash, promo },
      profiles: profiles.map((p) => ({ iccid: p.iccid, termination: p.deviceState === 'none' ? ['network', 'smdp'] : ['network'] })), commands,
    },
  });
}
