import type { Server } from 'node:http';

/** How long in-flight requests may take to finish once shutdown starts (env SHUTDOWN_GRACE_MS). */
export const shutdownGraceMs = (env: NodeJS.ProcessEnv = process.env) => {
  const ms = Number(env.SHUTDOWN_GRACE_MS);
  return Number.isFinite(ms) && ms >= 0 ? ms : 25_000;
};

/**
 * Stops accepting connections and lets the requests in flight finish. Kept-alive connections
 * are closed as soon as they fall idle (polled, since a connection becomes idle only once its
 * response is written); whatever is still open after the grace period is cut.
 */
export async function drainHttpServer(server: Server, graceMs = shutdownGraceMs()): Promise<{ forced: boolean }> {
  if (!server.listening) return { forced: false };
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const poll = setInterval(() => server.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([closed.then(() => 'closed' as const), deadline]);
  clearInterval(poll);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    server.closeAllConnections();
    await closed;
  }
  return { forced: outcome === 'timeout' };
}
