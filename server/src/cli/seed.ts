import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config';
import { parseDatabaseUrl } from '../platform/db/database';
import { openContext } from '../server';
import { isEmpty, seedDemoData } from '../../demo-data/seed';

// npm run seed -- [--customers N] [--reset]
const { values } = parseArgs({
  options: { customers: { type: 'string', default: '200' }, reset: { type: 'boolean', default: false } },
});
const customers = Number(values.customers);
if (!Number.isSafeInteger(customers) || customers < 1) {
  console.error('--customers must be a positive whole number');
  process.exit(2);
}
const config = { ...loadConfig(), logLevel: 'warn' };
const target = parseDatabaseUrl(config.databaseUrl);
if (values.reset && target.dialect === 'sqlite' && target.storage) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(target.storage + suffix, { force: true });
}
const ctx = await openContext(config);
if (values.reset && target.dialect === 'postgres') {
  await ctx.db.close();
  console.error('--reset on PostgreSQL: drop and recreate the database yourself (the audit table refuses deletes by design).');
  process.exit(2);
}
if (!(await isEmpty(ctx))) {
  console.error('The database already holds data. Run `npm run seed -- --reset` to start again from an empty SQLite file.');
  await ctx.db.close();
  process.exit(1);
}
const started = Date.now();
const result = await seedDemoData(ctx, {
  customers,
  log: (line) => process.stdout.write(process.stdout.isTTY ? `\r${line}` : `${line}\n`),
});
if (process.stdout.isTTY) process.stdout.write('\n');
console.log(`seeded ${result.customers} customers, ${result.requests} closure requests, ${result.events} audit events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
await ctx.db.close();
