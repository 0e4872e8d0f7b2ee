import { startPeriodic } from '../platform/periodic';
import type { BackgroundJob } from '../platform/periodic';
import { loadSigningKey } from './signing-key';
import { appendSignedCheckpoint } from './signed-checkpoint';

const HOUR = 3_600_000;

/**
 * Hourly signed checkpoint of the Merkle tree (docs/AUDIT.md §3): every `everyMs` it signs the
 * tree when something was appended since the last checkpoint and that one is at least `minAgeMs`
 * old. The check and the signing happen under the chain lock (the lease): with several instances
 * only one signs. Without a key it warns once and signs nothing.
 */
export function treeCheckpointJob(opts: { firstDelayMs?: number; everyMs?: number; minAgeMs?: number } = {}): BackgroundJob {
  const { firstDelayMs = 60_000, everyMs = HOUR, minAgeMs = HOUR - 5 * 60_000 } = opts;
  return {
    name: 'audit-tree-checkpoint',
    start(ctx) {
      let warned = false;
      const tick = async () => {
        if (!loadSigningKey(ctx.config)) {
          if (!warned) ctx.logger.warn('no audit signing key (AUDIT_SIGNING_KEY_FILE): no signed checkpoints are made');
          warned = true;
          return;
        }
        const cp = await appendSignedCheckpoint(ctx, { ifDueAfterMs: minAgeMs });
        if (cp) ctx.logger.info({ treeSize: cp.treeSize, eventId: cp.eventId }, 'signed audit checkpoint appended');
      };
      return startPeriodic(tick, { firstDelayMs, everyMs, logger: ctx.logger, failure: 'audit checkpoint failed' });
    },
  };
}
