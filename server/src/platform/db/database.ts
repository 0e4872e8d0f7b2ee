import pg from 'pg';
import { Sequelize, Transaction } from 'sequelize';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  sequelize: Sequelize;
  dialect: Dialect;
  /** Runs fn in one write transaction: the change, its audit event and its outbox rows commit together. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// PostgreSQL answers BIGINT (money sums, counts) as strings; every amount we keep fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * SQLite pragmas, applied to every connection Sequelize opens (it opens one per transaction):
 * - journal_mode=WAL: readers never block the writer and the writer never blocks readers.
 * - synchronous=NORMAL: with WAL, a commit survives a process crash; only an OS crash may lose the last commits.
 * - busy_timeout: another process (a CLI, a backup) holding the write lock makes us wait, not fail.
 * - cache_size=-65536: 64 MiB page cache per connection so list pages stay in memory.
 * - foreign_keys=ON: the schema's references are enforced.
 */
const SQLITE_PRAGMAS = [
  'PRAGMA journal_mode=WAL',
  'PRAGMA synchronous=NORMAL',
  'PRAGMA foreign_keys=ON',
  'PRAGMA cache_size=-65536',
  'PRAGMA temp_store=MEMORY',
];

interface SqliteConnection {
  configure(option: 'busyTimeout', ms: number): void;
  exec(sql: string, cb: (err: Error | null) => void): void;
  __configured?: boolean;
}

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

  if (dialect === 'sqlite') configureSqliteConnections(sequelize);

  // SQLite has one writer at a time. Queueing write transactions inside the process keeps
  // libuv's worker threads free: waiting in SQLite's busy handler would block them all.
  let writeQueue: Promise<unknown> = Promise.resolve();

  const transaction = <T>(fn: (tx: Transaction) => Promise<T>): Promise<T> => {
    if (dialect === 'postgres') return sequelize.transaction(fn);
    const run = writeQueue.then(() =>
      sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, fn),
    );
    writeQueue = run.catch(() => undefined);
    return run;
  };

  return { sequelize, dialect, transaction, close: () => sequelize.close() };
}

function configureSqliteConnections(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as {
    getConnection(options?: unknown): Promise<SqliteConnection>;
  };
  const original = manager.getConnection.bind(manager);
  manager.getConnection = async (options?: unknown) => {
    const connection = await original(options);
    if (!connection.__configured) {
      connection.__configured = true;
      connection.configure('busyTimeout', 15_000);
      await new Promise<void>((resolve, reject) =>
        connection.exec(SQLITE_PRAGMAS.join(';'), (err) => (err ? reject(err) : resolve())),
      );
    }
    return connection;
  };
}
