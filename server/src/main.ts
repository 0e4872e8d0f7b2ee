import { loadConfig } from './platform/settings';
import { openContext, startServer } from './server';
import { isEmpty, seedDemoData } from './seed/seed';
import { createLogger, installLastResortHandlers } from './platform/logging';

const config = loadConfig();
// Installed first, so a failure while starting is logged too.
installLastResortHandlers(createLogger(config.logLevel));
const ctx = await openContext(config);
if (await isEmpty(ctx)) {
  ctx.logger.info('empty database: loading the demo data');
  await seedDemoData(ctx, { customers: 200, log: (line) => ctx.logger.info(line) });
}
const running = await startServer(ctx);
ctx.logger.info({ url: `http://localhost:${config.port}` }, 'Closure Desk is listening');

// SIGTERM (the orchestrator) or SIGINT (Ctrl-C): drain and stop cleanly; a second signal exits at once.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      ctx.logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    ctx.logger.info({ signal }, 'shutting down: finishing requests in flight');
    running.close().then(
      () => {
        ctx.logger.info('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        ctx.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
