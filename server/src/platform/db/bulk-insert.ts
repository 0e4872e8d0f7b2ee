import type { Transaction } from 'sequelize';
import type { Database } from './database';

/** A value as the dialect stores it: Sequelize's own text form for SQLite dates, 1/0 for booleans. */
export function sqlValue(db: Database, v: unknown): unknown {
  if (v instanceof Date) {
    return db.dialect === 'sqlite' ? v.toISOString().replace('T', ' ').replace('Z', ' +00:00') : v.toISOString();
  }
  if (typeof v === 'boolean' && db.dialect === 'sqlite') return v ? 1 : 0;
  return v ?? null;
}

/**
 * Inserts many rows with bound parameters, in statements as large as the driver allows.
 * For the seed and benchmarks, where going through a model per row would dominate the time.
 */
export async function bulkInsert(
  db: Database,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  transaction?: Transaction,
): Promise<void> {
  if (rows.length === 0) return;
  const maxParams = db.dialect === 'sqlite' ? 32_000 : 60_000;
  const perStatement = Math.max(1, Math.floor(maxParams / columns.length));
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const bind: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = row.map((v) => {
        bind.push(sqlValue(db, v));
        return `$${bind.length}`;
      });
      return `(${marks.join(',')})`;
    });
    await db.sequelize.query(head + tuples.join(','), { bind, transaction, type: 'INSERT' });
  }
}
