import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The raw reference: the same work done by the sqlite3 command-line shell on the same file,
 * with the server's cache settings, no HTTP and no ORM. Times are per run of a group of
 * statements (e.g. a page and its COUNT), from the wall time of many runs minus that of as many
 * trivial statements, so the shell's start-up and output are not counted.
 */
const PRAGMAS = 'PRAGMA cache_size=-65536;\nPRAGMA temp_store=MEMORY;\n.output /dev/null\n';

export const sqliteCliVersion = (): string | null => {
  const r = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split(' ')[0]! : null;
};

function timeScript(file: string, script: string): number {
  const scriptFile = path.join(os.tmpdir(), `bench-raw-${process.pid}.sql`);
  fs.writeFileSync(scriptFile, script);
  const t = performance.now();
  const r = spawnSync('sqlite3', ['-readonly', file], { input: fs.readFileSync(scriptFile), stdio: ['pipe', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  fs.rmSync(scriptFile, { force: true });
  if (r.status !== 0 || r.stderr) throw new Error(`sqlite3: ${r.stderr}`);
  return ms;
}

const terminated = (sql: string) => `${sql.trim().replace(/;$/, '')};\n`;

/** Mean ms of one run of `statements` (run back to back), measured over about `seconds`. */
export function rawMs(file: string, statements: string[], seconds = 1.5): number {
  const group = statements.map(terminated).join('');
  const trivial = statements.map(() => 'SELECT 1;\n').join('');
  const measure = (n: number) => {
    const warm = group.repeat(3);
    const real = timeScript(file, PRAGMAS + warm + group.repeat(n));
    const base = timeScript(file, PRAGMAS + warm + trivial.repeat(n));
    return Math.max(0, real - base) / n;
  };
  const estimate = Math.max(0.01, measure(3));
  const n = Math.max(5, Math.min(2000, Math.round((seconds * 1000) / estimate)));
  return measure(n);
}

/** Rows per second of `sqlite3 -csv` writing a query's result to /dev/null (stopped after `seconds`). */
export async function rawCsvRowsPerSecond(file: string, sql: string, rows: number, seconds: number): Promise<{ rowsPerSecond: number; complete: boolean }> {
  const t = performance.now();
  const child = spawn('sqlite3', ['-readonly', '-csv', file, terminated(sql)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let lines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  const elapsed = (performance.now() - t) / 1000;
  const complete = code === 0;
  return { rowsPerSecond: (complete ? rows : lines) / elapsed, complete };
}

/** One query's single value, read through the shell (ids, search terms and the like). */
export function rawValue(file: string, sql: string): string {
  const r = spawnSync('sqlite3', ['-readonly', file, terminated(sql)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

/** Runs a write script (the raw reference of the audited actions) and answers its wall time in ms. */
export function rawWriteMs(file: string, script: string): number {
  const t = performance.now();
  const r = spawnSync('sqlite3', [file], { input: `PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nPRAGMA busy_timeout=15000;\n.output /dev/null\n${script}`, encoding: 'utf8' });
  if (r.status !== 0 || r.stderr) throw new Error(`sqlite3: ${r.stderr}`);
  return performance.now() - t;
}
