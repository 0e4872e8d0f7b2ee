import pg from 'pg';
import { Sequelize, Transaction } from 'sequelize';

export type Dialect = 'sqlite' | 'postgres';

export interface SelectOptions {
  cache?: boolean;
  scan?: boolean;
}

export interface Database {
  sequelize: Sequelize;
  dialect: Dialect;
  /** Runs fn in one write transaction: the change, its audit event and its outbox rows commit together. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * A read outside any transaction, for the hot paths (lists, sessions): plain rows, no model
   * machinery. Parameters are written with `placeholder(n)` (1-based), or as `$n` as for `query` (not
   * with `cache: false`). On SQLite the statement is
   * prepared once per read connection and reused (`cache: false` for SQL that carries its values).
   * `scan: true` marks one page of a long sequential read (an export): on SQLite it runs on a scan
   * connection, whose page cache is small, so a 2.5 M-row export neither grows the process by the
   * read connections' caches nor pushes the lists' hot index pages out of them.
   */
  select<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], opts?: SelectOptions): Promise<T[]>;
  /**
   * One statement inside a write transaction, on the transaction's own connection, without
   * Sequelize's per-query cost: a model read or write costs 0.3–1 ms of JavaScript, a prepared
   * statement a few hundredths, and an audited action makes a dozen of them while holding the write
   * lock. Parameters are `$1`, `$2`… on both dialects; rows come as the driver gives them, the same
   * shapes as Sequelize's `raw: true` (SQLite: dates as Sequelize's UTC text, booleans 0/1). On
   * SQLite the statement is prepared once on the write connection and reused.
   */
  query<T = Record<string, unknown>>(tx: Transaction, sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The n-th parameter's marker in `select` SQL: `?n` on SQLite, `$n` on PostgreSQL (numbered, so pieces may bind in any order). */
  placeholder(n: number): string;
  close(): Promise<void>;
}


// PostgreSQL answers BIGINT (money sums, counts) as strings; every amount we keep fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// A DATE is a calendar day, `YYYY-MM-DD` as SQLite keeps it: not a Date at local midnight (records.ts).
pg.types.setTypeParser(1082, (v) => v);

/**
 * SQLite pragmas, applied once to every connection we open (docs/PERFORMANCE.md explains them):
 * - journal_mode=WAL: readers never block the writer and the writer never blocks readers.
 * - synchronous=NORMAL: with WAL a commit is not fsynced, only checkpoints are: a commit survives a
 *   crash of the process; an OS crash or power cut may lose the last commits, never corrupt the file.
 *   FULL would add an fsync to every action for that last guarantee.
 * - busy_timeout (set through the driver): another process (a CLI, a backup) holding the write lock
 *   makes us wait up to 15 s, not fail. Inside the server writers never wait on each other: they queue.
 * - cache_size=-65536: a 64 MiB page cache per connection, so the hot part of the indexes stays in
 *   process memory instead of going through read() for every page.
 * - temp_store=MEMORY: sorts and temporary b-trees in memory.
 * - foreign_keys=ON: the schema's references are enforced.
 * - journal_size_limit: the WAL file is truncated back to 64 MiB after a checkpoint (a seed or a long
 *   export can grow it far beyond).
 * - analysis_limit=1000: ANALYZE and PRAGMA optimize sample 1,000 rows per index, so they take
 *   milliseconds at a million rows; the planner needs the statistics, not exact ones.
 * Memory-mapped I/O (mmap_size) is left off: it saves a copy per page read, but the mapped file
 *   then counts in the process RSS, which the exports are measured and tested on.
 */
const SQLITE_PRAGMAS = [
  'PRAGMA journal_mode=WAL',
  'PRAGMA synchronous=NORMAL',
  'PRAGMA foreign_keys=ON',
  'PRAGMA cache_size=-65536',
  'PRAGMA temp_store=MEMORY',
  'PRAGMA journal_size_limit=67108864',
  'PRAGMA analysis_limit=1000',
];

/**
 * Read connections: every query outside a transaction goes to one of these, in turn. One SQLite
 * connection runs one statement at a time, so with a single one every read waits in line on one
 * core; two let both cores of the target machine work.
 */
const SQLITE_READ_CONNECTIONS = Math.max(1, Number(process.env.SQLITE_READ_CONNECTIONS ?? 2));

/**
 * Scan connections: the pages of an export (`select(…, { scan: true })`), in turn, as many as the
 * read connections so two exports still use both cores. An export reads every page of its table
 * once, so a cache does nothing for it but fill: 8 MiB each (SQLite's default is 2 MiB) holds the
 * index and overflow pages one page of rows touches; the table's pages come from the OS's cache.
 */
const SQLITE_SCAN_PRAGMAS = ['PRAGMA cache_size=-8192'];

interface SqliteStatement {
  all(params: readonly unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  finalize(cb?: () => void): void;
}

interface SqliteConnection {
  configure(option: 'busyTimeout', ms: number): void;
  exec(sql: string, cb: (err: Error | null) => void): void;
  all(sql: string, params: readonly unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  prepare(sql: string, cb: (err: Error | null) => void): SqliteStatement;
  close(cb?: (err: Error | null) => void): void;
  __configured?: boolean;
  __statements?: Map<string, SqliteStatement>;
}

/*
 * Where this module goes under Sequelize. Sequelize 6 has no documented option for what the two
 * drivers below do (SQLite: one reused write connection, a few read connections, BEGIN/COMMIT sent
 * directly, prepared statements kept; both: a statement on a transaction's own connection without
 * the ORM's per-query cost), and its SQLite connection manager runs no `afterConnect` hook for the
 * pragmas. So we use these fields, which Sequelize sets at runtime but leaves out of its types; the
 * declarations below are the only places that say so (checked against sequelize 6.37:
 * lib/transaction.js and lib/dialects/sqlite/connection-manager.js; a Sequelize upgrade must be
 * read against them, and every API and reliability test runs through them on both dialects).
 */

/** A transaction as lib/transaction.js builds it: its connection, its parent (a savepoint's), its end, its options. */
interface TransactionInternals {
  connection: unknown;
  parent?: Transaction;
  finished?: string;
  options: { type?: string };
}
const internalsOf = (tx: Transaction) => tx as unknown as TransactionInternals;

/** The driver's connection a transaction holds: a `pg.Client` on PostgreSQL, a node-sqlite3 `Database` on SQLite. */
export function connectionOf<C>(tx: Transaction): C {
  return internalsOf(tx).connection as C;
}

/**
 * SQLite's connection manager: the abstract type's getConnection takes a read/write type, the SQLite
 * one a `uuid` naming the connection it opens or returns, and it keeps them in `connections`.
 */
interface SqliteConnectionManager {
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection, force?: boolean): void;
  destroyConnection(connection: SqliteConnection): Promise<void>;
  connections: Record<string, SqliteConnection>;
}
const sqliteManagerOf = (sequelize: Sequelize) => sequelize.connectionManager as unknown as SqliteConnectionManager;

/** Prepared statements kept per read connection: list shapes and session lookups are few. */
const STATEMENT_CACHE_SIZE = 200;

export function parseDatabaseUrl(url: string): { dialect: Dialect; storage?: string } {
  if (url.startsWith('sqlite:')) return { dialect: 'sqlite', storage: url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') };
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres' };
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${url.split(':')[0]}:)`);
}

export function createDatabase(url: string, opts: { onQuery?: (sql: string) => void } = {}): Database {
  const { dialect, storage } = parseDatabaseUrl(url);
  const logging = opts.onQuery ? (sql: string) => opts.onQuery!(sql) : false;
  const sequelize =
    dialect === 'sqlite'
      ? new Sequelize({ dialect: 'sqlite', storage, logging, define: { underscored: true } })
      : new Sequelize(url, {
          dialect: 'postgres',
          logging,
          define: { underscored: true },
          pool: { max: Number(process.env.PG_POOL_MAX ?? 10), min: 0, idle: 10_000 },
        });

  if (dialect === 'postgres') {
    return {
      sequelize,
      dialect,
      transaction: (fn) => sequelize.transaction(fn),
      query: async <T>(tx: Transaction, sql: string, params: readonly unknown[] = []) => {
        opts.onQuery?.(sql);
        return (await connectionOf<pg.Client>(tx).query(sql, params as unknown[])).rows as T[];
      },
      // Straight to the driver, as `query` does: Sequelize's bind handling rewrites every `$n` and
      // `$$` in the text, inside string literals too, so a value written into the SQL could turn
      // into a parameter. Here the text goes to PostgreSQL as it is and the values travel apart.
      select: async <T>(sql: string, params: readonly unknown[] = []) => {
        opts.onQuery?.(sql);
        const manager = sequelize.connectionManager;
        // the PostgreSQL manager hands out the pool's pg.Client (the abstract type says only `object`)
        const client = (await manager.getConnection({ type: 'read' })) as pg.Client;
        try {
          return (await client.query(sql, params as unknown[])).rows as T[];
        } finally {
          await manager.releaseConnection(client);
        }
      },
      placeholder: (n) => `$${n}`,
      close: () => sequelize.close(),
    };
  }

  const connections = manageSqliteConnections(sequelize, opts.onQuery);
  beginAndEndDirectly(sequelize, opts.onQuery);
  // SQLite has one writer at a time. Queueing write transactions inside the process keeps
  // libuv's worker threads free (waiting in SQLite's busy handler would block them) and lets
  // every transaction reuse the one write connection.
  let writeQueue: Promise<unknown> = Promise.resolve();
  const transaction = <T>(fn: (tx: Transaction) => Promise<T>): Promise<T> => {
    const run = writeQueue.then(() => sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, fn));
    writeQueue = run.catch(() => undefined);
    return run;
  };
  const close = async () => {
    await writeQueue;
    await connections.finalizeStatements();
    await connections.optimize();
    await sequelize.close();
  };
  return { sequelize, dialect, transaction, select: connections.select, query: connections.query, placeholder: (n) => `?${n}`, close };
}

/**
 * BEGIN, COMMIT and ROLLBACK go straight to the transaction's connection. Through Sequelize's query
 * machinery each cost about 0.2 ms of JavaScript (among it a stack trace, formatted with source
 * maps, for every query), twice per transaction, all of it while the write lock is held. Savepoints
 * (a transaction inside a transaction) keep Sequelize's own way.
 */
function beginAndEndDirectly(sequelize: Sequelize, onQuery?: (sql: string) => void) {
  const qi = sequelize.getQueryInterface();
  const original = { start: qi.startTransaction.bind(qi), commit: qi.commitTransaction.bind(qi), rollback: qi.rollbackTransaction.bind(qi) };
  const exec = (tx: Transaction, sql: string) => {
    onQuery?.(sql);
    const connection = connectionOf<SqliteConnection>(tx);
    return new Promise<void>((resolve, reject) => connection.exec(sql, (err) => (err ? reject(err) : resolve())));
  };
  qi.startTransaction = (tx, options) => {
    const t = internalsOf(tx);
    return t.parent ? original.start(tx, options) : exec(tx, `BEGIN ${t.options.type ?? 'DEFERRED'} TRANSACTION`);
  };
  qi.commitTransaction = (tx, options) => {
    const t = internalsOf(tx);
    if (t.parent) return original.commit(tx, options);
    t.finished = 'commit';
    return exec(tx, 'COMMIT');
  };
  qi.rollbackTransaction = (tx, options) => {
    const t = internalsOf(tx);
    if (t.parent) return original.rollback(tx, options);
    t.finished = 'rollback';
    return exec(tx, 'ROLLBACK');
  };
}

/**
 * Sequelize's SQLite driver opens a new connection for every transaction (file open, pragmas,
 * schema parse) and closes it at commit, and sends every other query down one shared connection.
 * Here transactions reuse one dedicated write connection (the write queue guarantees there is only
 * ever one transaction at a time; one that bypasses the queue gets its own connection, as before),
 * and other queries are spread over SQLITE_READ_CONNECTIONS connections. All are registered with
 * Sequelize's connection manager, so sequelize.close() closes them.
 */
function manageSqliteConnections(sequelize: Sequelize, onQuery?: (sql: string) => void) {
  const manager = sqliteManagerOf(sequelize);
  const original = {
    get: manager.getConnection.bind(manager),
    release: manager.releaseConnection.bind(manager),
  };
  const configured = async (options: { uuid?: string }, extra: readonly string[] = []) => {
    const connection = await original.get(options);
    if (!connection.__configured) {
      connection.__configured = true;
      connection.configure('busyTimeout', 15_000);
      await new Promise<void>((resolve, reject) =>
        connection.exec([...SQLITE_PRAGMAS, ...extra].join(';'), (err) => (err ? reject(err) : resolve())),
      );
    }
    return connection;
  };

  let writer: SqliteConnection | null = null;
  let writerInUse = false;
  let nextReader = 0;

  manager.getConnection = async (options = {}) => {
    const uuid = options.uuid ?? 'default';
    if (uuid === 'default') {
      const name = `read-${nextReader++ % SQLITE_READ_CONNECTIONS}`;
      return configured({ ...options, uuid: name });
    }
    if (!writerInUse) {
      writerInUse = true;
      try {
        // Registered under a name of our own: the transaction's uuid changes on every use.
        writer = await configured({ uuid: 'writer' });
      } catch (err) {
        writerInUse = false;
        throw err;
      }
      return writer;
    }
    return configured(options);
  };
  manager.releaseConnection = (connection, force) => {
    if (connection === writer) {
      writerInUse = false;
      return;
    }
    original.release(connection, force);
  };
  // A commit or rollback that failed leaves the connection in an unknown state: close it, a new one opens next time.
  manager.destroyConnection = async (connection) => {
    await finalize(connection); // a prepared statement keeps its connection from closing
    if (connection === writer) {
      writer = null;
      writerInUse = false;
      delete manager.connections.writer;
    }
    await new Promise<void>((resolve) => connection.close(() => resolve()));
  };

  // The read connections, once open, are handed out in turn without going through Sequelize.
  const readers: SqliteConnection[] = [];
  let nextSelect = 0;
  const reader = async (): Promise<SqliteConnection> => {
    const i = nextSelect++ % SQLITE_READ_CONNECTIONS;
    return (readers[i] ??= await configured({ uuid: `read-${i}` }));
  };
  const scanners: SqliteConnection[] = [];
  let nextScan = 0;
  const scanner = async (): Promise<SqliteConnection> => {
    const i = nextScan++ % SQLITE_READ_CONNECTIONS;
    return (scanners[i] ??= await configured({ uuid: `scan-${i}` }, SQLITE_SCAN_PRAGMAS));
  };

  const prepared = async (connection: SqliteConnection, sql: string): Promise<SqliteStatement> => {
    const cache = (connection.__statements ??= new Map());
    const hit = cache.get(sql);
    if (hit) {
      cache.delete(sql); // most recently used last
      cache.set(sql, hit);
      return hit;
    }
    const statement = await new Promise<SqliteStatement>((resolve, reject) => {
      const st = connection.prepare(sql, (err) => (err ? reject(err) : resolve(st)));
    });
    cache.set(sql, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) {
      const [oldest, evicted] = cache.entries().next().value as [string, SqliteStatement];
      cache.delete(oldest);
      evicted.finalize();
    }
    return statement;
  };

  const finalize = async (connection: SqliteConnection) => {
    const statements = [...(connection.__statements?.values() ?? [])];
    connection.__statements?.clear();
    await Promise.all(statements.map((st) => new Promise<void>((resolve) => st.finalize(() => resolve()))));
  };
  // `$n` (as PostgreSQL writes parameters) to SQLite's numbered `?n`, once per statement text.
  const sqliteText = new Map<string, string>();
  const toSqlite = (sql: string) => {
    let text = sqliteText.get(sql);
    if (text === undefined) {
      text = sql.replace(/\$(\d+)/g, '?$1');
      if (sqliteText.size < STATEMENT_CACHE_SIZE * 4) sqliteText.set(sql, text);
    }
    return text;
  };

  return {
    query: async <T>(tx: Transaction, sql: string, params: readonly unknown[] = []): Promise<T[]> => {
      onQuery?.(sql);
      const connection = connectionOf<SqliteConnection>(tx);
      const text = toSqlite(sql);
      // Statements are kept on the write connection only: any other closes at the end of its transaction.
      if (connection !== writer) {
        return new Promise<T[]>((resolve, reject) => connection.all(text, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
      }
      const statement = await prepared(connection, text);
      return new Promise<T[]>((resolve, reject) => statement.all(params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
    },
    select: async <T>(text: string, params: readonly unknown[] = [], opts: SelectOptions = {}): Promise<T[]> => {
      onQuery?.(text);
      // SQL that carries its values inline is left as it is: a value could hold `$1`.
      const sql = opts.cache === false ? text : toSqlite(text);
      const connection = await (opts.scan ? scanner() : reader());
      if (opts.cache === false) {
        return new Promise<T[]>((resolve, reject) => connection.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
      }
      const statement = await prepared(connection, sql);
      return new Promise<T[]>((resolve, reject) => statement.all(params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
    },
    /** Prepared statements hold their connection open: finalize them before it closes. */
    finalizeStatements: async () => {
      for (const connection of Object.values(manager.connections)) await finalize(connection);
    },
    /** Refreshes the planner's statistics where they are stale (SQLite's advice: run it before closing). */
    optimize: async () => {
      const connection = manager.connections.writer;
      if (!connection) return;
      await new Promise<void>((resolve) => connection.exec('PRAGMA optimize', () => resolve()));
    },
  };
}
