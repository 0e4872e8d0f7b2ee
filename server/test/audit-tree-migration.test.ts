import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeRoot } from '../src/audit/audit-tree';
import { GENESIS_HASH, canonicalEventText, hashEvent, type HashedEvent } from '../src/audit/hash';
import { bulkInsert } from '../src/platform/db/bulk-insert';
import { createDatabase, type Database } from '../src/platform/db/database';
import { createMigrator } from '../src/platform/db/migrate';
import { HASH_LEAF, MTH } from './support/rfc9162';
import { createTestDatabase } from './support/test-server';

const COLUMNS = ['id', 'at', 'actor_id', 'actor_email', 'actor_role', 'ip', 'action', 'entity_type', 'entity_id', 'reason', 'before', 'after', 'prev_hash', 'hash'];
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDatabase(database.url);
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('migration 0012 on a trail written before the tree', () => {
  it('when events exist before the migration, then it builds their tree, with the root RFC 9162 gives', async () => {
    await createMigrator(db).up({ to: '0005-overdue-hour-counters' });
    const events: HashedEvent[] = [];
    let prev = GENESIS_HASH;
    for (let id = 1; id <= 1237; id++) {
      const e: HashedEvent = {
        id, at: new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString(), actorId: id % 3 ? 2 : null, actorEmail: id % 3 ? 'a@demo.test' : null,
        actorRole: id % 3 ? 'agent' : null, ip: null, action: 'old.event', entityType: 'closure_request', entityId: String(id % 17),
        reason: id % 5 ? null : `why "${id}" 原因`, before: null, after: JSON.stringify({ n: id }), prevHash: prev,
      };
      prev = hashEvent(e);
      events.push(e);
    }
    await db.transaction(async (tx) => {
      const rows = events.map((e) => [e.id, new Date(e.at), e.actorId, e.actorEmail, e.actorRole, e.ip, e.action, e.entityType, e.entityId, e.reason, e.before, e.after, e.prevHash, hashEvent(e)]);
      for (let i = 0; i < rows.length; i += 50) await bulkInsert(db, 'audit_events', COLUMNS, rows.slice(i, i + 50), tx);
    });
    await createMigrator(db).up();
    const leaves = events.map((e) => HASH_LEAF(Buffer.from(canonicalEventText(e), 'utf8')));
    for (const size of [1, 2, 3, 64, 1000, 1237]) {
      expect((await treeRoot(db, undefined, size)).equals(MTH(leaves.slice(0, size))), `size ${size}`).toBe(true);
    }
  }, 120_000);
});
