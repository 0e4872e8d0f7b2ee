import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where every case's figures also go, one JSON line each (docs/RELIABILITY.md is written from it). */
export const FIGURES_FILE = process.env.RELIABILITY_FIGURES_FILE ?? path.join(os.tmpdir(), 'closure-desk-reliability-figures.jsonl');

export const dialect = () => (process.env.TEST_DB === 'postgres' && process.env.TEST_POSTGRES_URL ? 'postgres' : 'sqlite');

/** Prints a case's figures (console.log, as the suite promises) and appends them to FIGURES_FILE. */
export function report(name: string, figures: Record<string, unknown>): void {
  const text = Object.entries(figures)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
  console.log(`[figures] ${name} [${dialect()}]: ${text}`);
  fs.appendFileSync(FIGURES_FILE, `${JSON.stringify({ at: new Date().toISOString(), dialect: dialect(), name, ...figures })}\n`);
}
