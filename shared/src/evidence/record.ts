import { parseJsonText, type AuditEventLine } from './event';

/** The format tag of record.json (docs/AUDIT.md "The evidence pack"). */
export const EVIDENCE_FORMAT = 'closure-desk-evidence/1';

export interface EvidenceActor {
  id: number | null;
  email: string | null;
  role: string | null;
}

export interface EvidenceStateChange {
  eventId: number;
  at: string;
  action: string;
  actor: EvidenceActor;
  ip: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export interface EvidenceRefund {
  id: number;
  amount: number;
  currency: string;
  method: string;
  payoutReference: string | null;
  status: string;
  note: string | null;
  decisionNote: string | null;
  maker: EvidenceActor;
  checker: EvidenceActor | null;
  createdAt: string | null;
  decidedAt: string | null;
  /** the refund.record or refund.request_approval event */
  createdEventId: number;
  /** the refund.approve or refund.reject event, when a checker decided */
  decisionEventId: number | null;
}

export interface EvidenceLedgerEntry {
  id: number;
  kind: string;
  bucket: string;
  amount: number;
  currency: string;
  occurredAt: string | null;
  reference: string | null;
  /** the event that wrote it: refund.record / refund.approve for a refund, customer.close for a forfeit */
  eventId: number | null;
}

export interface EvidenceRecord {
  format: typeof EVIDENCE_FORMAT;
  generatedAt: string;
  locale: string;
  origin: string;
  treeSize: number;
  request: Record<string, unknown> & { id: number; reference: string; customerId: number };
  customer: Record<string, unknown>;
  stateChanges: EvidenceStateChange[];
  refunds: EvidenceRefund[];
  ledgerEntries: EvidenceLedgerEntry[];
  bills: Record<string, unknown>[];
  profiles: Record<string, unknown>[];
  notifications: Record<string, unknown>[];
  notes: Record<string, unknown>[];
  attachments: { id: number; fileName: string; contentType: string; size: number; sha256: string; file: string | null; [k: string]: unknown }[];
  /** every event in events.jsonl, by id */
  eventIds: number[];
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => jsonEqual(v, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

type After = Record<string, unknown>;
const afterOf = (e: AuditEventLine): After => {
  const v = parseJsonText(e.after);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as After) : {};
};
const sameActor = (a: EvidenceActor | null, e: AuditEventLine) => !!a && a.id === e.actorId && a.email === e.actorEmail && a.role === e.actorRole;

/**
 * That record.json says nothing the events do not (docs/AUDIT.md "Record backed by events"):
 * answers the first claim no event backs, or null. `events` are the pack's, already checked.
 */
export function recordUnbackedClaim(record: EvidenceRecord, events: ReadonlyMap<number, AuditEventLine>): string | null {
  if (record.format !== EVIDENCE_FORMAT) return `record.json is not ${EVIDENCE_FORMAT}`;
  const ids = new Set(events.keys());
  if (!Array.isArray(record.eventIds) || record.eventIds.length !== ids.size || !record.eventIds.every((id) => ids.has(id))) {
    const missing = (record.eventIds ?? []).find((id) => !ids.has(id));
    return missing !== undefined ? `the record lists event ${missing}, which events.jsonl does not hold` : 'record.json eventIds does not list exactly the events in events.jsonl';
  }
  const requestId = String(record.request.id);
  for (const [i, s] of (record.stateChanges ?? []).entries()) {
    const e = events.get(s.eventId);
    const where = `state change ${i + 1} (${s.action}, event ${s.eventId})`;
    if (!e) return `${where}: no such event in events.jsonl`;
    if (e.entityType !== 'closure_request' || e.entityId !== requestId) return `${where}: the event is not about this request`;
    if (e.action !== s.action || e.at !== s.at || e.ip !== s.ip || e.reason !== s.reason || !sameActor(s.actor, e)) return `${where}: who, when, where, what or why differs from the event`;
    if (!jsonEqual(parseJsonText(e.before), s.before) || !jsonEqual(parseJsonText(e.after), s.after)) return `${where}: before/after differ from the event`;
  }
  const refunds = new Map<number, EvidenceRefund>();
  for (const r of record.refunds ?? []) {
    const where = `refund ${r.id} (${r.amount} ${r.currency}, ${r.status})`;
    refunds.set(r.id, r);
    const made = events.get(r.createdEventId);
    if (!made || made.entityType !== 'refund' || made.entityId !== String(r.id) || !['refund.record', 'refund.request_approval'].includes(made.action)) {
      return `${where}: no refund.record or refund.request_approval event ${r.createdEventId} of this refund`;
    }
    const a = afterOf(made);
    if (a.amount !== r.amount || a.currency !== r.currency || String(a.closureRequestId) !== requestId) return `${where}: amount, currency or request differ from event ${made.id}`;
    if (!sameActor(r.maker, made)) return `${where}: the maker is not the one who made it in event ${made.id}`;
    if (made.action === 'refund.record') {
      if (r.status !== 'recorded' || r.decisionEventId !== null || r.checker !== null) return `${where}: recorded without approval in event ${made.id}, but the record says otherwise`;
      continue;
    }
    if (r.status === 'pending_approval') {
      if (r.decisionEventId !== null || r.checker !== null) return `${where}: pending, yet the record names a decision`;
      continue;
    }
    const decided = r.decisionEventId === null ? undefined : events.get(r.decisionEventId);
    const want = r.status === 'recorded' ? 'refund.approve' : r.status === 'rejected' ? 'refund.reject' : null;
    if (!want || !decided || decided.action !== want || decided.entityType !== 'refund' || decided.entityId !== String(r.id)) {
      return `${where}: no ${want ?? 'decision'} event backs its status`;
    }
    const d = afterOf(decided);
    if (d.amount !== r.amount || !sameActor(r.checker, decided) || r.decidedAt !== decided.at) return `${where}: the checker, amount or decision time differ from event ${decided.id}`;
    if (decided.actorId === made.actorId) return `${where}: maker and checker are the same person`;
  }
  for (const l of record.ledgerEntries ?? []) {
    const where = `ledger entry ${l.id} (${l.kind} ${l.amount} ${l.currency})`;
    const e = l.eventId === null ? undefined : events.get(l.eventId);
    if (!e) return `${where}: no event in events.jsonl backs it (eventId ${String(l.eventId)})`;
    const a = afterOf(e);
    if (l.kind === 'refund') {
      const r = refunds.get(Number(e.entityId));
      const paidBy = r?.decisionEventId ?? r?.createdEventId;
      if (!r || e.entityType !== 'refund' || !['refund.record', 'refund.approve'].includes(e.action) || paidBy !== e.id) return `${where}: event ${e.id} is not the payment of a refund in the record`;
      if (a.amount !== -l.amount || r.currency !== l.currency || r.payoutReference !== l.reference || l.bucket !== 'cash') return `${where}: amount, currency or reference differ from refund ${r.id} and event ${e.id}`;
    } else if (l.kind === 'forfeit') {
      const forfeited = (a.forfeited ?? {}) as Record<string, unknown>;
      if (e.action !== 'customer.close' || e.entityId !== String(record.request.customerId)) return `${where}: event ${e.id} is not this customer's closure`;
      if (forfeited[l.bucket] !== -l.amount) return `${where}: event ${e.id} forfeited ${String(forfeited[l.bucket])} ${l.bucket}, not ${-l.amount}`;
    } else {
      return `${where}: no rule backs a ledger entry of kind ${l.kind}`;
    }
  }
  return null;
}
