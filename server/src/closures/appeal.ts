import { UniqueConstraintError, type Transaction } from 'sequelize';
import { appealableUntil } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { getSetting } from '../platform/settings-store';
import { createClosureRequest } from './create-closure-request';
import { findAppealOf, findClosureRequestByReference } from './repository';

/**
 * The customer appeals (申诉) a rejection in the app: within `appealDays` of it, a new request
 * linked to the rejected one (`appealOfId`), channel app, which the rejected one's decider may not
 * decide. The rejected request stays final. One appeal per rejection (409 duplicate_open_request).
 */
export async function appealRejection(ctx: AppContext, tx: Transaction, rc: RequestContext, reference: string, text: string) {
  const { models } = ctx;
  const original = await findClosureRequestByReference(ctx, tx, reference);
  if (original.status !== 'rejected') {
    throw new AppError('invalid_transition', `Only a rejected request can be appealed; ${reference} is ${original.status}`);
  }
  const until = appealableUntil(new Date(original.resolvedAt ?? 0), await getSetting(models, 'appealDays', tx));
  if (Date.now() > until.getTime()) {
    throw new AppError('appeal_window_closed', `The appeal window of ${reference} closed on ${until.toISOString()}`, [{ appealableUntil: until.toISOString() }]);
  }
  const earlier = await findAppealOf(ctx, tx, original.id);
  if (earlier) {
    throw new AppError('duplicate_open_request', `${reference} was already appealed (${earlier.reference})`, [{ reference: earlier.reference, id: earlier.id }]);
  }
  try {
    return await createClosureRequest(ctx, tx, rc, {
      customerId: original.customerId, channel: 'app', reasonCode: original.reasonCode, reasonText: text,
      verificationMethod: 'app_login', identityVerified: true, requestedEffectiveDate: original.requestedEffectiveDate,
      appealOfId: original.id,
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw new AppError('duplicate_open_request', `${reference} was already appealed`);
    throw err;
  }
}
