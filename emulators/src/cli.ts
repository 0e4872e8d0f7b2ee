#!/usr/bin/env -S npx tsx
/**
 * Runs one emulator or both: `tsx emulators/src/cli.ts [smdp|tmf641|both]`, configured from the
 * environment (SMDP_PORT, TMF641_PORT: 0 picks free ports; ES2PLUS_API_KEY, TMF641_TOKEN; TMF641_DELAY_MS).
 * Prints one JSON line `{"smdp": url, "tmf641": url}` once listening, so a parent process can read its ports.
 */
import { startSmdp } from './smdp';
import { startTmf641 } from './tmf641';

const which = process.argv[2] ?? 'both';
const env = process.env;
const out: Record<string, string> = {};
if (which === 'smdp' || which === 'both') {
  out.smdp = (await startSmdp(Number(env.SMDP_PORT ?? 0), { apiKey: env.ES2PLUS_API_KEY ?? 'emulator-es2plus-key' })).url;
}
if (which === 'tmf641' || which === 'both') {
  out.tmf641 = (await startTmf641(Number(env.TMF641_PORT ?? 0), { token: env.TMF641_TOKEN ?? 'emulator-tmf641-token', delayMs: Number(env.TMF641_DELAY_MS ?? 500) })).url;
}
process.stdout.write(`${JSON.stringify(out)}\n`);
for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => process.exit(0));
// Started by a test process: end with it, even when it was SIGKILLed and could not say so.
if (env.EXIT_WITH_PARENT === '1') {
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(0);
    }
  }, 500).unref();
  process.stdout.on('error', () => undefined);
}
