import { loadConfig } from './platform/settings';
import { openContext, startServer } from './server';
import { isEmpty, seedDemoData } from './seed/seed';

const config = loadConfig();
const ctx = await openContext(config);
if (await isEmpty(ctx)) {
  ctx.logger.info('empty database: loading the demo data');
  await seedDemoData(ctx, { customers: 200, log: (line) => ctx.logger.info(line) });
}
const running = await startServer(ctx);
ctx.logger.info({ url: `http://localhost:${config.port}` }, 'Closure Desk is listening');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, 'shutting down');
    await running.close();
    process.exit(0);
  });
}
