import { send, type Session } from './load';
import { sampleMax, type ServerProcess } from './server-process';

export interface ExportRun {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** false when the bench stopped reading after its time limit */
  complete: boolean;
  status: number;
  startRssMb: number;
  peakRssMb: number;
}

/** Streams one export to nowhere, counting records and sampling the server's RSS, for at most `seconds`. */
export async function runExport(server: ServerProcess, s: Session, path: string, header: boolean, seconds: number): Promise<ExportRun> {
  const startRssMb = server.rssMb();
  const rss = sampleMax(() => server.rssMb());
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), seconds * 1000);
  const started = performance.now();
  let lines = 0;
  let status = 0;
  let complete = false;
  try {
    const res = await send(server.url + path, { headers: { cookie: s.cookie }, signal: abort.signal });
    status = res.status;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    complete = res.status === 200;
  } catch (err) {
    if (!abort.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
  }
  const elapsed = (performance.now() - started) / 1000;
  const rows = Math.max(0, lines - (header ? 1 : 0));
  // Give the server a moment to notice the client left before the next measurement.
  if (!complete) await new Promise((r) => setTimeout(r, 1000));
  return { rows, seconds: elapsed, rowsPerSecond: rows / elapsed, complete, status, startRssMb, peakRssMb: rss.stop() };
}
