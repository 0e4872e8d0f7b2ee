import type { Transaction } from 'sequelize';
import { forfeitedAtCompletion } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { appendAuditEvent } from '../audit';
import { enqueueTerminationCommands } from '../connectors';
import { closeCustomer, insertBalanceEntries, lockCustomer, profilesToTerminate, type ClosureRequestRecord } from './repository';

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
  if (entries.length) await insertBalanceEntries(ctx, tx, entries);

  const profiles = await profilesToTerminate(ctx, tx, customer.id);
  const commands = await enqueueTerminationCommands(ctx, tx, request.id, profiles.map((p) => ({ id: Number(p.id), iccid: p.iccid, deviceState: p.deviceState })));
  await closeCustomer(ctx, tx, customer.id, at);
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
