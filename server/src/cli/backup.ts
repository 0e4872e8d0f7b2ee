import path from 'node:path';
import { parseDatabaseUrl } from '../platform/db/database';
import { loadConfig } from '../platform/config';
import { backupSqlite } from '../ops';

// npm run backup -- <target file>: a consistent copy of the live SQLite database named by DATABASE_URL.
const target = process.argv[2];
if (!target || process.argv.length > 3) {
  console.error('usage: npm run backup -- <target file>   (copies the SQLite database named by DATABASE_URL)');
  process.exit(2);
}
const { dialect, storage } = parseDatabaseUrl(loadConfig().databaseUrl);
if (dialect !== 'sqlite' || !storage) {
  console.error('DATABASE_URL names PostgreSQL: back it up with pg_dump (see docs/OPERATIONS.md)');
  process.exit(2);
}
const cwd = process.env.INIT_CWD ?? process.cwd();
try {
  const report = await backupSqlite(path.resolve(cwd, storage), path.resolve(cwd, target));
  console.log(JSON.stringify(report));
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`);
  process.exit(1);
}
