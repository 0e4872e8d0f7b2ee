/**
 * npm run audit:checkpoint: signs the audit chain's head now (AUDIT_SIGNING_KEY, DATABASE_URL)
 * and prints the checkpoint; keep the last line somewhere else (it is what
 * `npm run audit:verify -- file --checkpoint ...` checks a file against).
 */
import { appendCheckpoint } from '../audit/append-checkpoint';
import { formatCheckpointToken } from '../audit/checkpoint-signature';
import { loadConfig } from '../platform/settings';
import { openContext } from '../server';

const key = process.env.AUDIT_SIGNING_KEY;
if (!key) {
  console.error('warning: AUDIT_SIGNING_KEY is not set; no checkpoint made');
  process.exit(1);
}
const ctx = await openContext({ ...loadConfig(), logLevel: 'warn' });
try {
  const cp = await appendCheckpoint(ctx, key);
  console.log(`checkpoint event ${cp.eventId} at ${cp.at} signs the chain up to event ${cp.headId}`);
  console.log(formatCheckpointToken(cp));
} finally {
  await ctx.db.close();
}
