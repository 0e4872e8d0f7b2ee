import { generateKeyPairSync } from 'node:crypto';
import os from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BENCH_PASSWORD, BENCH_SEARCH_INDEX_KEY } from './datasets';

const serverDir = path.resolve(import.meta.dirname, '..');
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** The real server in a child process, as `npm start` runs it: production mode, background jobs off. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** resident memory now, MiB */
  rssMb(): number;
  /** user + system CPU seconds the server has used so far */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

export async function startServer(databaseUrl: string, logFile: string): Promise<ServerProcess> {
  const port = await freePort();
  const log = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [
    // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the server's time goes
    ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    '--import', 'tsx', 'src/main.ts',
  ], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DISABLE_JOBS: '1',
      DEMO_PASSWORD: BENCH_PASSWORD,
      // production refuses to start without its secrets (platform/settings.ts); the bench's own, not published defaults
      INTAKE_API_KEYS: process.env.INTAKE_API_KEYS ?? 'bench-intake-key',
      SESSION_SECRET: process.env.SESSION_SECRET ?? 'bench-session-secret-for-this-machine-only',
      SEARCH_INDEX_KEY: BENCH_SEARCH_INDEX_KEY,
      AUDIT_SIGNING_KEY_FILE: process.env.AUDIT_SIGNING_KEY_FILE ?? benchSigningKeyFile(),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      // Production refuses to start without a key for the TOTP secrets; the benchmark signs in with passwords only.
      MFA_ENCRYPTION_KEY: process.env.MFA_ENCRYPTION_KEY ?? 'bench-only-mfa-encryption-key',
      MFA_REQUIRED_ROLES: process.env.MFA_REQUIRED_ROLES ?? '',
    },
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 10 * 60_000; // a first start migrates, which at a million rows takes a while
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not answer in time; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    rssMb: () => {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    cpuSeconds: () => {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      fs.closeSync(log);
    },
  };
}

/** Samples a value every `ms` until stopped; answers the largest seen. */
export function sampleMax(read: () => number, ms = 100): { stop(): number } {
  let max = read();
  const timer = setInterval(() => {
    try {
      max = Math.max(max, read());
    } catch {
      /* the process is gone */
    }
  }, ms);
  return {
    stop: () => {
      clearInterval(timer);
      return max;
    },
  };
}

/** An Ed25519 key for the bench's server, as an operator's AUDIT_SIGNING_KEY_FILE would be. */
function benchSigningKeyFile(): string {
  const file = path.join(os.tmpdir(), 'closure-desk-bench-signing-key.pem');
  if (!fs.existsSync(file)) fs.writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return file;
}
