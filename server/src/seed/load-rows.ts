import type { Transaction } from 'sequelize';

interface RawSqliteConnection {
  exec(sql: string, cb: (err: Error | null) => void): void;
}

const ROWS_PER_STATEMENT = 4_000;

/** SQLite's text form of a time, as Sequelize writes it (UTC, milliseconds, explicit offset). */
export const sqliteTime = (d: Date) => `${d.toISOString().slice(0, 23).replace('T', ' ')} +00:00`;

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`seed: not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return `'${sqliteTime(v)}'`;
  if (typeof v === 'string') {
    if (v.includes('\0')) throw new Error('seed: a string with a NUL character');
    return `'${v.includes("'") ? v.replaceAll("'", "''") : v}'`;
  }
  throw new Error(`seed: cannot write a ${typeof v}`);
}

/**
 * The seed's SQLite rows as INSERT statements with the values written in: the seed's own generated
 * data, quoted by SQLite's one rule (a quote is doubled). Binding 30,000 parameters costs the
 * event loop's thread four times as much, and building the text can happen on worker threads.
 */
export function insertStatements(table: string, columns: readonly string[], rows: readonly unknown[][]): string[] {
  const out: string[] = [];
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const end = Math.min(rows.length, start + ROWS_PER_STATEMENT);
    const tuples = new Array<string>(end - start);
    for (let i = start; i < end; i++) {
      const row = rows[i]!;
      let t = '(';
      for (let c = 0; c < row.length; c++) t += (c ? ',' : '') + literal(row[c]);
      tuples[i - start] = `${t})`;
    }
    out.push(head + tuples.join(','));
  }
  return out;
}

/** Runs statements on a SQLite transaction's own connection, one after the other. */
export async function execInTransaction(tx: Transaction, statements: readonly string[]): Promise<void> {
  const connection = (tx as unknown as { connection: RawSqliteConnection }).connection;
  for (const sql of statements) {
    await new Promise<void>((resolve, reject) => connection.exec(sql, (err) => (err ? reject(err) : resolve())));
  }
}
