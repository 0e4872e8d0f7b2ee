import { randomBytes } from 'node:crypto';
import { sqliteTime } from '../demo-data/load-rows';
import { rawWriteMs } from './raw-sqlite';
import type { Candidate } from './request-work';

/**
 * The raw reference of claim → approve: the statements the server's two transactions run
 * (lock-read the request, update it under its version, read the checklist facts, append the
 * audit event after the chain's last one, queue the notification, move the counters), written
 * by hand and run by the sqlite3 shell, one transaction per action. The hash is a random value:
 * SHA-256 is the application's work, not the database's.
 */
export function rawActionsPerSecond(file: string, candidates: Candidate[], agent: { id: number; email: string }): number {
  const at = `'${sqliteTime(new Date())}'`;
  const today = `'${new Date().toISOString().slice(0, 10)}'`;
  const dueDay = new Date().toISOString().slice(0, 10);
  const dueHour = new Date().toISOString().slice(11, 13);
  const hash = () => `'${randomBytes(32).toString('hex')}'`;
  const audit = (id: number, action: string, after: string) =>
    `INSERT INTO audit_events (id, at, actor_id, actor_email, actor_role, ip, action, entity_type, entity_id, reason, before, after, prev_hash, hash)
     SELECT id + 1, ${at}, ${agent.id}, '${agent.email}', 'agent', '127.0.0.1', '${action}', 'closure_request', '${id}', NULL, '{}', '${after}', hash, ${hash()}
     FROM audit_events ORDER BY id DESC LIMIT 1;`;
  const counters = (from: string, to: string) =>
    `INSERT INTO closure_request_counts (kind, status, dim, due_day, n) VALUES ('status', '${from}', '', '', -1), ('status', '${to}', '', '', 1),
       ('status_assignee', '${to}', '${agent.id}', '', 1), ('open_due', '${to}', '', '${dueDay}', 1),
       ('open_due_hour', '${to}', '${dueHour}', '${dueDay}', 1)
     ON CONFLICT (kind, status, dim, due_day) DO UPDATE SET n = closure_request_counts.n + excluded.n;`;
  const script = candidates.map((c) => `
BEGIN IMMEDIATE;
SELECT * FROM closure_requests WHERE id = ${c.id};
UPDATE closure_requests SET status = 'in_review', assignee_id = ${agent.id}, version = version + 1, updated_at = ${at} WHERE id = ${c.id} AND version = ${c.version};
${audit(c.id, 'closure.claim', '{"status":"in_review"}')}
${counters('submitted', 'in_review')}
SELECT * FROM closure_requests cr LEFT JOIN customers c ON c.id = cr.customer_id LEFT JOIN staff_users u ON u.id = cr.assignee_id WHERE cr.id = ${c.id};
COMMIT;
BEGIN IMMEDIATE;
SELECT * FROM closure_requests WHERE id = ${c.id};
SELECT * FROM customers WHERE id = ${c.customerId};
SELECT SUM(amount) FROM refunds WHERE closure_request_id = ${c.id} AND status = 'recorded';
SELECT COUNT(*) FROM refunds WHERE closure_request_id = ${c.id} AND status = 'pending_approval';
SELECT COUNT(*) FROM esim_profiles WHERE customer_id = ${c.customerId} AND device_state = 'installed' AND network_state <> 'terminated';
UPDATE closure_requests SET status = 'approved', balance_decision = '${c.balanceDecision}', effective_date = ${today}, version = version + 1, updated_at = ${at}
  WHERE id = ${c.id} AND version = ${c.version + 1};
${audit(c.id, 'closure.approve', '{"status":"approved"}')}
INSERT INTO notifications (customer_id, closure_request_id, channel, recipient, template, locale, subject, body, status, attempts, next_attempt_at, created_at)
  VALUES (${c.customerId}, ${c.id}, 'email', 'someone@example.com', 'closure_approved', 'en', 'Approved', 'Your request was approved.', 'pending', 0, ${at}, ${at});
${counters('in_review', 'approved')}
SELECT * FROM closure_requests cr LEFT JOIN customers c ON c.id = cr.customer_id LEFT JOIN staff_users u ON u.id = cr.assignee_id WHERE cr.id = ${c.id};
COMMIT;`).join('\n');
  const ms = rawWriteMs(file, script);
  return (2 * candidates.length) / (ms / 1000);
}
