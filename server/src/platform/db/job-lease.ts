import type { Database } from './database';

/**
 * Takes (or renews) the lease on a job for `ms`: one upsert that succeeds only when nobody holds
 * it or the holder's lease has run out, or we already hold it. Instances sharing the database
 * thus run a leased job one at a time; a holder that dies loses it when the lease ends.
 */
export async function takeLease(db: Database, name: string, holder: string, ms: number, now = Date.now()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await db.query<{ holder: string }>(
      tx,
      `INSERT INTO job_leases (name, holder, lease_until) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
       WHERE job_leases.lease_until <= $4 OR job_leases.holder = $2
       RETURNING holder`,
      [name, holder, now + ms, now],
    );
    return rows.length === 1;
  });
}

/** Gives the lease up early (a clean stop), so another instance need not wait for it to run out. */
export async function releaseLease(db: Database, name: string, holder: string): Promise<void> {
  await db.transaction((tx) => db.query(tx, 'DELETE FROM job_leases WHERE name = $1 AND holder = $2', [name, holder]));
}
