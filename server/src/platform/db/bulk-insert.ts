import type { Transaction } from 'sequelize';
import { connectionOf, type Database } from './database';

/** A value as the dialect stores it: Sequelize's own text form for SQLite dates, 1/0 for booleans. */
export function sqlValue(db: Database, v: unknown): unknown {
  if (v instanceof Date) {
    return db.dialect === 'sqlite' ? v.toISOString().replace('T', ' ').replace('Z', ' +00:00') : v.toISOString();
  }
  if (typeof v === 'boolean' && db.dialect === 'sqlite') return v ? 1 : 0;
  return v ?? null;
}

interface RawSqliteConnection {
  run(sql: string, params: unknown[], cb: (err: Error | null) => void): void;
}

/**
 * Inserts many rows with bound parameters, in statements as large as the driver allows.
 * For the seed and benchmarks, where going through a model per row would dominate the time.
 *
 * On SQLite inside a transaction the statement goes straight to the transaction's connection with
 * positional `?` parameters: Sequelize hands node-sqlite3 named `$n` parameters, which it binds by
 * a name lookup each, so a statement's cost grows with the square of its parameters (a 32,000-
 * parameter statement took seconds instead of milliseconds).
 */
export async function bulkInsert(
  db: Database,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  transaction?: Transaction,
): Promise<void> {
  if (rows.length === 0) return;
  const raw = db.dialect === 'sqlite' ? transaction && connectionOf<RawSqliteConnection>(transaction) : undefined;
  const maxParams = db.dialect === 'sqlite' ? 32_000 : 60_000;
  const perStatement = Math.max(1, Math.floor(maxParams / columns.length));
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(',')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    for (const row of chunk) for (const v of row) values.push(sqlValue(db, v));
    if (raw) {
      const sql = head + new Array(chunk.length).fill(tuple).join(',');
      await new Promise<void>((resolve, reject) => raw.run(sql, values, (err) => (err ? reject(err) : resolve())));
      continue;
    }
    let n = 0;
    const tuples = chunk.map((row) => `(${row.map(() => `$${++n}`).join(',')})`);
    await db.sequelize.query(head + tuples.join(','), { bind: values, transaction, type: 'INSERT' });
  }
}
