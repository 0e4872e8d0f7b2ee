import { loadConfig } from '../platform/config';
import { openContext } from '../server';
import { checkLedger } from '../billing';

// npm run ledger:check — exits 1 when any cached balance differs from its ledger.
const ctx = await openContext({ ...loadConfig(), logLevel: 'warn' });
const { customers, drifts } = await checkLedger(ctx);
await ctx.db.close();
if (drifts.length === 0) {
  console.log(`ledger:check OK: ${customers} customers, no drift`);
} else {
  for (const d of drifts.slice(0, 50)) console.log(`customer ${d.customerId}: ${d.field} stored ${d.stored}, ledger says ${d.recomputed}`);
  console.log(`ledger:check FAILED: ${drifts.length} differences over ${customers} customers`);
  process.exit(1);
}
