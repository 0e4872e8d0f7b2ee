import type { Server } from 'node:http';
import { createApp } from './app';
import { startBackgroundJobs } from './jobs';
import type { AppContext } from './platform/context';
import { createDatabase } from './platform/db/database';
import { defineModels } from './platform/db/models';
import { migrate } from './platform/db/migrate';
import { createLogger } from './platform/logging';
import type { Config } from './platform/config';
import { drainHttpServer } from './ops';
import { markDraining } from './ops';
import { ensureSearchIndex } from './customers';
import { eventBusFor, startEventRelay } from './platform/events';
import { presenceBoardFor } from './live';

export interface RunningServer {
  ctx: AppContext;
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function openContext(config: Config): Promise<AppContext> {
  const logger = createLogger(config.logLevel);
  const db = createDatabase(config.databaseUrl);
  await migrate(db);
  const ctx = { config, db, models: defineModels(db.sequelize), logger };
  await ensureSearchIndex(ctx);
  return ctx;
}

/** Starts the HTTP server on config.port (0 picks a free port, as the tests do). */
export async function startServer(ctx: AppContext, opts: { jobs?: boolean } = {}): Promise<RunningServer> {
  const app = createApp(ctx);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(ctx.config.port, () => resolve(s));
    s.once('error', reject);
  });
  const stopJobs = opts.jobs === false ? async () => undefined : startBackgroundJobs(ctx);
  // Live pages: on PostgreSQL this instance LISTENs for every instance's changes (platform/events.ts).
  presenceBoardFor(ctx.db);
  const stopRelay = await startEventRelay(ctx.db, ctx.config.databaseUrl, ctx.logger);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : ctx.config.port;
  return {
    ctx,
    server,
    url: `http://127.0.0.1:${port}`,
    // Graceful: readiness turns 503, no new connections, in-flight requests finish (up to
    // SHUTDOWN_GRACE_MS), the jobs finish what they hold (the outbox marks its message), then the database closes.
    close: async () => {
      markDraining(ctx);
      eventBusFor(ctx.db).endStreams(); // an event stream never finishes by itself
      await Promise.all([drainHttpServer(server), stopJobs()]);
      await stopRelay();
      await ctx.db.close();
    },
  };
}
