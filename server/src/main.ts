import { loadConfig, productionConfigProblem } from './platform/config';
import { openContext, startServer } from './server';
import { createLogger, installLastResortHandlers } from './platform/logging';
import { registerPeerListener, startEmbeddedPeers } from './peers-startup';
import { hasAnyStaff } from './staff';

// Production never runs on a demo secret: one line on stderr, exit 1, before anything is opened.
const problem = productionConfigProblem(process.env);
if (problem) {
  console.error(problem);
  process.exit(1);
}
const config = loadConfig(process.env, process.argv.slice(2));
// Installed first, so a failure while starting is logged too.
installLastResortHandlers(createLogger(config.logLevel));
// Before the jobs start: the dispatchers read the peers' URLs from the configuration.
const stopPeers = await startEmbeddedPeers(config, (line) => console.log(line));
const ctx = await openContext(config);
// No staff at all: a database nobody has used yet.
if (!(await hasAnyStaff(ctx))) {
  if (config.demoData) {
    ctx.logger.info('empty database: loading the demo data');
    // The demo-data generator is a tool beside the product, loaded only when the demo asks for it.
    const { seedDemoData } = await import('../demo-data/seed');
    await seedDemoData(ctx, { customers: 200, log: (line) => ctx.logger.info(line) });
  } else {
    ctx.logger.warn('empty database: no demo data loaded (only the default SQLite file gets it unless DEMO_DATA=1 or --demo); it has no staff accounts yet');
  }
}
if (config.intakeApiKeys.length === 0) ctx.logger.warn('INTAKE_API_KEYS is not set: every intake call is refused');
const running = await startServer(ctx);
ctx.logger.info({ url: `http://localhost:${config.port}` }, 'Closure Desk is listening');
await registerPeerListener(ctx, running.url);

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
    running.close().then(stopPeers).then(
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
