import type { AppContext } from './platform/context';
import { notificationDispatcher } from './notifications';
import { treeCheckpointJob } from './audit';
import { retentionJob } from './retention';
import { sessionPurgeJob } from './staff';
import type { BackgroundJob } from './platform/periodic';
import { closingFinisherJob, infoWaitJob } from './closures';
import { peerDispatcher } from './connectors';

export type { BackgroundJob };

/** Every in-server job; each component adds its own here. */
export function backgroundJobs(): BackgroundJob[] {
  // Checkpoints are signed with Ed25519 (treeCheckpointJob); the HMAC checkpoint job is retired and gone.
  return [notificationDispatcher(), treeCheckpointJob(), retentionJob(), sessionPurgeJob(), infoWaitJob(),
    peerDispatcher('network'), peerDispatcher('smdp'), closingFinisherJob()];
}

export function startBackgroundJobs(ctx: AppContext, jobs = backgroundJobs()): () => Promise<void> {
  if (process.env.DISABLE_JOBS === '1') return async () => undefined;
  const stops = jobs.map((job) => {
    ctx.logger.info({ job: job.name }, 'background job started');
    return job.start(ctx);
  });
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
