import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../src/audit/append-audit-event';
import { ApiClient } from './support/api-client';
import { HASH_LEAF, MTH, verifyConsistency, verifyInclusion } from './support/rfc9162';
import { startTestServer, type TestServer } from './support/test-server';

/*
 * The tree is checked against an implementation of RFC 9162 written in support/rfc9162.ts from the RFC's text
 * (§2.1.1 MTH, §2.1.3.2 inclusion verification, §2.1.4.2 consistency verification), not the
 * server's code. Leaf data is the event's canonical text, per docs/AUDIT.md §2.
 */
/** docs/AUDIT.md §2: the canonical text of a stored row. */
function canonicalText(r: Record<string, any>): Buffer {
  const at = (r.at instanceof Date ? r.at : new Date(String(r.at))).toISOString();
  return Buffer.from(JSON.stringify([Number(r.id), at, r.actor_id ?? null, r.actor_email ?? null, r.actor_role ?? null, r.ip ?? null,
    r.action, r.entity_type, r.entity_id ?? null, r.reason ?? null, r.before ?? null, r.after ?? null, r.prev_hash]), 'utf8');
}

const MAX = 5000;
let server: TestServer;
let auditor: ApiClient;
let leaves: Buffer[] = [];
const b64 = (s: string) => Buffer.from(s, 'base64');

beforeAll(async () => {
  server = await startTestServer({ customers: 5 });
  auditor = await ApiClient.as(server.url, 'auditor@demo.test');
  const { ctx } = server;
  // Thousands of events through the audit core's own append, in-process (over HTTP it would take minutes).
  const count = async () => Number(((await ctx.db.select<{ n: number }>('SELECT MAX(id) AS n FROM audit_events'))[0]!).n);
  while ((await count()) < MAX + 20) {
    await ctx.db.transaction(async (tx) => {
      for (let i = 0; i < 250; i++) {
        await appendAuditEvent(ctx.db, ctx.models, tx, {
          actor: null, ip: '10.0.0.1', action: 'test.merkle', entityType: 'test', entityId: i, reason: i % 7 ? null : `reason "${i}" 审核`,
          after: { i, note: 'x'.repeat(i % 40) },
        });
      }
    });
  }
  const rows = (await ctx.db.sequelize.query('SELECT * FROM audit_events ORDER BY id', { type: 'SELECT' })) as Record<string, any>[];
  leaves = rows.map((r) => HASH_LEAF(canonicalText(r)));
}, 600_000);
afterAll(() => server?.stop());

describe('the audit Merkle tree (RFC 9162 §2.1)', () => {
  it('when an auditor asks for inclusion proofs at random tree sizes 1..5000, then each verifies against the RFC root of the events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: MAX }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }))), async ([size, index]) => {
        const res = await auditor.get(`/api/audit/proofs/inclusion?id=${index + 1}&size=${size}`);
        expect(res.status).toBe(200);
        const root = MTH(leaves.slice(0, size));
        expect(res.body.treeSize).toBe(size);
        expect(res.body.leafIndex).toBe(index);
        expect(b64(res.body.rootHash).equals(root)).toBe(true);
        expect(b64(res.body.leafHash).equals(leaves[index]!)).toBe(true);
        const path = (res.body.inclusionPath as string[]).map(b64);
        expect(verifyInclusion(index, size, leaves[index]!, path, root)).toBe(true);
        if (path.length > 0) {
          const bad = path.map((p) => Buffer.from(p));
          bad[0]![0]! ^= 1;
          expect(verifyInclusion(index, size, leaves[index]!, bad, root)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it('when an auditor asks for consistency proofs between random sizes, then each verifies between the two RFC roots', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: MAX }).chain((to) => fc.tuple(fc.integer({ min: 1, max: to }), fc.constant(to))), async ([from, to]) => {
        const res = await auditor.get(`/api/audit/proofs/consistency?from=${from}&to=${to}`);
        expect(res.status).toBe(200);
        const first = MTH(leaves.slice(0, from));
        const second = MTH(leaves.slice(0, to));
        expect(b64(res.body.firstRootHash).equals(first)).toBe(true);
        expect(b64(res.body.secondRootHash).equals(second)).toBe(true);
        const path = (res.body.consistencyPath as string[]).map(b64);
        expect(verifyConsistency(from, to, first, second, path)).toBe(true);
        if (from < to) {
          const forged = Buffer.from(first);
          forged[0]! ^= 1;
          expect(verifyConsistency(from, to, forged, second, path)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it('when the size is left out, then the proof is against the whole log as it is now', async () => {
    const res = await auditor.get('/api/audit/proofs/inclusion?id=1');
    expect(res.status).toBe(200);
    expect(res.body.treeSize).toBeGreaterThanOrEqual(leaves.length);
    expect(verifyInclusion(0, res.body.treeSize, leaves[0]!, res.body.inclusionPath.map(b64), b64(res.body.rootHash))).toBe(true);
  });

  it('when the query is bad or the caller is an agent, then a 4xx in the error shape', async () => {
    for (const q of ['id=0', 'id=abc', 'id=10&size=5', `id=1&size=${10 ** 9}`]) {
      const res = await auditor.get(`/api/audit/proofs/inclusion?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await auditor.get('/api/audit/proofs/consistency?from=9&to=3')).status).toBe(400);
    const agent = await ApiClient.as(server.url, 'agent@demo.test');
    expect((await agent.get('/api/audit/proofs/inclusion?id=1')).status).toBe(403);
  });
});
