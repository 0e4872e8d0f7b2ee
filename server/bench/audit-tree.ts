/**
 * The audit Merkle tree's costs (issue 15), in-process on temporary SQLite databases:
 *  - append: one appendAuditEvent per transaction (chain + tree) against the tree's own part
 *    (appendLeaf per transaction less an empty transaction): the tree cannot be switched off in
 *    the live append, so "without" is the difference;
 *  - proofs: inclusion and consistency proofs at a synthetic tree of `treeSize` leaves (the nodes
 *    as the live append stores them, built by MerkleFrontier from random leaves: the seed cannot
 *    make 2.5M events quickly here), median and p95 of 200 random proofs each;
 *  - the evidence pack of a request with 30 events, over HTTP, median of 10;
 *  - the seed's time, tree included, at `seedCustomers`.
 * npm run bench -- --only tree [--tree-size 2500000] [--tree-seed-customers 2000]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendAuditEvent } from '../src/audit/append-audit-event';
import { appendLeaf, consistencyProof, inclusionProof } from '../src/audit/audit-tree';
import { leafHash, MerkleFrontier } from '../src/audit/merkle';
import { loadConfig } from '../src/platform/config';
import type { AppContext } from '../src/platform/context';
import { openContext, startServer } from '../src/server';
import { seedDemoData } from '../demo-data/seed';

export interface TreeBenchResult {
  appendMs: { withTree: number; treePart: number; withoutTree: number };
  proofs: { treeSize: number; buildSeconds: number; inclusion: { median: number; p95: number }; consistency: { median: number; p95: number } };
  pack: { events: number; medianMs: number; bytes: number };
  seed: { customers: number; events: number; seconds: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function tempContext(label: string, extra: Record<string, unknown> = {}): Promise<{ ctx: AppContext; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-tree-${label}-`));
  const ctx = await openContext({
    ...loadConfig({}), port: 0, databaseUrl: `sqlite:${path.join(dir, 'db.sqlite')}`, logLevel: 'silent', demoPassword: 'bench-password',
    attachmentsDir: path.join(dir, 'files'), auditSigningKeyFile: path.join(dir, 'key.pem'), auditSigningKeyGenerate: true,
    clientDist: path.join(dir, 'no-client'), ...extra,
  });
  return { ctx, dir };
}

async function appendCost(log: (l: string) => void): Promise<TreeBenchResult['appendMs']> {
  // The tree's part alone runs on a database of its own: audit_tree_nodes is append-only, so
  // leaves with no events behind them cannot go into (or be taken back from) the live tree.
  const a = await tempContext('append');
  const b = await tempContext('append-tree');
  try {
    const rounds = 3;
    const n = 1500;
    const full: number[] = [];
    const tree: number[] = [];
    let size = 0;
    for (let r = 0; r < rounds; r++) {
      let t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        await a.ctx.db.transaction((tx) => appendAuditEvent(a.ctx.db, a.ctx.models, tx, { actor: null, ip: null, action: 'bench.append', entityType: 'bench', entityId: i, after: { i } }));
      }
      full.push(ms(t0) / n);
      t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        await b.ctx.db.transaction((tx) => appendLeaf(b.ctx.db, tx, size++, `["bench",${i}]`));
      }
      const leafTx = ms(t0) / n;
      // The same number of empty write transactions: what a transaction costs with nothing in it.
      t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) await b.ctx.db.transaction(async (tx) => { await b.ctx.db.query(tx, 'SELECT 1', []); });
      tree.push(Math.max(0, leafTx - ms(t0) / n));
      log(`tree: append round ${r + 1}: ${full.at(-1)!.toFixed(3)} ms per event, the tree's part alone ${tree.at(-1)!.toFixed(3)} ms`);
    }
    const withTree = median(full);
    const treePart = median(tree);
    return { withTree, treePart, withoutTree: Math.max(0, withTree - treePart) };
  } finally {
    for (const c of [a, b]) {
      await c.ctx.db.close();
      fs.rmSync(c.dir, { recursive: true, force: true });
    }
  }
}

async function proofTimes(treeSize: number, log: (l: string) => void): Promise<TreeBenchResult['proofs']> {
  const { ctx, dir } = await tempContext('proofs');
  try {
    const t0 = process.hrtime.bigint();
    const frontier = new MerkleFrontier();
    const batch = 300;
    let rows: unknown[] = [];
    const flush = async (tx: unknown) => {
      const values = Array.from({ length: rows.length / 3 }, (_, r) => `($${3 * r + 1}, $${3 * r + 2}, $${3 * r + 3})`).join(', ');
      await ctx.db.query(tx as never, `INSERT INTO audit_tree_nodes (level, idx, hash) VALUES ${values}`, rows);
      rows = [];
    };
    for (let start = 0; start < treeSize; start += 100_000) {
      await ctx.db.transaction(async (tx) => {
        for (let i = start; i < Math.min(treeSize, start + 100_000); i++) {
          for (const node of frontier.push(leafHash(randomBytes(32)))) {
            rows.push(node.level, node.index, node.hash.toString('hex'));
            if (rows.length >= 3 * batch) await flush(tx);
          }
        }
        if (rows.length) await flush(tx);
      });
      if (start % 500_000 === 0) log(`tree: synthetic tree ${Math.min(treeSize, start + 100_000)} of ${treeSize} leaves`);
    }
    const buildSeconds = ms(t0) / 1000;
    const inc: number[] = [];
    const con: number[] = [];
    for (let i = 0; i < 200; i++) {
      const leaf = Math.floor(Math.random() * treeSize);
      const size = leaf + 1 + Math.floor(Math.random() * (treeSize - leaf));
      let t = process.hrtime.bigint();
      await inclusionProof(ctx.db, leaf, size);
      inc.push(ms(t));
      const from = 1 + Math.floor(Math.random() * (treeSize - 1));
      t = process.hrtime.bigint();
      await consistencyProof(ctx.db, from, treeSize);
      con.push(ms(t));
    }
    return { treeSize, buildSeconds, inclusion: { median: median(inc), p95: p95(inc) }, consistency: { median: median(con), p95: p95(con) } };
  } finally {
    await ctx.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function seedAndPack(customers: number, log: (l: string) => void): Promise<Pick<TreeBenchResult, 'pack' | 'seed'>> {
  const { ctx, dir } = await tempContext('seed');
  let running: { close(): Promise<void> } | null = null; // closing the server closes its database too
  try {
    const t0 = process.hrtime.bigint();
    const seeded = await seedDemoData(ctx, { customers, anchor: new Date('2026-11-20T00:00:00Z') });
    const seed = { customers, events: seeded.events, seconds: ms(t0) / 1000 };
    log(`tree: seeded ${customers} customers, ${seeded.events} events in ${seed.seconds.toFixed(1)} s`);
    const server = await startServer(ctx, { jobs: false });
    running = server;
    const url = server.url;
    const login = async (email: string) => {
      const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'bench-password' }) });
      const body = (await res.json()) as { csrfToken: string };
      return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: body.csrfToken };
    };
    const agent = await login('agent@demo.test');
    const auditor = await login('auditor@demo.test');
    const open = await fetch(`${url}/api/closure-requests?filter=${encodeURIComponent(JSON.stringify({ status: 'in_review' }))}&range=[0,0]`, { headers: { cookie: agent.cookie } });
    const [request] = (await open.json()) as { id: number }[];
    const count = async () => (await ctx.models.AuditEvent.count({ where: { entityType: 'closure_request', entityId: String(request!.id) } }));
    // Notes from a supervisor (any open request takes them) until the request has 30 events of its own.
    const supervisor = await login('supervisor@demo.test');
    for (let have = await count(); have < 30; have++) {
      await fetch(`${url}/api/closure-requests/${request!.id}/notes`, {
        method: 'POST', headers: { cookie: supervisor.cookie, 'x-csrf-token': supervisor.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ text: `bench note ${have}` }),
      });
    }
    const events = await count(); // before the downloads, each of which adds its own event
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 10; i++) {
      const t = process.hrtime.bigint();
      const res = await fetch(`${url}/api/closure-requests/${request!.id}/evidence`, { headers: { cookie: auditor.cookie } });
      bytes = (await res.arrayBuffer()).byteLength;
      times.push(ms(t));
    }
    return { seed, pack: { events, medianMs: median(times), bytes } };
  } finally {
    await (running ? running.close() : ctx.db.close());
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchAuditTree(opts: { treeSize: number; seedCustomers: number }, log: (l: string) => void): Promise<TreeBenchResult> {
  const appendMs = await appendCost(log);
  const { seed, pack } = await seedAndPack(opts.seedCustomers, log);
  const proofs = await proofTimes(opts.treeSize, log);
  return { appendMs, proofs, pack, seed };
}

export function renderTreeBench(r: TreeBenchResult): string {
  const f = (n: number, d = 3) => n.toFixed(d);
  return [
    '| audit tree (in-process, SQLite) | figure |',
    '|---|---|',
    `| one audited append per transaction, chain + tree | ${f(r.appendMs.withTree)} ms |`,
    `| of which the tree (appendLeaf per transaction, less an empty transaction) | ${f(r.appendMs.treePart)} ms |`,
    `| without the tree (the difference) | ${f(r.appendMs.withoutTree)} ms |`,
    `| inclusion proof at ${r.proofs.treeSize.toLocaleString('en')} leaves (median · p95 of 200) | ${f(r.proofs.inclusion.median)} · ${f(r.proofs.inclusion.p95)} ms |`,
    `| consistency proof to ${r.proofs.treeSize.toLocaleString('en')} leaves (median · p95 of 200) | ${f(r.proofs.consistency.median)} · ${f(r.proofs.consistency.p95)} ms |`,
    `| synthetic tree build (${r.proofs.treeSize.toLocaleString('en')} leaves) | ${f(r.proofs.buildSeconds, 1)} s |`,
    `| evidence pack of a request with ${r.pack.events} events, over HTTP (median of 10) | ${f(r.pack.medianMs, 1)} ms, ${r.pack.bytes.toLocaleString('en')} bytes |`,
    `| seed with the tree: ${r.seed.customers.toLocaleString('en')} customers, ${r.seed.events.toLocaleString('en')} events | ${f(r.seed.seconds, 1)} s |`,
  ].join('\n');
}
