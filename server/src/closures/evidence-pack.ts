import fs from 'node:fs';
import type { Request, Response } from 'express';
import yazl from 'yazl';
import { maskEmail, maskPhone, maskDocument } from '@closure-desk/shared';
import {
  EVIDENCE_FORMAT, parseJsonText, type EvidenceActor, type EvidenceLedgerEntry, type EvidenceRecord, type EvidenceRefund,
} from '@closure-desk/shared/evidence';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError } from '../platform/errors';
import { iso, parseId } from '../platform/http/list-resource';
import { isSet, type BillRecord } from '../platform/db/records';
import {
  appendAuditEvent, checkpointCovering, consistencyProofs, findHeadEventId, inclusionPaths, newestEventOf, publicKeyPem, selectedEvents,
  type EventSelector, type ExportedAuditEvent,
} from '../audit';
import { summaryHtml } from './evidence-summary';
import { verifyMarkdown } from './evidence-verify-md';
import { findStaffLocale, readEvidenceRows, type EvidenceRows } from './repository';

export const EVIDENCE_PACK_ACTION = 'closure.evidence_pack';
export type PackLocale = 'en' | 'zh-CN';

const actorOf = (e: ExportedAuditEvent): EvidenceActor => ({ id: e.actorId, email: e.actorEmail, role: e.actorRole });
const safeName = (name: string) => name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120) || 'file';

/** The bill as it stood at `at` (ISO), replayed from its events: the first one's before, then each after up to then. */
type BillState = { amountPaid: unknown; status: unknown };
/** An event's before or after, as the fields of a bill it records (an event records an object). */
const billFields = (text: string | null): Partial<BillState> => (parseJsonText(text) ?? {}) as Partial<BillState>;
function billAt(bill: BillRecord, events: ExportedAuditEvent[], at: string | null) {
  if (at === null) return null;
  const now: BillState = { amountPaid: bill.amountPaid, status: bill.status };
  if (events.length === 0) return now;
  let state: BillState = { ...now, ...billFields(events[0]!.before) };
  for (const e of events) if (e.at <= at) state = { ...state, ...billFields(e.after) };
  return { amountPaid: state.amountPaid == null ? null : Number(state.amountPaid), status: state.status };
}

const selectorsOf = (l: EvidenceRows): EventSelector[] => [
  { entityType: 'closure_request', entityIds: [l.request.id] },
  { entityType: 'customer', entityIds: [l.request.customerId] },
  { entityType: 'refund', entityIds: l.refunds.map((r) => r.id) },
  { entityType: 'bill', entityIds: l.bills.map((r) => r.id) },
  { entityType: 'esim_profile', entityIds: l.profiles.map((r) => r.id) },
  { entityType: 'notification', entityIds: l.notifications.map((r) => r.id) },
  { entityType: 'attachment', entityIds: l.attachments.map((r) => r.id) },
];

/** record.json: what the database holds, each claim the verifier checks tied to its event. */
function buildRecord(l: EvidenceRows, events: ExportedAuditEvent[], cp: { origin: string; treeSize: number }, locale: PackLocale, withFiles: boolean): EvidenceRecord {
  const rid = String(l.request.id);
  const of = (type: string, id: unknown) => events.filter((e) => e.entityType === type && e.entityId === String(id));
  const requestEvents = of('closure_request', rid);
  const approvedAt = requestEvents.find((e) => e.action === 'closure.approve')?.at ?? null;
  const completedAt = requestEvents.find((e) => e.action === 'closure.complete')?.at ?? null;

  const refunds: EvidenceRefund[] = [];
  for (const r of l.refunds) {
    const evs = of('refund', r.id);
    const made = evs.find((e) => e.action === 'refund.record' || e.action === 'refund.request_approval');
    if (!made) continue; // its event is past the checkpoint: the record says only what the events back
    const decided = evs.find((e) => e.action === 'refund.approve' || e.action === 'refund.reject') ?? null;
    const status = made.action === 'refund.record' ? 'recorded' : decided ? (decided.action === 'refund.approve' ? 'recorded' : 'rejected') : 'pending_approval';
    refunds.push({
      id: r.id, amount: r.amount, currency: r.currency, method: r.method, payoutReference: r.payoutReference,
      status, note: r.note, decisionNote: decided ? r.decisionNote : null,
      maker: actorOf(made), checker: decided ? actorOf(decided) : null, createdAt: made.at,
      decidedAt: made.action === 'refund.record' ? made.at : decided?.at ?? null, createdEventId: made.id, decisionEventId: decided?.id ?? null,
    });
  }
  const close = [...of('customer', l.request.customerId)].reverse().find((e) => e.action === 'customer.close' && e.reason === `Closure ${l.request.reference}`);
  const ledgerEntries: EvidenceLedgerEntry[] = l.ledger.map((b) => {
    const paidBy = b.kind === 'refund' ? refunds.find((r) => r.status === 'recorded' && r.payoutReference === b.reference) : undefined;
    const eventId = b.kind === 'forfeit' ? close?.id ?? null : paidBy ? paidBy.decisionEventId ?? paidBy.createdEventId : null;
    return {
      id: b.id, kind: b.kind, bucket: b.bucket, amount: b.amount, currency: b.currency,
      occurredAt: iso(b.occurredAt), reference: b.reference, eventId,
    };
  }).filter((e) => e.eventId !== null);

  const c = l.customer;
  return {
    format: EVIDENCE_FORMAT,
    generatedAt: new Date().toISOString(),
    locale,
    origin: cp.origin,
    treeSize: cp.treeSize,
    request: {
      id: l.request.id, reference: l.request.reference, customerId: l.request.customerId,
      channel: l.request.channel, status: l.request.status, reasonCode: l.request.reasonCode, reasonText: l.request.reasonText ?? null,
      requestedEffectiveDate: l.request.requestedEffectiveDate ?? null, effectiveDate: l.request.effectiveDate ?? null,
      identityVerified: isSet(l.request.identityVerified), verificationMethod: l.request.verificationMethod ?? null,
      assigneeId: l.request.assigneeId ?? null, submittedAt: iso(l.request.submittedAt), dueAt: iso(l.request.dueAt),
      balanceDecision: l.request.balanceDecision ?? null, rejectReasonCode: l.request.rejectReasonCode ?? null,
      resolvedAt: iso(l.request.resolvedAt), completedAt: iso(l.request.completedAt),
    },
    customer: {
      id: c?.id ?? null, accountNo: c?.accountNo ?? null, email: maskEmail(c?.email ?? null), phone: maskPhone(c?.phone ?? null),
      idDocumentType: c?.idDocumentType ?? null, idDocumentNumber: maskDocument(c?.idDocumentNumber ?? null), locale: c?.locale ?? null,
      currency: c?.currency ?? null, status: c?.status ?? null, closedAt: iso(c?.closedAt), anonymisedAt: iso(c?.anonymisedAt),
    },
    stateChanges: requestEvents.map((e) => ({
      eventId: e.id, at: e.at, action: e.action, actor: actorOf(e), ip: e.ip, reason: e.reason, before: parseJsonText(e.before), after: parseJsonText(e.after),
    })),
    refunds,
    ledgerEntries,
    bills: l.bills.map((b) => {
      const evs = of('bill', b.id);
      const who = (e: ExportedAuditEvent) => ({ eventId: e.id, at: e.at, actor: actorOf(e), reason: e.reason });
      return {
        id: b.id, billNo: b.billNo, periodStart: b.periodStart, periodEnd: b.periodEnd, amountDue: b.amountDue, currency: b.currency, dueDate: b.dueDate,
        atApproval: billAt(b, evs, approvedAt), atCompletion: billAt(b, evs, completedAt),
        now: { amountPaid: b.amountPaid, status: b.status, waivedReason: b.waivedReason ?? null },
        payments: evs.filter((e) => e.action === 'bill.payment').map((e) => ({ ...who(e), amount: (parseJsonText(e.after) as { amount?: unknown } | null)?.amount ?? null })),
        waivers: evs.filter((e) => e.action === 'bill.waive').map(who),
      };
    }),
    profiles: l.profiles.map((p) => ({
      id: p.id, iccid: p.iccid, msisdn: maskPhone(p.msisdn), deviceModel: p.deviceModel ?? null, deviceState: p.deviceState ?? null,
      networkState: p.networkState ?? null, terminatedAt: iso(p.terminatedAt), quarantineUntil: p.quarantineUntil ?? null,
      deviceNotices: of('esim_profile', p.id).map((e) => ({ eventId: e.id, at: e.at, action: e.action, reason: e.reason })),
    })),
    notifications: l.notifications.map((n) => ({
      id: n.id, channel: n.channel, recipient: n.recipient.includes('@') ? maskEmail(n.recipient) : maskPhone(n.recipient),
      template: n.template, locale: n.locale, subject: n.subject ?? null, body: n.body ?? null, status: n.status, attempts: n.attempts,
      lastError: n.lastError ?? null, createdAt: iso(n.createdAt), sentAt: iso(n.sentAt),
    })),
    notes: l.notes.map((n) => ({ id: n.id, authorId: n.authorId, text: n.text, afterDecision: isSet(n.afterDecision), createdAt: iso(n.createdAt) })),
    attachments: l.attachments.map((a) => ({
      id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size, sha256: a.sha256,
      uploadedById: a.uploadedById ?? null, createdAt: iso(a.createdAt), deleted: a.deletedAt != null,
      file: withFiles && a.deletedAt == null ? `files/${a.id}-${safeName(a.fileName)}` : null,
    })),
    eventIds: events.map((e) => e.id),
  };
}

export interface PackQuery {
  files: boolean;
  since: number[];
}

export function parsePackQuery(q: Request['query']): PackQuery {
  const files = q.files === undefined ? false : q.files === '1' || q.files === 'true' ? true : q.files === '0' || q.files === 'false' ? false : null;
  if (files === null) throw new AppError('validation_failed', 'files must be 1 or 0', [{ field: 'files', message: 'must be 1 or 0' }]);
  const raw = q.since === undefined ? [] : String(q.since).split(',');
  const since = raw.map((s) => (/^[1-9][0-9]{0,15}$/.test(s) ? Number(s) : NaN));
  if (since.some((n) => !Number.isSafeInteger(n)) || since.length > 20) {
    throw new AppError('validation_failed', 'since is a comma-separated list of at most 20 tree sizes', [{ field: 'since', message: 'tree sizes ≥ 1' }]);
  }
  return { files, since: [...new Set(since)] };
}

/** The caller's console language (the stored preference). */
async function localeOf(ctx: AppContext, rc: RequestContext): Promise<PackLocale> {
  const staff = rc.actor ? await findStaffLocale(ctx, rc.actor.id) : null;
  return staff?.locale === 'zh-CN' ? 'zh-CN' : 'en';
}

/**
 * GET /api/closure-requests/:id/evidence (docs/API.md "Evidence pack"). The rows are read first,
 * then the checkpoint chosen (or signed) so that it covers every event behind them, then the
 * events of that tree and their proofs. The download's own event (and, with files, each
 * attachment.view) is committed before the first byte, after the checkpoint: it is not in this
 * pack, and the next pack of the request holds it.
 */
export async function sendEvidencePack(ctx: AppContext, req: Request, res: Response): Promise<void> {
  const id = parseId(req.params.id);
  const query = parsePackQuery(req.query);
  const rc = req.ctx;
  const loaded = await readEvidenceRows(ctx, id);
  const selectors = selectorsOf(loaded);
  // Refused before anything is written: a size the log has not reached.
  const head = await findHeadEventId(ctx);
  for (const s of query.since) {
    if (s > head) throw new AppError('validation_failed', `since ${s} is past the log's ${head} events`, [{ field: 'since', message: `at most ${head}` }]);
  }
  const cp = await checkpointCovering(ctx, Math.max(await newestEventOf(ctx, selectors), ...query.since), rc);
  const events = await selectedEvents(ctx, selectors, cp.treeSize);
  const [paths, consistency, locale] = await Promise.all([
    inclusionPaths(ctx, events.map((e) => e.id), cp.treeSize),
    consistencyProofs(ctx, query.since.filter((s) => s < cp.treeSize), cp.treeSize),
    localeOf(ctx, rc),
  ]);
  const record = buildRecord(loaded, events, cp, locale, query.files);
  const files = record.attachments.filter((a) => a.file !== null);
  const pem = publicKeyPem(ctx);

  await ctx.db.transaction(async (tx) => {
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: EVIDENCE_PACK_ACTION, entityType: 'closure_request', entityId: id,
      after: { treeSize: cp.treeSize, rootHash: cp.rootHash, checkpointId: cp.id, events: events.length, files: files.length, since: query.since },
    });
    for (const a of files) {
      await appendAuditEvent(ctx.db, ctx.models, tx, {
        actor: rc.actor, ip: rc.ip, action: 'attachment.view', entityType: 'attachment', entityId: a.id,
        after: { closureRequestId: id, sha256: a.sha256, evidencePack: true },
      });
    }
  });

  const zip = new yazl.ZipFile();
  const mtime = new Date(record.generatedAt);
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime });
  add('record.json', `${JSON.stringify(record, null, 2)}\n`);
  add('events.jsonl', events.map((e) => `${JSON.stringify({ ...e, leafIndex: e.id - 1, inclusionPath: paths.get(e.id) })}\n`).join(''));
  add('checkpoint.txt', cp.note);
  add('public-key.pem', pem);
  add('consistency.json', `${JSON.stringify(consistency, null, 2)}\n`);
  add('summary.html', summaryHtml(record, cp, locale));
  add('VERIFY.md', verifyMarkdown(record, cp));
  for (const a of files) {
    const row = loaded.attachments.find((r) => Number(r.id) === a.id)!;
    zip.addReadStream(fs.createReadStream(row.storagePath), a.file!, { mtime });
  }
  zip.end();
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', `attachment; filename="evidence-${String(loaded.request.reference).replace(/[^A-Za-z0-9_-]/g, '_')}.zip"`);
  res.setHeader('Cache-Control', 'no-store');
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
  });
}
