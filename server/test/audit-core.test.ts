import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent } from '../src/audit/append-audit-event';
import { GENESIS_HASH, hashEvent } from '../src/audit/hash';
import { iso } from '../src/platform/http/list-resource';
import { ApiClient } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ customers: 10 });
});
afterAll(() => server?.stop());

async function readChain() {
  const rows = (await server.ctx.db.sequelize.query('SELECT * FROM audit_events ORDER BY id', { type: 'SELECT' })) as Record<string, any>[];
  return rows.map((r) => ({
    id: Number(r.id), at: iso(r.at)!, actorId: r.actor_id, actorEmail: r.actor_email, actorRole: r.actor_role, ip: r.ip,
    action: r.action, entityType: r.entity_type, entityId: r.entity_id, reason: r.reason, before: r.before, after: r.after,
    prevHash: r.prev_hash, hash: r.hash,
  }));
}

function expectIntactChain(chain: Awaited<ReturnType<typeof readChain>>) {
  let prev = GENESIS_HASH;
  chain.forEach((e, i) => {
    expect(e.id).toBe(i + 1);
    expect(e.prevHash).toBe(prev);
    expect(hashEvent(e)).toBe(e.hash);
    prev = e.hash;
  });
}

describe('the audit core', () => {
  it('when the seed and logins have written events, then every event links to the one before by SHA-256', async () => {
    await ApiClient.as(server.url, 'auditor@demo.test');
    const chain = await readChain();
    expect(chain.length).toBeGreaterThan(10);
    expectIntactChain(chain);
  });

  it('when many requests write events at once, then the chain never forks', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 3 === 0
          ? new ApiClient(server.url).post('/api/auth/login', { email: `ghost${i}@demo.test`, password: 'x' })
          : ApiClient.as(server.url, i % 2 ? 'agent@demo.test' : 'supervisor@demo.test'),
      ),
    );
    const ctx = server.ctx;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.db.transaction((tx) =>
          appendAuditEvent(ctx.db, ctx.models, tx, { actor: null, ip: null, action: 'test.concurrent', entityType: 'test', entityId: i }),
        ),
      ),
    );
    const chain = await readChain();
    expectIntactChain(chain);
    expect(new Set(chain.map((e) => e.prevHash)).size).toBe(chain.length);
  });

  it('when a change rolls back, then its audit event is gone with it', async () => {
    const ctx = server.ctx;
    const before = (await readChain()).length;
    await expect(
      ctx.db.transaction(async (tx) => {
        await appendAuditEvent(ctx.db, ctx.models, tx, { actor: null, ip: null, action: 'test.rollback', entityType: 'test', entityId: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await readChain()).length).toBe(before);
  });

  it('when personal data is in before/after, then it is stored masked', async () => {
    const ctx = server.ctx;
    await ctx.db.transaction((tx) =>
      appendAuditEvent(ctx.db, ctx.models, tx, {
        actor: null, ip: null, action: 'test.mask', entityType: 'customer', entityId: 1,
        before: { email: 'alice@example.com', phone: '13812345678', nested: { idDocumentNumber: 'E12345689' } },
      }),
    );
    const last = (await readChain()).at(-1)!;
    expect(JSON.parse(last.before)).toEqual({ email: 'a***@example.com', phone: '138****5678', nested: { idDocumentNumber: 'E1*****89' } });
  });

  it('when anyone tries to UPDATE or DELETE audit events in the database, then the database refuses', async () => {
    const refused = async (sql: string) => {
      const err = await server.ctx.db.sequelize.query(sql).then(() => null, (e) => e);
      expect(err, sql).not.toBeNull();
      expect(String(err.parent?.message ?? err.message), sql).toMatch(/append-only/);
    };
    await refused(`UPDATE audit_events SET action = 'forged' WHERE id = 1`);
    await refused('DELETE FROM audit_events WHERE id = 1');
    if (server.ctx.db.dialect === 'postgres') await refused('TRUNCATE audit_events');
    const chain = await readChain();
    expect(chain[0]!.action).not.toBe('forged');
    expectIntactChain(chain);
  });
});
