import { createDatabase } from '../platform/db/database';
import { createMigrator } from '../platform/db/migrate';
import { loadConfig } from '../platform/config';

// npm run migrate -w server: runs the pending migrations on DATABASE_URL and exits; a release step
// before starting several instances (docs/OPERATIONS.md).
const db = createDatabase(loadConfig().databaseUrl);
try {
  const done = await createMigrator(db).up();
  const all = await createMigrator(db).executed();
  console.log(JSON.stringify({ applied: done.map((m) => m.name), total: all.length }));
} catch (err) {
  console.error(`migration failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
