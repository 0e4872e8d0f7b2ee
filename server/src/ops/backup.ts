import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';

/** node-sqlite3's online backup handle (not in its type definitions). */
interface SqliteBackup {
  step(pages: number, callback: (err: Error | null) => void): void;
  finish(callback?: (err: Error | null) => void): void;
  readonly completed: boolean;
  readonly failed: boolean;
  readonly pageCount: number;
}
type BackupCapable = sqlite3.Database & { backup(filename: string, callback: (err: Error | null) => void): SqliteBackup };

export interface BackupReport {
  target: string;
  bytes: number;
  pages: number;
  integrity: string;
  auditEvents: number;
  lastAuditHash: string | null;
  ms: number;
}

const open = (file: string, mode?: number) =>
  new Promise<sqlite3.Database>((resolve, reject) => {
    const db: sqlite3.Database = new sqlite3.Database(file, mode ?? sqlite3.OPEN_READWRITE, (err) => (err ? reject(err) : resolve(db)));
  });
const close = (db: sqlite3.Database) => new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
const get = <T>(db: sqlite3.Database, sql: string) =>
  new Promise<T>((resolve, reject) => db.get(sql, (err: Error | null, row: T) => (err ? reject(err) : resolve(row))));

/**
 * A consistent copy of a live SQLite database with SQLite's online backup API: one step copies
 * every page inside a single read transaction, so the copy is the database as of one commit,
 * while the server keeps writing (WAL mode lets it). The copy is written next to the target,
 * checked with `PRAGMA integrity_check`, and only then renamed into place.
 */
export async function backupSqlite(source: string, target: string): Promise<BackupReport> {
  const started = Date.now();
  if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
  if (fs.existsSync(target)) throw new Error(`${target} exists; choose a new file name`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  const db = (await open(source)) as BackupCapable;
  try {
    db.configure('busyTimeout', 15_000);
    const pages = await new Promise<number>((resolve, reject) => {
      const backup = db.backup(partial, (err) => {
        if (err) return reject(err);
        backup.step(-1, (stepErr) => {
          if (stepErr) return reject(stepErr);
          const count = backup.pageCount;
          backup.finish((finishErr) => (finishErr ? reject(finishErr) : resolve(count)));
        });
      });
    });
    const copy = await open(partial);
    let report: Omit<BackupReport, 'target' | 'bytes' | 'ms'>;
    try {
      const { integrity_check: integrity } = await get<{ integrity_check: string }>(copy, 'PRAGMA integrity_check');
      const head = await get<{ n: number; hash: string | null } | undefined>(
        copy, 'SELECT (SELECT COUNT(*) FROM audit_events) AS n, (SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1) AS hash',
      );
      report = { pages, integrity, auditEvents: Number(head?.n ?? 0), lastAuditHash: head?.hash ?? null };
    } finally {
      await close(copy);
    }
    if (report.integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${report.integrity}`);
    fs.renameSync(partial, target);
    return { target, bytes: fs.statSync(target).size, ...report, ms: Date.now() - started };
  } catch (err) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(f, { force: true });
    throw err;
  } finally {
    await close(db);
  }
}
