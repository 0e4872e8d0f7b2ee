import type { Transaction } from 'sequelize';
import {
  CHANNEL_EVIDENCE, CLOSURE_ACTION_BODIES, appealDecisionRefusal, approvalRefusal, completionRefusal, decideAction, formatMinor, resumedDueAt,
  LOCALES, type ClosureAction, type ClosureActionBodies, type ClosureFacts, type ClosureRequestAnswer, type Locale, type Role,
} from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { appendAuditEvent } from '../audit';
import { enqueueCustomerNotification } from '../notifications';
import type { NotificationTemplate } from '../notifications';
import { requeueFailedCommands } from '../connectors';
import { isAssignable } from './assignable';
import { completeClosure } from './complete-closure';
import { recordClosureChange } from './record-change';
import {
  deciderOf, insertClosureNote, loadClosureFacts, lockClosureRequest, readClosureRequest, writeClosureRequestAtVersion,
  type ClosureRequestChanges, type ClosureRequestRecord,
} from './repository';

interface Step<A extends ClosureAction> {
  (s: { ctx: AppContext; tx: Transaction; rc: RequestContext; request: ClosureRequestRecord; body: ClosureActionBodies[A] }): Promise<{
    changes: ClosureRequestChanges;
    /** more for the audit event's `after` than the columns changed (e.g. the time waited) */
    audit?: { waitedMs?: number; requeued?: number };
    reason?: string | null;
    notify?: { template: NotificationTemplate; params: Record<string, string | number | null> };
  }>;
}

const now = () => new Date();

/**
 * The person a request is about to be given to, read FOR SHARE: an admin disabling them meanwhile
 * (FOR UPDATE, with the hand-over of their open requests) either waits for this and hands it over
 * too, or commits first and this refuses. No request lands on a disabled account.
 */
async function lockAssignable(ctx: AppContext, tx: Transaction, staffId: number, refusal: string): Promise<void> {
  if (!(await isAssignable(ctx, tx, staffId, 'FOR SHARE'))) {
    throw new AppError('validation_failed', refusal, [{ path: 'assigneeId', message: 'not an active agent or supervisor' }]);
  }
}

/** What each action writes beyond the state change; the guards come from the shared workflow. */
const STEPS: { [A in ClosureAction]: Step<A> } = {
  claim: async ({ ctx, tx, rc }) => {
    await lockAssignable(ctx, tx, rc.actor!.id, 'Your account can no longer take requests');
    return { changes: { assigneeId: rc.actor!.id } };
  },

  assign: async ({ ctx, tx, body }) => {
    await lockAssignable(ctx, tx, body.assigneeId, 'assigneeId must be an active agent or supervisor');
    return { changes: { assigneeId: body.assigneeId } };
  },

  // The fair clock starts waiting: resume (or the info-wait job) reads waitingSince.
  'request-info': async ({ request, body }) => ({
    changes: { waitingSince: now(), infoRemindedAt: null },
    reason: body.message,
    notify: { template: 'info_requested', params: { reference: request.reference, message: body.message } },
  }),

  // Time spent waiting for the customer does not count: dueAt moves later by it (DOMAIN.md "Service level").
  resume: async ({ request, body }) => {
    const since = request.waitingSince ? new Date(request.waitingSince) : null;
    if (!since) return { changes: {}, reason: body.note ?? null };
    const moved = resumedDueAt(new Date(request.dueAt), since, now());
    return {
      changes: { dueAt: moved.dueAt, waitingSince: null, infoRemindedAt: null },
      audit: { waitedMs: moved.waitedMs },
      reason: body.note ?? null,
    };
  },

  'verify-identity': async ({ request, body }) => {
    const needed = CHANNEL_EVIDENCE[request.channel];
    if (body.method !== needed) {
      const zh = { app_login: 'App 登录', security_questions: '安全问题', id_document: '身份证件' }[needed];
      throw new AppError('validation_failed', {
        en: `A ${request.channel} request is verified by ${needed.replace('_', ' ')}: choose that method.`,
        'zh-CN': `该渠道的申请须通过「${zh}」核验：请选择该方式。`,
      }, [{ path: 'method', message: `expected ${needed}` }]);
    }
    return { changes: { identityVerified: true, verificationMethod: body.method }, reason: body.note };
  },

  approve: async ({ ctx, tx, rc, request, body }) => {
    const facts = await loadClosureFacts(ctx, request, tx, { balanceDecision: body.balanceDecision, effectiveDate: body.effectiveDate });
    const refused = approvalRefusal(facts);
    if (refused.ids.length) throw blocked(facts, refused.ids, 'approve');
    const outcome = body.balanceDecision === 'none'
      ? 'none'
      : `${body.balanceDecision} ${formatMinor(facts.cashBalance, facts.currency ?? 'CNY')}`;
    return {
      changes: { balanceDecision: body.balanceDecision, effectiveDate: body.effectiveDate, decidedById: rc.actor!.id },
      reason: body.note ?? null,
      notify: { template: 'closure_approved', params: { reference: request.reference, effectiveDate: body.effectiveDate, balanceOutcome: outcome } },
    };
  },

  reject: async ({ rc, request, body }) => ({
    changes: { rejectReasonCode: body.reasonCode, resolvedAt: now(), decidedById: rc.actor!.id, waitingSince: null },
    reason: body.note,
    notify: { template: 'closure_rejected', params: { reference: request.reference, reason: body.reasonCode } },
  }),

  withdraw: async ({ request, body }) => ({
    changes: { resolvedAt: now(), waitingSince: null },
    reason: body.note,
    notify: { template: 'closure_withdrawn', params: { reference: request.reference } },
  }),

  complete: async ({ ctx, tx, rc, request }) => {
    const facts = await loadClosureFacts(ctx, request, tx);
    const refused = completionRefusal(facts);
    if (refused.ids.length) throw blocked(facts, refused.ids, 'complete');
    // Two-phase: the request is `closing` until the peers confirm; finishClosing completes it and tells the customer.
    await completeClosure(ctx, tx, rc, request);
    return { changes: {} };
  },

  'retry-termination': async ({ ctx, tx, request, body }) => {
    const requeued = await requeueFailedCommands(ctx, tx, request.id);
    if (requeued === 0) throw new AppError('precondition_failed', inEach((l) => (l === 'zh-CN' ? '没有失败的终止指令可重试。' : 'No termination command has failed: there is nothing to retry.')), ['termination_confirmed']);
    return { changes: {}, audit: { requeued }, reason: body.note ?? null };
  },

  reopen: async ({ body }) => ({ changes: {}, reason: body.note }),
};

/**
 * POST /api/closure-requests/:id/actions/:action. One transaction: the guarded state change,
 * its side effects, its audit event and its outbox messages commit together or not at all.
 */
export async function performClosureAction(ctx: AppContext, rc: RequestContext, id: number, action: ClosureAction, rawBody: unknown): Promise<ClosureRequestAnswer> {
  const body = CLOSURE_ACTION_BODIES[action].parse(rawBody ?? {});
  return ctx.db.transaction(async (tx) => {
    const request = await lockClosureRequest(ctx, tx, id);
    await applyClosureAction(ctx, tx, rc, request, action, body);
    return readClosureRequest(ctx, id, tx);
  });
}

/** Approving or rejecting an appeal: a supervisor who did not decide the request appealed against. */
async function assertMayDecideAppeal(ctx: AppContext, tx: Transaction, rc: RequestContext, request: ClosureRequestRecord): Promise<void> {
  if (request.appealOfId == null) return;
  const refusal = appealDecisionRefusal({ id: rc.actor!.id, role: rc.actor!.role }, await deciderOf(ctx, tx, request.appealOfId));
  if (refusal) throw new AppError(refusal.code, refusal.message);
}

/**
 * The action on a request already locked in the caller's transaction (the action routes, claim-next):
 * the guards, the change, its audit event, the counters and the customer's message.
 */
export async function applyClosureAction(ctx: AppContext, tx: Transaction, rc: RequestContext, request: ClosureRequestRecord, action: ClosureAction, body: ClosureActionBodies[ClosureAction]): Promise<void> {
  const actor = rc.actor!;
  const id = request.id;
  const decision = decideAction({
    action,
    locale: rc.locale,
    actor: { id: actor.id, role: actor.role },
    request: { status: request.status, assigneeId: (request.assigneeId) ?? null },
  });
  if (!decision.ok && decision.code === 'forbidden') throw new AppError('forbidden', inEach((locale) => refusal(action, actor, request, locale)));
  if (body.version !== request.version) {
    throw new AppError('version_conflict', 'This request changed since you loaded it; reload and try again', [{ currentVersion: request.version }]);
  }
  if (!decision.ok) throw new AppError(decision.code, inEach((locale) => refusal(action, actor, request, locale)));
  if (action === 'approve' || action === 'reject') await assertMayDecideAppeal(ctx, tx, rc, request);

  const step = STEPS[action] as Step<typeof action>;
  const result = await step({ ctx, tx, rc, request, body: body as never });
  const changes = { ...result.changes, status: decision.to, version: (request.version) + 1, updatedAt: now() };
  if (!(await writeClosureRequestAtVersion(ctx, tx, id, request.version, changes))) throw new AppError('version_conflict', 'This request changed while you acted; reload and try again');

  const before = pick(request, Object.keys(changes));
  await appendAuditEvent(ctx.db, ctx.models, tx, {
    actor, ip: rc.ip, action: `closure.${action}`, entityType: 'closure_request', entityId: id,
    reason: result.reason ?? null, before, after: { ...changes, ...result.audit },
  });
  // A note typed in the action's dialog is also a note of the request (API.md "Notes"): colleagues
  // read it under Notes, where they read every other note, not only in the audit trail.
  const typed = (body as { note?: string | null }).note;
  if (typeof typed === 'string' && typed.trim()) {
    await insertClosureNote(ctx, tx, { closureRequestId: id, authorId: actor.id, text: typed, afterDecision: false, createdAt: now() });
  }
  await recordClosureChange(ctx.db, tx, request, { ...request, ...changes });
  if (result.notify) {
    await enqueueCustomerNotification(ctx, tx, {
      customerId: request.customerId, closureRequestId: id, template: result.notify.template, params: result.notify.params,
    });
  }
}

/** A message worded in each language of the console. */
function inEach(word: (locale: Locale) => string): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((l) => [l, word(l)])) as Record<Locale, string>;
}

function refusal(action: ClosureAction, actor: { id: number; role: Role }, request: ClosureRequestRecord, locale: Locale): string {
  const decision = decideAction({
    action, locale, actor: { id: actor.id, role: actor.role },
    request: { status: request.status, assigneeId: (request.assigneeId) ?? null },
  });
  return decision.ok ? '' : decision.message;
}

/** 409 precondition_failed: `details` the failing check ids; the message each one's cause and next step. */
function blocked(facts: ClosureFacts, ids: string[], action: 'approve' | 'complete'): AppError {
  const word = action === 'approve' ? approvalRefusal : completionRefusal;
  return new AppError('precondition_failed', inEach((locale) => word(facts, locale).message), ids);
}

/** The stored values of the columns a change writes, in the change's order (the audit event's `before`); never the stamp. */
function pick(request: ClosureRequestRecord, keys: string[]): { [column: string]: ClosureRequestRecord[keyof ClosureRequestRecord] | null } {
  const stored = new Map(Object.entries(request));
  return Object.fromEntries(keys.filter((k) => k !== 'updatedAt').map((k) => [k, stored.get(k) ?? null]));
}
