/** npm run retention: anonymises closed customers past the retention period now (DATABASE_URL). */
import { anonymiseClosedCustomers } from '../retention';
import { loadConfig } from '../platform/config';
import { openContext } from '../server';

const ctx = await openContext({ ...loadConfig(), logLevel: 'warn' });
try {
  const r = await anonymiseClosedCustomers(ctx, { log: (line) => console.log(line) });
  console.log(`retention: ${r.customers} customers closed before ${r.closedBefore} (${r.retentionDays} days) anonymised` +
    ` in ${r.batches} batches; ${r.profiles} profiles, ${r.notifications} notifications, ${r.attachments} attachments`);
} finally {
  await ctx.db.close();
}
