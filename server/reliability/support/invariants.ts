import { expect } from 'vitest';
import type { ChainWalk, Inspector } from './inspect';

type Row = Record<string, unknown>;

export interface Baseline {
  requestId: number;
  refundId: number;
  noteId: number;
}

/** The highest ids before a case starts: rows above them are the case's own. */
export async function baseline(inspector: Inspector): Promise<Baseline> {
  const [row] = await inspector.query<Row>(`SELECT
    (SELECT COALESCE(MAX(id), 0) FROM closure_requests) AS request_id,
    (SELECT COALESCE(MAX(id), 0) FROM refunds) AS refund_id,
    (SELECT COALESCE(MAX(id), 0) FROM closure_notes) AS note_id`);
  return { requestId: Number(row!.request_id), refundId: Number(row!.refund_id), noteId: Number(row!.note_id) };
}

export interface Consistency {
  chain: ChainWalk;
  ledgerDrifts: unknown[];
  /** each list names the rows that break one rule; all must be empty */
  violations: Record<string, Row[]>;
  counts: Record<string, number>;
}

const OPEN = "('submitted', 'in_review', 'awaiting_customer', 'approved', 'closing')";
const NOTE_EVENT = `(e.action = 'closure.note' OR (e.reason IS NOT NULL AND e.reason <> ''
  AND EXISTS (SELECT 1 FROM closure_notes n WHERE n.closure_request_id = r.id AND n.text = e.reason)))`;
const eventsOf = (alias: string) =>
  `audit_events e WHERE e.entity_type = 'closure_request' AND e.entity_id = CAST(${alias}.id AS TEXT)`;

/**
 * Nothing half-written, whatever happened before: every rule here holds after any number of
 * races, crashes and restarts, because each change and its evidence commit in one transaction.
 */
export async function checkConsistency(inspector: Inspector, since: Baseline): Promise<Consistency> {
  const q = (sql: string) => inspector.query<Row>(sql, { ...since });
  const violations: Record<string, Row[]> = {
    // the request, its closure.submitted event and its first outbox message commit together
    requestWithoutSubmittedEvent: await q(`SELECT r.id FROM closure_requests r
      WHERE r.id > :requestId AND NOT EXISTS (SELECT 1 FROM ${eventsOf('r')} AND e.action = 'closure.submitted')`),
    requestWithoutReceivedMessage: await q(`SELECT r.id FROM closure_requests r
      WHERE r.id > :requestId AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.closure_request_id = r.id AND n.template = 'closure_received')`),
    // one version per recorded change: no state change without its event, no event without its change
    versionNotEventCount: await q(`SELECT r.id, r.version, (SELECT COUNT(*) FROM ${eventsOf('r')}
        AND e.action NOT IN ('closure.note', 'attachment.upload')) AS events
      FROM closure_requests r WHERE r.id > :requestId AND r.version <> (SELECT COUNT(*) FROM ${eventsOf('r')}
        AND e.action NOT IN ('closure.note', 'attachment.upload'))`),
    // a note is written by closure.note, or typed in an action's dialog and then that action's event's reason
    noteWithoutEvent: await q(`SELECT r.id, (SELECT COUNT(*) FROM closure_notes n WHERE n.closure_request_id = r.id) AS notes,
        (SELECT COUNT(*) FROM ${eventsOf('r')} AND ${NOTE_EVENT}) AS events
      FROM closure_requests r WHERE r.id > :requestId
        AND (SELECT COUNT(*) FROM closure_notes n WHERE n.closure_request_id = r.id) <> (SELECT COUNT(*) FROM ${eventsOf('r')} AND ${NOTE_EVENT})`),
    twoOpenRequests: await q(`SELECT customer_id, COUNT(*) AS open FROM closure_requests WHERE status IN ${OPEN}
      GROUP BY customer_id HAVING COUNT(*) > 1`),
    // a recorded refund and its ledger debit commit together, and so does its audit event
    recordedRefundWithoutLedgerEntry: await q(`SELECT f.id FROM refunds f WHERE f.id > :refundId AND f.status = 'recorded'
      AND NOT EXISTS (SELECT 1 FROM balance_entries b WHERE b.kind = 'refund' AND b.closure_request_id = f.closure_request_id
        AND b.amount = -f.amount AND b.reference = f.payout_reference)`),
    refundWithoutEvent: await q(`SELECT f.id FROM refunds f WHERE f.id > :refundId
      AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_type = 'refund' AND e.entity_id = CAST(f.id AS TEXT))`),
    refundLedgerMismatch: await q(`SELECT r.id, (SELECT COALESCE(SUM(amount), 0) FROM refunds f WHERE f.closure_request_id = r.id AND f.status = 'recorded') AS recorded,
        (SELECT COALESCE(SUM(-amount), 0) FROM balance_entries b WHERE b.closure_request_id = r.id AND b.kind = 'refund') AS debited
      FROM closure_requests r WHERE r.id > :requestId
        AND (SELECT COALESCE(SUM(amount), 0) FROM refunds f WHERE f.closure_request_id = r.id AND f.status = 'recorded')
         <> (SELECT COALESCE(SUM(-amount), 0) FROM balance_entries b WHERE b.closure_request_id = r.id AND b.kind = 'refund')`),
    // never more promised than there is: what waits for approval fits in the cash balance
    pendingAboveCash: await q(`SELECT c.id, c.cash_balance, SUM(f.amount) AS pending FROM customers c JOIN refunds f ON f.customer_id = c.id
      WHERE f.status = 'pending_approval' GROUP BY c.id, c.cash_balance HAVING SUM(f.amount) > c.cash_balance`),
    overpaidBill: await q('SELECT id, amount_due, amount_paid FROM bills WHERE amount_paid > amount_due OR amount_paid < 0'),
    closedWithMoneyLeft: await q(`SELECT id FROM customers WHERE status = 'closed' AND (cash_balance <> 0 OR promo_balance <> 0)`),
    // complete closes the customer in its own transaction, before the peers confirm
    completedCustomerOpen: await q(`SELECT r.id FROM closure_requests r JOIN customers c ON c.id = r.customer_id
      WHERE r.status IN ('closing', 'completed') AND c.status <> 'closed'`),
    // the termination commands are made by complete: none for a request that never got there
    commandWithoutComplete: await q(`SELECT c.id, r.status FROM peer_commands c JOIN closure_requests r ON r.id = c.closure_request_id
      WHERE r.status NOT IN ('closing', 'completed')`),
    // every profile of a request past complete has its network delete (one, made with the others)
    profileWithoutTermination: await q(`SELECT r.id, p.iccid FROM closure_requests r JOIN esim_profiles p ON p.customer_id = r.customer_id
      WHERE r.id > :requestId AND r.status IN ('closing', 'completed')
        AND (SELECT COUNT(*) FROM peer_commands c WHERE c.closure_request_id = r.id AND c.profile_id = p.id AND c.peer = 'network') <> 1`),
    // completed only once every peer confirmed, by the system's one event, and the customer told once
    completedUnconfirmed: await q(`SELECT r.id, c.id AS command, c.status FROM closure_requests r JOIN peer_commands c ON c.closure_request_id = r.id
      WHERE r.status = 'completed' AND c.status <> 'confirmed'`),
    completedWithoutConfirmationEvent: await q(`SELECT r.id FROM closure_requests r WHERE r.status = 'completed'
      AND EXISTS (SELECT 1 FROM peer_commands c WHERE c.closure_request_id = r.id)
      AND (SELECT COUNT(*) FROM ${eventsOf('r')} AND e.action = 'closure.termination-confirmed' AND e.actor_id IS NULL) <> 1`),
    completedNoticeNotOnce: await q(`SELECT r.id FROM closure_requests r WHERE r.status = 'completed' AND r.id > :requestId
      AND EXISTS (SELECT 1 FROM peer_commands c WHERE c.closure_request_id = r.id)
      AND (SELECT COUNT(DISTINCT n.channel) FROM notifications n WHERE n.closure_request_id = r.id AND n.template = 'closure_completed')
       <> (SELECT COUNT(*) FROM notifications n WHERE n.closure_request_id = r.id AND n.template = 'closure_completed')`),
    // a profile is terminated by the peers' confirmation, never before it
    terminatedBeforeConfirmed: await q(`SELECT p.iccid FROM esim_profiles p JOIN peer_commands c ON c.profile_id = p.id
      JOIN closure_requests r ON r.id = c.closure_request_id WHERE r.id > :requestId AND r.status = 'closing' AND p.network_state = 'terminated'`),
    // a command failed for good says so in the trail
    failedCommandWithoutEvent: await q(`SELECT c.id FROM peer_commands c WHERE c.status = 'failed'
      AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.entity_type = 'peer_command' AND e.entity_id = CAST(c.id AS TEXT) AND e.action = 'peer.command-failed')`),
  };
  const [c] = await q(`SELECT (SELECT COUNT(*) FROM closure_requests WHERE id > :requestId) AS requests,
    (SELECT COUNT(*) FROM refunds WHERE id > :refundId) AS refunds, (SELECT COUNT(*) FROM closure_notes WHERE id > :noteId) AS notes,
    (SELECT COUNT(*) FROM audit_events) AS events,
    (SELECT COUNT(*) FROM closure_requests WHERE id > :requestId AND status = 'closing') AS closing,
    (SELECT COUNT(*) FROM peer_commands) AS peer_commands`);
  return {
    chain: await inspector.walkChain(),
    ledgerDrifts: await inspector.ledgerDrifts(),
    violations,
    counts: Object.fromEntries(Object.entries(c ?? {}).map(([k, v]) => [k, Number(v)])),
  };
}

export function expectConsistent(c: Consistency): void {
  expect(c.chain, 'the audit chain verifies').toMatchObject({ ok: true });
  expect(c.ledgerDrifts, 'checkLedger finds no drift').toEqual([]);
  for (const [rule, rows] of Object.entries(c.violations)) expect(rows, rule).toEqual([]);
}
