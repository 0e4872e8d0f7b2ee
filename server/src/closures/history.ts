import { CLOSURE_STATUSES, formatMinor, type ClosureStatus, type Locale, type Role } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { epochMs, iso } from '../platform/http/list-resource';
import { historyEvents, readHistorySources, staffNames } from './repository';

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

/** What the history reads of an event's `after`: values as the JSON holds them, each judged where it is read. */
type EventAfter = { [K in 'assigneeId' | 'handedOverFrom' | 'fileName' | 'text' | 'status']?: unknown };

const json = (text: string | null): EventAfter => {
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
  const sources = await readHistorySources(ctx, id);
  if (!sources) throw new AppError('not_found', { en: 'Closure request not found', 'zh-CN': '未找到该注销申请。' });
  const refundById = new Map(sources.refunds.map((r) => [String(r.id), r]));
  const fileById = new Map(sources.attachments.map((a) => [String(a.id), a]));
  const billById = new Map(sources.bills.map((b) => [String(b.id), b]));
  const events = await historyEvents(ctx, id, {
    refundIds: sources.refunds.map((r) => r.id),
    attachmentIds: sources.attachments.map((a) => a.id),
    billIds: sources.bills.map((b) => b.id),
    billsSince: new Date(epochMs(sources.submittedAt)),
  });
  const after = events.map((e) => json(e.after));
  const staffIds = new Set<number>();
  events.forEach((e, i) => {
    if (e.actorId) staffIds.add(Number(e.actorId));
    if (e.action === 'closure.assign' && after[i]!.assigneeId) staffIds.add(Number(after[i]!.assigneeId));
    if (after[i]!.handedOverFrom) staffIds.add(Number(after[i]!.handedOverFrom));
  });
  const names = await staffNames(ctx, [...staffIds]);

  const steps = events.map((e, i): HistoryEntry => {
    const a = after[i]!;
    const action = String(e.action);
    let detail: string | null = null;
    let note = e.reason ?? null;
    if (action === 'closure.assign' || action === 'closure.claim') detail = names.get(Number(a.assigneeId)) ?? null;
    // a departing member's hand-over: back to the queue names whose request it was
    if (action === 'closure.release') detail = names.get(Number(a.handedOverFrom)) ?? null;
    if (e.entityType === 'refund') {
      const r = refundById.get(String(e.entityId));
      if (r) detail = formatMinor(Number(r.amount), String(r.currency), locale);
      note ??= r?.note ?? null;
    }
    if (e.entityType === 'attachment') detail = fileById.get(String(e.entityId))?.fileName ?? null;
    // an upload is recorded on the request, with the file's name in the event itself
    if (action === 'attachment.upload' && typeof a.fileName === 'string') detail = a.fileName;
    if (e.entityType === 'bill') detail = billById.get(String(e.entityId))?.billNo ?? null;
    if (action === 'closure.note' && typeof a.text === 'string') note = a.text;
    const status = e.entityType === 'closure_request' && (CLOSURE_STATUSES as readonly string[]).includes(String(a.status)) ? (a.status as ClosureStatus) : null;
    // The actor's name: a staff member's from the directory; otherwise what the event itself names
    // (an intake key's name is written as the event's actor e-mail, with no id and no role).
    const actorName = e.actorId ? names.get(Number(e.actorId)) ?? null : (e.actorEmail ?? null);
    return {
      at: iso(e.at) ?? String(e.at), kind: 'step', action, actorName, actorRole: e.actorRole === 'system' ? null : e.actorRole,
      note, status, detail, message: null,
    };
  });
  const messages = sources.messages.map((n): HistoryEntry => ({
    at: iso(n.createdAt) ?? String(n.createdAt), kind: 'message', action: 'notification.queued', actorName: null, actorRole: null, note: null, status: null, detail: null,
    message: {
      template: n.template, channel: n.channel, status: n.status, subject: n.subject ?? null, text: n.body ?? '',
    },
  }));
  return [...steps, ...messages].sort((x, y) => x.at.localeCompare(y.at) || (x.kind === y.kind ? 0 : x.kind === 'step' ? -1 : 1));
}
