import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repoRoot = path.resolve(serverRoot, '..');

/** Process-level configuration, read once from the environment (API.md "Operations"). */
export interface Config {
  port: number;
  databaseUrl: string;
  intakeApiKeys: string[];
  sessionSecret: string;
  demoPassword: string;
  logLevel: string;
  trustProxy: boolean;
  clientDist: string;
  attachmentsDir: string;
  /** The console's address as staff reach it, for links in messages (PUBLIC_URL; default http://localhost:PORT) */
  publicUrl: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL ?? `sqlite:${path.join(repoRoot, 'data', 'closure-desk.db')}`,
    intakeApiKeys: (env.INTAKE_API_KEYS ?? 'demo-intake-key')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    sessionSecret: env.SESSION_SECRET ?? 'dev-only-session-secret',
    demoPassword: env.DEMO_PASSWORD ?? 'demo-password',
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    clientDist: env.CLIENT_DIST ?? path.join(repoRoot, 'client', 'dist'),
    attachmentsDir: env.ATTACHMENTS_DIR ?? path.join(repoRoot, 'data', 'attachments'),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${Number(env.PORT ?? 3000)}`).replace(/\/+$/, ''),
  };
}
