import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/support/api-client';
import { buildStaff } from '../test/support/factories';
import { createTestDatabase } from '../test/support/test-server';
import { seedDatabase } from './support/server';
import { startChild, type ChildServer } from './support/child';
import { all, connectCluster, tally, type Cluster } from './support/cluster';
import { report } from './support/figures';
import { openInspector } from './support/inspect';

// Two server processes on one database (TRUST_PROXY=1, so each scenario's guesser has its own
// address): the attempt counter lives in the database, so the limit holds across instances.
let database: { url: string; drop(): Promise<void> };
const instances: ChildServer[] = [];
let cluster: Cluster;
let seq = 0;
const PASSWORD = 'a-long-password-123';

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.url, 10);
  for (let n = 0; n < 2; n++) instances.push(await startChild({ DATABASE_URL: database.url, TRUST_PROXY: '1', DISABLE_JOBS: '1' }));
  cluster = await connectCluster(instances.map((s) => s.url), await openInspector(database.url));
});
afterAll(async () => {
  await Promise.all(instances.map((s) => s.stop()));
  await cluster?.inspector.close();
  await database?.drop();
});

async function newAccount(): Promise<{ id: number; email: string }> {
  const email = `raced-${process.pid}-${++seq}@demo.test`;
  // Straight into the database with a known password (admins invite by link: enrolment.test.ts).
  return { id: await buildStaff(cluster.inspector, { email, fullName: `Raced ${seq}`, role: 'supervisor' }, PASSWORD), email };
}

describe('sign-in throttle across two instances', () => {
  for (const n of [20, 50]) {
    it(`when ${n} wrong passwords for one account from one address are split across both instances, then 5 are checked and the rest refused; the right one is refused too`, async () => {
      const { id, email } = await newAccount();
      const ip = `192.0.2.${++seq}`;
      const guess = (i: number) => () =>
        new ApiClient(cluster.urls[i % 2]!, { 'x-forwarded-for': ip }).post('/api/auth/login', { email, password: `wrong-${i}` });
      const results = await all(Array.from({ length: n }, (_, i) => guess(i)));
      const counts = tally(results);
      expect(counts, JSON.stringify(counts)).toEqual({ '401 unauthenticated': 5, '429 rate_limited': n - 5 });
      for (const r of results.filter((x) => x.status === 429)) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      const failed = await cluster.inspector.query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM audit_events WHERE action = 'auth.login_failed' AND entity_id = :id`, { id: String(id) });
      expect(Number(failed[0]!.n)).toBe(5);
      for (const url of cluster.urls) {
        const right = await new ApiClient(url, { 'x-forwarded-for': ip }).post('/api/auth/login', { email, password: PASSWORD });
        expect(right.status).toBe(429);
      }
      report(`sign-in race (two instances, ${n} guesses)`, counts);
    });
  }
});
