import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { DEMO_PASSWORD, INTAKE_KEY } from '../../test/support/test-server';

const SERVER_ROOT = path.resolve(import.meta.dirname, '../..');
/** A second intake key, for "another calling system" cases. */
export const OTHER_INTAKE_KEY = 'second-intake-key';

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export interface ChildServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** what the process printed (JSON log lines), for diagnosis */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no chance to finish anything, as in a power cut of the process */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit (graceful shutdown) */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The real server as a child process: `node --import tsx src/main.ts`, exactly what `npm start`
 * runs after the build, with its own environment. (Not `npx tsx`: that puts a launcher process
 * between us and the server, and a SIGKILL would hit the launcher, not the server.)
 */
/** The production secrets a child starts with (NODE_ENV=production refuses to start without them). */
export const CHILD_SECRETS = {
  SESSION_SECRET: 'reliability-session-secret-not-published-anywhere',
  AUDIT_SIGNING_KEY: 'reliability-audit-signing-key-not-published-anywhere',
};

/** The environment a child gets: ours, then production defaults, then `env`; `unset` names variables it must not have. */
function childEnv(port: number, env: Record<string, string>, unset: readonly string[] = []): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    DEMO_PASSWORD,
    INTAKE_API_KEYS: `${INTAKE_KEY},${OTHER_INTAKE_KEY}`,
    ...CHILD_SECRETS,
    CLIENT_DIST: path.join(SERVER_ROOT, 'no-client-here'),
    ...env,
  };
  for (const name of unset) delete out[name];
  return out;
}

/** Runs the server with the environment and waits for it to exit on its own (a refusal to start). */
export async function runChildToExit(env: Record<string, string>, opts: { unset?: readonly string[]; timeoutMs?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_ROOT, env: childEnv(await freePort(), env, opts.unset), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

export async function startChild(env: Record<string, string>, opts: { port?: number; readyTimeoutMs?: number; unset?: readonly string[] } = {}): Promise<ChildServer> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_ROOT,
    env: childEnv(port, env, opts.unset),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (gone) throw new Error(`server exited before it was ready:\n${output.join('').slice(-4000)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${opts.readyTimeoutMs ?? 90_000} ms:\n${output.join('').slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    port,
    process: child,
    output,
    exited,
    kill: async () => {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
  };
}
