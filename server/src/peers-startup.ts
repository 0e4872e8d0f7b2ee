import type { AppContext } from './platform/context';
import type { Config } from './platform/config';
import { peerEndpoints } from './connectors';
import { registerTmfListener } from './connectors';

/**
 * When no peer URL is configured, the server runs the emulators of the SM-DP+ and the network
 * itself, on free local ports, in every mode (the embedded demo, the e2e server in production
 * mode): a closure then completes end to end on one machine. Configured peers are left alone.
 * The emulators workspace is imported here only, never by domain code.
 */
export async function startEmbeddedPeers(config: Config, log: (msg: string) => void): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  if (!config.es2plusUrl || !config.tmf641Url) {
    const { startSmdp, startTmf641 } = await import('@closure-desk/emulators');
    if (!config.es2plusUrl) {
      const smdp = await startSmdp(0, { apiKey: config.es2plusApiKey });
      config.es2plusUrl = smdp.url;
      stops.push(smdp.close);
      log(`ES2PLUS_URL not set: the SM-DP+ emulator listens on ${smdp.url}`);
    }
    if (!config.tmf641Url) {
      const tmf = await startTmf641(0, { token: config.tmf641Token, delayMs: config.tmf641EmulatorDelayMs });
      config.tmf641Url = tmf.url;
      stops.push(tmf.close);
      log(`TMF641_URL not set: the network emulator listens on ${tmf.url}`);
    }
  }
  return async () => {
    await Promise.all(stops.map((s) => s()));
  };
}

/** Registers our TMF641 listener at the network's /hub (state changes come back to it). */
export async function registerPeerListener(ctx: AppContext, baseUrl: string): Promise<void> {
  const endpoints = peerEndpoints(ctx.config);
  if (!endpoints) return;
  try {
    await registerTmfListener(ctx, endpoints, baseUrl);
  } catch (err) {
    // Not fatal: the dispatcher also polls GET /serviceOrder/{id} for orders sent.
    ctx.logger.warn({ err }, 'could not register the TMF641 listener: order states are polled instead');
  }
}
