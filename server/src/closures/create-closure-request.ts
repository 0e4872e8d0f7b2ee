import { randomBytes } from 'node:crypto';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { dueAt, type Channel, type ReasonCode, type VerificationMethod } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { getSetting } from '../platform/settings-store';
import { appendAuditEvent } from '../audit';
import { enqueueCustomerNotification } from '../notifications';
import { findOpenClosureRequestOf, insertClosureRequest, lockCustomer, readClosureRequest, setClosureRequestReference } from './repository';
import { recordClosureChange } from './record-change';

export interface NewClosureRequest {
  customerId: number;
  channel: Channel;
  reasonCode: ReasonCode;
  reasonText?: string | null;
  verificationMethod: VerificationMethod;
  identityVerified: boolean;
  requestedEffectiveDate?: string | null;
  /** an appeal (申诉): the rejected request it appeals against */
  appealOfId?: number | null;
}

/** The reference the customer keeps as proof: CR-<year>-<id, six digits at least>. */
export const referenceFor = (id: number, at: Date) => `CR-${at.getUTCFullYear()}-${String(id).padStart(6, '0')}`;

/**
 * Opens a closure request inside the caller's transaction (staff logging a call or an e-mail, or
 * intake from the app): one open request per account, none for a closed account, the customer
 * told the reference at once.
 */
export async function createClosureRequest(ctx: AppContext, tx: Transaction, rc: RequestContext, input: NewClosureRequest) {
  const { models, db } = ctx;
  const customer = await lockCustomer(ctx, tx, input.customerId);
  if (customer.status === 'closed') throw new AppError('account_closed', 'This account is closed and cannot be closed again');
  const open = await findOpenClosureRequestOf(ctx, tx, input.customerId);
  if (open) {
    throw new AppError('duplicate_open_request', `The account already has an open closure request (${open.reference})`, [{ reference: open.reference, id: open.id }]);
  }
  const submittedAt = new Date();
  const due = dueAt(submittedAt, await getSetting(models, 'slaDays', tx));
  let created;
  try {
    created = await insertClosureRequest(ctx, tx, {
      reference: `tmp-${randomBytes(12).toString('hex')}`, // replaced below once the id is known
      customerId: input.customerId,
      channel: input.channel,
      status: 'submitted',
      reasonCode: input.reasonCode,
      reasonText: input.reasonText ?? null,
      identityVerified: input.identityVerified,
      verificationMethod: input.identityVerified ? input.verificationMethod : null,
      submittedAt,
      dueAt: due,
      requestedEffectiveDate: input.requestedEffectiveDate ?? null,
      appealOfId: input.appealOfId ?? null,
      version: 1,
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw new AppError('duplicate_open_request', 'The account already has an open closure request');
    throw err;
  }
  const id = created.id;
  const reference = referenceFor(id, submittedAt);
  await setClosureRequestReference(ctx, tx, id, reference);
  await appendAuditEvent(db, models, tx, {
    actor: rc.actor, actorName: rc.actor ? null : rc.intakeName ?? null, ip: rc.ip, action: 'closure.submitted', entityType: 'closure_request', entityId: id,
    reason: input.reasonText ?? null,
    after: {
      reference, status: 'submitted', channel: input.channel, reasonCode: input.reasonCode, identityVerified: input.identityVerified, verificationMethod: input.verificationMethod,
      ...(input.appealOfId ? { appealOfId: input.appealOfId } : {}),
    },
  });
  await recordClosureChange(db, tx, null, created);
  await enqueueCustomerNotification(ctx, tx, {
    customerId: input.customerId, closureRequestId: id, template: 'closure_received',
    params: { reference, dueDate: due.toISOString().slice(0, 10) },
  });
  return readClosureRequest(ctx, id, tx);
}
