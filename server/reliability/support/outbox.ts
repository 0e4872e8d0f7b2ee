import fs from 'node:fs';
import type { Inspector } from './inspect';

/** The ids of the messages a file transport wrote (JSON lines); a line cut short by a kill is counted apart. */
export function sentIds(files: string[]): { ids: number[]; torn: number } {
  const ids: number[] = [];
  let torn = 0;
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        ids.push(Number(JSON.parse(line).id));
      } catch {
        torn++;
      }
    }
  }
  return { ids, torn };
}

/**
 * Waits until no message is due (pending and not held by a dispatcher's lease), or the time is up.
 * With `leasedToo`, waits as well for the messages a live dispatcher has claimed and is sending:
 * right after the last due one is claimed, it may not be marked sent yet.
 */
export async function waitForOutbox(inspector: Inspector, timeoutMs: number, opts: { leasedToo?: boolean } = {}): Promise<{ due: number; leased: number; ms: number }> {
  const started = Date.now();
  for (;;) {
    const [row] = await inspector.query<{ due: number; leased: number }>(`SELECT
      (SELECT COUNT(*) FROM notifications WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= :now)) AS due,
      (SELECT COUNT(*) FROM notifications WHERE status = 'pending' AND next_attempt_at > :now) AS leased`, { now: new Date() });
    const due = Number(row!.due);
    const leased = Number(row!.leased);
    if ((due === 0 && (!opts.leasedToo || leased === 0)) || Date.now() - started > timeoutMs) return { due, leased, ms: Date.now() - started };
    await new Promise((r) => setTimeout(r, 200));
  }
}
