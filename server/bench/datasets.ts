import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** A seeded database for one run: a throwaway copy of a pristine seed, so every run starts from the same state. */
export interface Dataset {
  label: 'SQLite' | 'PostgreSQL';
  /** what the server is started with */
  databaseUrl: string;
  /** the working SQLite file (the raw references read it) */
  sqliteFile?: string;
  seed: SeedRecord;
  reused: boolean;
}

export interface SeedRecord {
  /** the seed's data format: a database seeded by another one is seeded again */
  format?: number;
  customers: number;
  seconds: number;
  summary: string;
  seededAt: string;
}

export const BENCH_PASSWORD = 'demo-password';
/**
 * The blind search index's key for the seed, the bench's own code and its server alike. With the
 * server on a key of its own (one derived from its SESSION_SECRET), every run's server rewrote the
 * whole index before listening (500k customers: ~80 s of writes at every start).
 */
export const BENCH_SEARCH_INDEX_KEY = process.env.SEARCH_INDEX_KEY ?? 'bench-search-index-key-for-this-machine-only';
/** Bump when the seed or the migrations change what a seeded database holds (4: the index under BENCH_SEARCH_INDEX_KEY). */
const SEED_FORMAT = 4;
const serverDir = path.resolve(import.meta.dirname, '..');

/** Runs `npm run seed` (the CLI, directly) and times it. */
async function runSeed(databaseUrl: string, customers: number, log: (line: string) => void): Promise<SeedRecord> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts', '--customers', String(customers)], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, DEMO_PASSWORD: BENCH_PASSWORD, SEARCH_INDEX_KEY: BENCH_SEARCH_INDEX_KEY, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let summary = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split(/\r|\n/).filter(Boolean)) {
      if (line.startsWith('seeded ')) summary = line;
      log(line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`seed failed (exit ${code})`);
  return { format: SEED_FORMAT, customers, seconds: (performance.now() - started) / 1000, summary, seededAt: new Date().toISOString() };
}

const readRecord = (file: string): SeedRecord | null => {
  const record = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SeedRecord) : null;
  return record?.format === SEED_FORMAT ? record : null;
};

/**
 * The SQLite database of this scale: seeded once into data/bench/closure-desk-<N>.db (reused
 * while its record says the seed finished), copied to a working file for this run.
 */
export async function sqliteDataset(dataDir: string, customers: number, fresh: boolean, log: (line: string) => void): Promise<Dataset> {
  fs.mkdirSync(dataDir, { recursive: true });
  const pristine = path.join(dataDir, `closure-desk-${customers}.db`);
  const recordFile = `${pristine}.json`;
  let record = fresh ? null : readRecord(recordFile);
  const reused = record !== null && fs.existsSync(pristine);
  if (!reused) {
    for (const f of [pristine, `${pristine}-wal`, `${pristine}-shm`, recordFile]) fs.rmSync(f, { force: true });
    record = await runSeed(`sqlite:${pristine}`, customers, log);
    // Fold the WAL into the file so the copy below is the whole database.
    spawnSync('sqlite3', [pristine, 'PRAGMA wal_checkpoint(TRUNCATE);'], { stdio: 'ignore' });
    fs.writeFileSync(recordFile, JSON.stringify(record, null, 2));
  }
  const work = path.join(dataDir, `work-${customers}.db`);
  for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(pristine, work);
  return { label: 'SQLite', databaseUrl: `sqlite:${work}`, sqliteFile: work, seed: record!, reused };
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The PostgreSQL database of this scale: seeded once into closure_bench_<N> on the server of
 * `adminUrl`, cloned (CREATE DATABASE ... TEMPLATE) into closure_bench_work for this run.
 */
export async function postgresDataset(adminUrl: string, dataDir: string, customers: number, fresh: boolean, log: (line: string) => void): Promise<Dataset> {
  fs.mkdirSync(dataDir, { recursive: true });
  const pristine = `closure_bench_${customers}`;
  const host = new URL(adminUrl).host.replace(/[^a-z0-9.-]/gi, '_');
  const recordFile = path.join(dataDir, `pg-${host}-${customers}.json`);
  let record = fresh ? null : readRecord(recordFile);
  const exists = await admin(adminUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [pristine])).rowCount === 1);
  const reused = record !== null && exists;
  if (!reused) {
    await admin(adminUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${pristine} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${pristine}`);
    });
    fs.rmSync(recordFile, { force: true });
    record = await runSeed(withDatabase(adminUrl, pristine), customers, log);
    fs.writeFileSync(recordFile, JSON.stringify(record, null, 2));
  }
  const work = 'closure_bench_work';
  await admin(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${work} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${work} TEMPLATE ${pristine}`);
  });
  return { label: 'PostgreSQL', databaseUrl: withDatabase(adminUrl, work), seed: record!, reused };
}

export async function dropPostgresWork(adminUrl: string): Promise<void> {
  await admin(adminUrl, (c) => c.query('DROP DATABASE IF EXISTS closure_bench_work WITH (FORCE)'));
}
