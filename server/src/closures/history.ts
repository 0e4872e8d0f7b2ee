import { Op } from 'sequelize';
import { CLOSURE_STATUSES, formatMinor, type ClosureStatus, type Locale, type Role } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { iso } from '../platform/http/list-resource';

type Row = Record<string, unknown>;

export interface HistoryEntry {
  at: string;
  kind: 'step' | 'message';
  action: string;
  actorName: string | null;
  actorRole: Role | null;
  note: string | null;
  status: ClosureStatus | null;
  detail: string | null;
  message: { template: string; channel: 'email' | 'sms'; status: 'pending' | 'sent' | 'failed'; subject: string | null; text: string } | null;
}

const json = (text: unknown): Row => {
  if (typeof text !== 'string' || !text) return {};
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
};

/**
 * GET /closure-requests/<id>/history (API.md "History"): every step of the request from its audit
 * events (the request's own, its refunds', its attachments' uploads, its customer's bills' while it
 * was open), with who took it (name and role), when and what they typed; and every message sent to
 * the customer with the text sent. For every staff member who may read the request: no e-mail
 * address, IP address or before/after values, nothing the request page does not show already.
 */
export async function readHistory(ctx: AppContext, id: number, locale: Locale = 'en'): Promise<HistoryEntry[]> {
  const { models } = ctx;
  const request = await models.ClosureRequest.findByPk(id, { raw: true });
  if (!request) throw new AppError('not_found', { en: 'Closure request not found', 'zh-CN': '未找到该注销申请。' });
  const [refunds, attachments, bills, notifications] = await Promise.all([
    models.Refund.findAll({ where: { closureRequestId: id }, attributes: ['id', 'amount', 'currency', 'note'], raw: true }),
    models.Attachment.findAll({ where: { closureRequestId: id }, attributes: ['id', 'fileName'], raw: true }),
    models.Bill.findAll({ where: { customerId: request.customerId }, attributes: ['id', 'billNo'], raw: true }),
    models.Notification.findAll({ where: { closureRequestId: id }, order: [['createdAt', 'ASC'], ['id', 'ASC']], limit: 500, raw: true }),
  ]);
  const refundById = new Map(refunds.map((r) => [String(r.id), r]));
  const fileById = new Map(attachments.map((a) => [String(a.id), a]));
  const billById = new Map(bills.map((b) => [String(b.id), b]));
  const since = new Date(iso(request.submittedAt)!);
  const events = await models.AuditEvent.findAll({
    where: {
      [Op.or]: [
        { entityType: 'closure_request', entityId: String(id), action: { [Op.ne]: 'closure.export' } },
        ...(refunds.length ? [{ entityType: 'refund', entityId: [...refundById.keys()] }] : []),
        ...(attachments.length ? [{ entityType: 'attachment', entityId: [...fileById.keys()], action: 'attachment.upload' }] : []),
        ...(bills.length ? [{ entityType: 'bill', entityId: [...billById.keys()], at: { [Op.gte]: since } }] : []),
      ],
    },
    attributes: ['id', 'at', 'actorId', 'actorEmail', 'actorRole', 'action', 'entityType', 'entityId', 'reason', 'after'],
    order: [['id', 'ASC']],
    limit: 2000,
    raw: true,
  });
  const after = events.map((e) => json(e.after));
  const staffIds = new Set<number>();
  events.forEach((e, i) => {
    if (e.actorId) staffIds.add(Number(e.actorId));
    if (e.action === 'closure.assign' && after[i]!.assigneeId) staffIds.add(Number(after[i]!.assigneeId));
  });
  const staff = staffIds.size
    ? await models.StaffUser.findAll({ where: { id: [...staffIds] }, attributes: ['id', 'fullName'], raw: true })
    : [];
  const names = new Map(staff.map((s) => [Number(s.id), String(s.fullName)]));

  const steps = events.map((e, i): HistoryEntry => {
    const a = after[i]!;
    const action = String(e.action);
    let detail: string | null = null;
    let note = (e.reason as string | null) ?? null;
    if (action === 'closure.assign' || action === 'closure.claim') detail = names.get(Number(a.assigneeId)) ?? null;
    if (e.entityType === 'refund') {
      const r = refundById.get(String(e.entityId));
      if (r) detail = formatMinor(Number(r.amount), String(r.currency), locale);
      note ??= (r?.note as string | null) ?? null;
    }
    if (e.entityType === 'attachment') detail = (fileById.get(String(e.entityId))?.fileName as string | undefined) ?? null;
    // an upload is recorded on the request, with the file's name in the event itself
    if (action === 'attachment.upload' && typeof a.fileName === 'string') detail = a.fileName;
    if (e.entityType === 'bill') detail = (billById.get(String(e.entityId))?.billNo as string | undefined) ?? null;
    if (action === 'closure.note' && typeof a.text === 'string') note = a.text;
    const status = e.entityType === 'closure_request' && (CLOSURE_STATUSES as readonly string[]).includes(String(a.status)) ? (a.status as ClosureStatus) : null;
    // The actor's name: a staff member's from the directory; otherwise what the event itself names
    // (an intake key's name is written as the event's actor e-mail, with no id and no role).
    const actorName = e.actorId ? names.get(Number(e.actorId)) ?? null : ((e.actorEmail as string | null) ?? null);
    return {
      at: iso(e.at)!, kind: 'step', action, actorName, actorRole: (e.actorRole as Role | null) ?? null,
      note, status, detail, message: null,
    };
  });
  const messages = notifications.map((n): HistoryEntry => ({
    at: iso(n.createdAt)!, kind: 'message', action: 'notification.queued', actorName: null, actorRole: null, note: null, status: null, detail: null,
    message: {
      template: String(n.template), channel: n.channel as 'email' | 'sms', status: n.status as 'pending' | 'sent' | 'failed',
      subject: (n.subject as string | null) ?? null, text: String(n.body ?? ''),
    },
  }));
  return [...steps, ...messages].sort((x, y) => x.at.localeCompare(y.at) || (x.kind === y.kind ? 0 : x.kind === 'step' ? -1 : 1));
}
