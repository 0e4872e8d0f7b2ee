import pino from 'pino';
import { checkLedger, type LedgerDrift } from '../../src/billing/ledger-check';
import { GENESIS_HASH, hashEvent, type HashedEvent } from '../../src/audit/hash';
import type { AppContext } from '../../src/platform/context';
import { createDatabase } from '../../src/platform/db/database';
import { defineModels } from '../../src/platform/db/models';
import { loadConfig } from '../../src/platform/config';

type Row = Record<string, unknown>;

/**
 * Tables whose rows a refused (4xx) call may add by design, left out of the fingerprint:
 * sessions and login failures (a failed sign-in is counted and audited), remembered idempotent
 * refusals, rate-limit counters, the migrations table.
 */
// audit_tree_nodes: the Merkle tree's hashes of the audit events, so they grow with any event, a refusal's audit
// event included; the events themselves are still compared (REFUSAL_ACTIONS below are the ones a refusal may write).
export const BOOKKEEPING_TABLES = ['sessions', 'login_attempts', 'job_leases', 'idempotency_keys', 'rate_limit_hits', 'schema_migrations', 'audit_tree_nodes'];
/** Audit actions a refused call writes by design (a failed sign-in is evidence too). */
export const REFUSAL_ACTIONS = ['auth.login_failed', 'auth.lockout', 'auth.login_burst', 'auth.password_change_failed'];

export interface ChainWalk {
  ok: boolean;
  checked: number;
  lastId: number;
  firstBadId?: number;
  problem?: string;
}

/**
 * A second, independent view of a database a server under test is using: its own connection
 * (for SQLite, a reader beside the server's writer, as WAL allows), no migrations, no jobs.
 */
export interface Inspector {
  ctx: AppContext;
  query<T = Row>(sql: string, replacements?: Record<string, unknown>): Promise<T[]>;
  /** row counts of every table but the bookkeeping ones, a few sums over mutable columns, and the audit head */
  fingerprint(): Promise<Record<string, number | string | null>>;
  /** walks the audit chain from id 1 with the published hash rule (src/audit/hash.ts) */
  walkChain(): Promise<ChainWalk>;
  ledgerDrifts(): Promise<LedgerDrift[]>;
  close(): Promise<void>;
}

const toIso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();
const text = (v: unknown) => (v == null ? null : String(v));

export function rowToHashed(r: Row): HashedEvent & { hash: string } {
  return {
    id: Number(r.id),
    at: toIso(r.at),
    actorId: r.actor_id == null ? null : Number(r.actor_id),
    actorEmail: text(r.actor_email),
    actorRole: text(r.actor_role),
    ip: text(r.ip),
    action: String(r.action),
    entityType: String(r.entity_type),
    entityId: text(r.entity_id),
    reason: text(r.reason),
    before: text(r.before),
    after: text(r.after),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

export async function openInspector(databaseUrl: string): Promise<Inspector> {
  const db = createDatabase(databaseUrl);
  const models = defineModels(db.sequelize);
  const ctx: AppContext = { config: { ...loadConfig({}), databaseUrl }, db, models, logger: pino({ level: 'silent' }) };
  const query = async <T = Row>(sql: string, replacements: Record<string, unknown> = {}) =>
    (await db.sequelize.query(sql, { type: 'SELECT', replacements })) as T[];

  const tables = async () => {
    const rows = db.dialect === 'sqlite'
      ? await query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      : await query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    return rows.map((r) => r.name).filter((t) => !BOOKKEEPING_TABLES.includes(t));
  };

  const fingerprint = async () => {
    const refusals = REFUSAL_ACTIONS.map((a) => `'${a}'`).join(', ');
    const counts = (await tables()).map((t) =>
      t === 'audit_events'
        ? `(SELECT COUNT(*) FROM audit_events WHERE action NOT IN (${refusals})) AS "${t}"`
        : `(SELECT COUNT(*) FROM "${t}") AS "${t}"`);
    const sums = [
      `(SELECT COALESCE(SUM(version), 0) FROM closure_requests) AS "closure_requests.versions"`,
      `(SELECT COALESCE(SUM(cash_balance + promo_balance + outstanding_amount), 0) FROM customers) AS "customers.money"`,
      `(SELECT COUNT(*) FROM customers WHERE status = 'closed') AS "customers.closed"`,
      `(SELECT COALESCE(SUM(amount_paid), 0) FROM bills) AS "bills.paid"`,
      `(SELECT COUNT(*) FROM bills WHERE status = 'waived') AS "bills.waived"`,
      `(SELECT COUNT(*) FROM refunds WHERE status = 'recorded') AS "refunds.recorded"`,
      `(SELECT COUNT(*) FROM notifications WHERE status = 'pending') AS "notifications.pending"`,
      `(SELECT COUNT(*) FROM staff_users WHERE active = ${db.dialect === 'sqlite' ? 1 : 'TRUE'}) AS "staff.active"`,
      `(SELECT MAX(updated_at) FROM staff_users) AS "staff.updated"`,
      `(SELECT MAX(updated_at) FROM settings) AS "settings.updated"`,
      `(SELECT MAX(updated_at) FROM esim_profiles) AS "profiles.updated"`,
      `(SELECT MAX(id) FROM audit_events WHERE action NOT IN (${refusals})) AS "audit.head"`,
    ];
    const [row] = await query<Record<string, unknown>>(`SELECT ${[...counts, ...sums].join(', ')}`);
    return Object.fromEntries(
      Object.entries(row ?? {}).map(([k, v]) => [k, v == null ? null : v instanceof Date ? v.toISOString() : typeof v === 'string' && !/^\d+$/.test(v) ? v : Number(v)]),
    );
  };

  const walkChain = async (): Promise<ChainWalk> => {
    let lastId = 0;
    let lastHash = GENESIS_HASH;
    let checked = 0;
    for (;;) {
      const rows = await query('SELECT * FROM audit_events WHERE id > :after ORDER BY id ASC LIMIT 5000', { after: lastId });
      if (rows.length === 0) return { ok: true, checked, lastId };
      for (const row of rows) {
        const e = rowToHashed(row);
        const bad = (problem: string): ChainWalk => ({ ok: false, checked, lastId, firstBadId: e.id, problem });
        if (e.id !== lastId + 1) return bad(`expected id ${lastId + 1}, found ${e.id}`);
        if (e.prevHash !== lastHash) return bad('prevHash is not the previous event\'s hash');
        if (hashEvent(e) !== e.hash) return bad('hash does not match the event\'s fields');
        lastId = e.id;
        lastHash = e.hash;
        checked++;
      }
    }
  };

  return {
    ctx,
    query,
    fingerprint,
    walkChain,
    ledgerDrifts: async () => (await checkLedger(ctx)).drifts,
    close: () => db.close(),
  };
}

/** The keys whose values differ between two fingerprints, with both values. */
export function diffFingerprints(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[k] !== b[k]) out[k] = [a[k], b[k]];
  return out;
}
