import { startSmdp, type SmdpOptions } from './smdp';
import { startTmf641, type Tmf641Options } from './tmf641';
import type { RunningEmulator } from './harness';

export { createSmdp, startSmdp, type Smdp, type SmdpOptions } from './smdp';
export { createTmf641, startTmf641, type Tmf641, type Tmf641Options } from './tmf641';
export type { Faults, Received, RunningEmulator } from './harness';

export interface RunningPeers {
  smdp: RunningEmulator;
  tmf641: RunningEmulator;
  close(): Promise<void>;
}

/** Both emulators on local ports (0: free ones). */
export async function start(opts: { smdpPort?: number; tmf641Port?: number; smdp: SmdpOptions; tmf641: Tmf641Options }): Promise<RunningPeers> {
  const smdp = await startSmdp(opts.smdpPort ?? 0, opts.smdp);
  const tmf641 = await startTmf641(opts.tmf641Port ?? 0, opts.tmf641);
  return { smdp, tmf641, close: async () => { await Promise.all([smdp.close(), tmf641.close()]); } };
}
