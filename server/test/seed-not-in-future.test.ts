import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config';
import { openContext } from '../src/server';
import { seedDemoData } from '../demo-data/seed';
import { createTestDatabase, DEMO_PASSWORD } from './support/test-server';

/** Every moment the demo data records, per table and column. */
const MOMENTS: Record<string, string[]> = {
  audit_events: ['at'],
  closure_requests: ['submitted_at', 'resolved_at', 'completed_at', 'created_at', 'updated_at'],
  refunds: ['created_at', 'decided_at'],
  notifications: ['created_at', 'sent_at'],
  balance_entries: ['occurred_at'],
  customers: ['created_at', 'updated_at', 'closed_at'],
  bills: ['created_at', 'updated_at'],
};

let cleanup: (() => Promise<void>) | null = null;
afterAll(async () => cleanup?.());

describe('the demo seed', () => {
  it('when it runs just after midnight (its default day), then nothing it writes happened after the moment it ran', async () => {
    const database = await createTestDatabase();
    const ctx = await openContext({
      ...loadConfig({}), port: 0, databaseUrl: database.url, demoPassword: DEMO_PASSWORD, logLevel: 'silent',
      attachmentsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-files-')),
      auditSigningKeyFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-key-')), 'audit-signing-key.pem'),
      auditSigningKeyGenerate: true,
    });
    cleanup = async () => {
      await ctx.db.close();
      await database.drop();
    };
    // Just after midnight UTC: the start of the day is when a seed's "recent" requests crowd its end.
    const ranAt = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate(), 0, 30);
    const seeded = await seedDemoData(ctx, { customers: 300, now: new Date(ranAt) });
    expect(seeded.events).toBeGreaterThan(300);
    const late: string[] = [];
    for (const [table, columns] of Object.entries(MOMENTS)) {
      for (const column of columns) {
        const [row] = (await ctx.db.sequelize.query(`SELECT MAX(${column}) AS latest FROM ${table}`, { type: 'SELECT' })) as { latest: unknown }[];
        if (row?.latest == null) continue;
        // PostgreSQL answers a Date, SQLite its text `2026-12-02 00:00:00.000 +00:00`.
        const latest = row.latest instanceof Date ? row.latest : new Date(String(row.latest).replace(' +00:00', 'Z').replace(' ', 'T'));
        expect(Number.isNaN(latest.getTime()), `${table}.${column} = ${String(row.latest)}`).toBe(false);
        if (latest.getTime() > ranAt) late.push(`${table}.${column} = ${latest.toISOString()} (ran at ${new Date(ranAt).toISOString()})`);
      }
    }
    expect(late).toEqual([]);
  });
});
