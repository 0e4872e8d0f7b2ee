import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../src/platform/context';
import { bulkInsert } from '../src/platform/db/bulk-insert';
import { applyCounterDeltas } from '../src/closures/counters';
import { hashPassword } from '../src/platform/auth/passwords';
import { SETTING_DEFAULTS, writeDefaultSettings } from '../src/platform/settings-store';
import { AUDIT_COLUMNS, AuditChainBuilder, TREE_COLUMNS } from './audit-chain-builder';
import { withIndexesDeferred } from './deferred-indexes';
import { DEMO_STAFF } from './demo-staff';
import { keyFor, markSearchIndexKey } from '../src/customers/search-index';
import { BATCH_CUSTOMERS, BULK_TABLES, COLUMNS, generateBatch, type BatchSpec, type GeneratedBatch } from './generate-batch';
import type { StaffRef } from './generate-customer';
import { execInTransaction, execOnWriteConnection, insertStatements, insertTuples } from './load-rows';

export { SEED } from './generate-batch';

export interface SeedOptions {
  customers: number;
  /** the day the data is relative to (default: today, UTC); pinning it gives byte-identical data */
  anchor?: Date;
  /** the moment the seed runs (default: now); the default anchor is its day, and nothing is written after it */
  now?: Date;
  log?: (line: string) => void;
}

export async function isEmpty(ctx: AppContext): Promise<boolean> {
  return (await ctx.models.StaffUser.count()) === 0;
}

/**
 * Loads the deterministic, bilingual demo data: the same seed gives the same people, money and
 * history on every run. Customers are generated in batches (each from its own seed, so batches
 * can be generated on worker threads and still give the same data); the audit chain is built in
 * order on this thread; each batch goes in by bulk statements in one transaction, with the queue
 * counters it adds, while the next ones are being generated.
 */
export async function seedDemoData(ctx: AppContext, opts: SeedOptions): Promise<{ customers: number; requests: number; events: number }> {
  const { db, models, config } = ctx;
  const log = opts.log ?? (() => undefined);
  const anchor = opts.anchor ?? new Date((opts.now ?? new Date()).toISOString().slice(0, 10) + 'T00:00:00Z');

  const chain = new AuditChainBuilder();
  const passwordHash = await hashPassword(config.demoPassword);
  const staff: StaffRef[] = [];
  const staffEvents: unknown[][] = [];
  await db.transaction(async (tx) => {
    await writeDefaultSettings(models, tx);
    const created = new Date(anchor.getTime() - 1000 * 86_400_000);
    const rows = DEMO_STAFF.map((s, i) => [i + 1, s.email, s.fullName, s.role, passwordHash, true, null, created, created]);
    await bulkInsert(db, 'staff_users', ['id', 'email', 'full_name', 'role', 'password_hash', 'active', 'last_login_at', 'created_at', 'updated_at'], rows, tx);
    DEMO_STAFF.forEach((s, i) => {
      staff.push({ id: i + 1, email: s.email, role: s.role as 'agent' });
      chain.push({ actorId: null, actorEmail: null, actorRole: null, ip: null, action: 'staff.create', entityType: 'staff_user',
        entityId: String(i + 1), reason: 'demo data', at: created, after: { email: s.email, role: s.role } }, staffEvents);
    });
    await bulkInsert(db, 'audit_events', AUDIT_COLUMNS, staffEvents, tx);
    await bulkInsert(db, 'audit_tree_nodes', TREE_COLUMNS, chain.takeNodes(), tx);
  });
  if (db.dialect === 'postgres') await db.sequelize.query(`SELECT setval('staff_users_id_seq', (SELECT MAX(id) FROM staff_users))`);

  const specs: BatchSpec[] = [];
  for (let first = 0, index = 0; first < opts.customers; first += BATCH_CUSTOMERS, index++) {
    specs.push({
      index, first, last: Math.min(opts.customers, first + BATCH_CUSTOMERS), anchor: anchor.getTime(),
      agents: staff.filter((s) => s.role === 'agent'), supervisors: staff.filter((s) => s.role === 'supervisor'),
      slaDays: SETTING_DEFAULTS.slaDays, threshold: SETTING_DEFAULTS.refundApprovalThreshold,
      as: db.dialect === 'sqlite' ? 'sql' : 'rows', searchKey: keyFor(ctx).toString('hex'),
    });
  }

  let customers = 0;
  let requests = 0;
  let events = staffEvents.length;
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  // A fresh database being filled: a crash part-way means seeding again, so the load does not wait
  // on the disk, and the references, all to rows the seed has just written (in the same batch or
  // before it), are not looked up row by row (a tenth of SQLite's time). Put back at the end as
  // database.ts sets them on every connection.
  if (db.dialect === 'sqlite') await execOnWriteConnection(db, 'PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF');
  try {
    await withIndexesDeferred(db, async () => {
      // Pipelined: while SQLite writes one batch, the next ones are generated and chained.
      let writing: Promise<void> = Promise.resolve();
      for await (const batch of generated(specs)) {
        const eventRows: unknown[][] = [];
        const eventTuples: string[] = [];
        for (const e of batch.events) chain.pushPacked(e, eventRows);
        const rendered = batch.renderedEvents;
        for (let i = 0; i < rendered.length; i += 2) chain.pushRendered(rendered[i]!, rendered[i + 1]!, eventTuples);
        const audit = db.dialect === 'sqlite' ? insertTuples('audit_events', AUDIT_COLUMNS, eventTuples) : eventRows;
        const treeRows = chain.takeNodes();
        const tree = db.dialect === 'sqlite' ? insertStatements('audit_tree_nodes', TREE_COLUMNS, treeRows) : treeRows;
        await writing;
        writing = writeBatch(ctx, batch, audit, tree).then(() => {
          customers += batch.customers;
          requests += batch.requests;
          events += eventRows.length + eventTuples.length;
          log(`seed: ${customers}/${opts.customers} customers, ${requests} requests, ${events} audit events (${seconds()} s)`);
        });
      }
      await writing;
      log(`seed: building indexes (${seconds()} s)`);
    });
    if (db.dialect === 'postgres') await resetSequences(ctx);
    await markSearchIndexKey(ctx);
    await refreshStatistics(ctx);
  } finally {
    if (db.dialect === 'sqlite') await execOnWriteConnection(db, 'PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON');
  }
  log(`seed: done (${seconds()} s)`);
  return { customers, requests, events };
}

/**
 * The batches in order. One batch is generated here; more go to worker threads (one per core),
 * each kept a couple of batches ahead, and are answered back in order.
 */
async function* generated(specs: BatchSpec[]): AsyncGenerator<GeneratedBatch> {
  if (specs.length <= 1) {
    for (const spec of specs) yield generateBatch(spec);
    return;
  }
  // A batch is some ten megabytes of short strings and arrays that live until it is sent: with
  // V8's default young generation they are copied from space to space several times over, and
  // the collector took a third of the generating time.
  // From source the worker needs tsx's loader registered (batch-worker.mjs); built, it is dist/batch-worker.js.
  const workerFile = new URL(import.meta.url.endsWith('.ts') ? './batch-worker.mjs' : './batch-worker.js', import.meta.url);
  const workers = Array.from({ length: Math.min(os.availableParallelism(), 4) }, () =>
    new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 96 } }));
  const waiting = new Map<number, (b: GeneratedBatch) => void>();
  const failed = new Promise<never>((_, reject) => workers.forEach((w) => w.on('error', reject)));
  for (const w of workers) w.on('message', (b: GeneratedBatch) => waiting.get(b.index)?.(b));
  const pending = new Map<number, Promise<GeneratedBatch>>();
  let next = 0;
  const ask = () => {
    if (next >= specs.length) return;
    const spec = specs[next]!;
    pending.set(spec.index, new Promise((resolve) => waiting.set(spec.index, resolve)));
    workers[spec.index % workers.length]!.postMessage(spec);
    next++;
  };
  try {
    for (let i = 0; i < 2 * workers.length; i++) ask();
    for (const spec of specs) {
      const batch = await Promise.race([pending.get(spec.index)!, failed]);
      pending.delete(spec.index);
      waiting.delete(spec.index);
      ask();
      yield batch;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * One batch in one transaction, with the queue counters it adds (closures/counters.ts) and its
 * audit events: INSERT statements on SQLite, rows on PostgreSQL.
 */
async function writeBatch(ctx: AppContext, batch: GeneratedBatch, audit: string[] | unknown[][], tree: string[] | unknown[][]): Promise<void> {
  const { db } = ctx;
  await db.transaction(async (tx) => {
    if (db.dialect === 'sqlite') {
      await execInTransaction(tx, batch.sql);
      await execInTransaction(tx, audit as string[]);
      await execInTransaction(tx, tree as string[]);
    } else {
      for (const table of BULK_TABLES) await bulkInsert(db, table, COLUMNS[table], batch.rows[table] ?? [], tx);
      await bulkInsert(db, 'audit_events', AUDIT_COLUMNS, audit as unknown[][], tx);
      await bulkInsert(db, 'audit_tree_nodes', TREE_COLUMNS, tree as unknown[][], tx);
    }
    await applyCounterDeltas(db, tx, new Map(batch.counters), batch.minSlaMs);
  });
}

/**
 * Exact planner statistics for the loaded tables (seconds at a million rows): sampled ones
 * (analysis_limit) misjudge how many rows share a status by a hundredfold, and the planner then
 * sorts a hundred thousand rows for a page it could read in order.
 */
async function refreshStatistics(ctx: AppContext): Promise<void> {
  const { db } = ctx;
  if (db.dialect === 'postgres') {
    await db.sequelize.query('ANALYZE');
    return;
  }
  await db.transaction(async (tx) => {
    await db.sequelize.query('PRAGMA analysis_limit=0', { transaction: tx });
    await db.sequelize.query('ANALYZE', { transaction: tx });
    await db.sequelize.query('PRAGMA analysis_limit=1000', { transaction: tx });
  });
}

async function resetSequences(ctx: AppContext): Promise<void> {
  for (const table of ['customers', 'esim_profiles', 'bills', 'balance_entries', 'closure_requests', 'refunds', 'notifications']) {
    await ctx.db.sequelize.query(`SELECT setval('${table}_id_seq', GREATEST((SELECT COALESCE(MAX(id), 0) FROM ${table}), 1))`);
  }
}
