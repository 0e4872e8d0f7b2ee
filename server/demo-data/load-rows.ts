import type { Transaction } from 'sequelize';
import type { Database } from '../src/platform/db/database';

interface RawSqliteConnection {
  exec(sql: string, cb: (err: Error | null) => void): void;
}

const ROWS_PER_STATEMENT = 4_000;

const DAY = 86_400_000;
/** Midnight of 10000-01-01: from then on toISOString writes a six-digit year. */
const YEAR_10000 = 253_402_300_800_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** The date part of sqliteTime by day number: the seed writes millions of times over a few thousand days. */
const dayTexts = new Map<number, string>();

/**
 * SQLite's text form of a time, as Sequelize writes it (UTC, milliseconds, explicit offset):
 * `${d.toISOString().slice(0, 23).replace('T', ' ')} +00:00`, with the date part looked up and
 * the time of day written by arithmetic, since the seed writes some ten million of them.
 */
export function sqliteTime(d: Date): string {
  const ms = d.getTime();
  if (!(ms >= 0 && ms < YEAR_10000)) return `${d.toISOString().slice(0, 23).replace('T', ' ')} +00:00`; // and an invalid date throws, as before
  const day = Math.floor(ms / DAY);
  let date = dayTexts.get(day);
  if (date === undefined) {
    date = d.toISOString().slice(0, 10);
    dayTexts.set(day, date);
  }
  let rest = ms - day * DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${date} ${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[rest - s * 1000]} +00:00`;
}

export function literal(v: unknown): string {
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
  const tuples = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let t = '(';
    for (let c = 0; c < row.length; c++) t += (c ? ',' : '') + literal(row[c]);
    tuples[i] = `${t})`;
  }
  return insertTuples(table, columns, tuples);
}

/** INSERT statements for VALUES tuples already written, ROWS_PER_STATEMENT to a statement. */
export function insertTuples(table: string, columns: readonly string[], tuples: readonly string[]): string[] {
  const out: string[] = [];
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  for (let start = 0; start < tuples.length; start += ROWS_PER_STATEMENT) {
    out.push(head + tuples.slice(start, start + ROWS_PER_STATEMENT).join(','));
  }
  return out;
}

/**
 * Runs SQL on the SQLite write connection outside any transaction (SQLite refuses or ignores some
 * pragmas inside one). database.ts hands every transaction the same write connection, so it is
 * borrowed from an empty transaction; the seed is the only writer while it runs.
 */
export async function execOnWriteConnection(db: Database, sql: string): Promise<void> {
  const connection = await db.transaction(async (tx) => (tx as unknown as { connection: RawSqliteConnection }).connection);
  await new Promise<void>((resolve, reject) => connection.exec(sql, (err) => (err ? reject(err) : resolve())));
}

/** Runs statements on a SQLite transaction's own connection, one after the other. */
export async function execInTransaction(tx: Transaction, statements: readonly string[]): Promise<void> {
  const connection = (tx as unknown as { connection: RawSqliteConnection }).connection;
  for (const sql of statements) {
    await new Promise<void>((resolve, reject) => connection.exec(sql, (err) => (err ? reject(err) : resolve())));
  }
}
