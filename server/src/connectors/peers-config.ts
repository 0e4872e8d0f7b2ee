import type { Config } from '../platform/config';

/** Where the two peers are and how to reach them (platform/config.ts reads the environment). */
export interface PeerEndpoints {
  es2plus: { url: string; apiKey: string; requesterId: string };
  tmf641: { url: string; token: string };
}

/** The dispatchers' knobs (env PEER_POLL_MS, PEER_MAX_ATTEMPTS, PEER_BACKOFF_MS, PEER_SEND_TIMEOUT_MS). */
export interface PeerDispatchOptions {
  pollIntervalMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  sendTimeoutMs: number;
  /** how long a claim holds a command; more than sendTimeoutMs */
  leaseMs: number;
  /** a TMF641 order still in progress is looked at again after this */
  orderPollMs: number;
}

export function dispatchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PeerDispatchOptions {
  const n = (name: string, d: number) => (Number(env[name]) > 0 ? Number(env[name]) : d);
  const sendTimeoutMs = n('PEER_SEND_TIMEOUT_MS', 10_000);
  return {
    pollIntervalMs: n('PEER_POLL_MS', 500),
    maxAttempts: n('PEER_MAX_ATTEMPTS', 8),
    backoffBaseMs: n('PEER_BACKOFF_MS', 2_000),
    backoffMaxMs: n('PEER_BACKOFF_MAX_MS', 600_000),
    sendTimeoutMs,
    leaseMs: Math.max(n('PEER_LEASE_MS', 30_000), sendTimeoutMs * 2),
    orderPollMs: n('PEER_ORDER_POLL_MS', 1_000),
  };
}

/** The peers named by the configuration; null while a URL is missing (the emulators are not up yet). */
export function peerEndpoints(config: Config): PeerEndpoints | null {
  if (!config.es2plusUrl || !config.tmf641Url) return null;
  return {
    es2plus: { url: config.es2plusUrl, apiKey: config.es2plusApiKey, requesterId: config.es2plusRequesterId },
    tmf641: { url: config.tmf641Url, token: config.tmf641Token },
  };
}
