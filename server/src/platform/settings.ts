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
  /** Ed25519 private key (PKCS#8 PEM) that signs audit checkpoints (AUDIT_SIGNING_KEY_FILE) */
  auditSigningKeyFile: string;
  /** make one at auditSigningKeyFile when it is missing (the embedded demo: AUDIT_SIGNING_KEY_FILE not set) */
  auditSigningKeyGenerate: boolean;
  /** the checkpoints' origin line and key name (AUDIT_LOG_ORIGIN) */
  auditLogOrigin: string;
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
    auditSigningKeyFile: env.AUDIT_SIGNING_KEY_FILE ?? path.join(repoRoot, 'data', 'audit-signing-key.pem'),
    auditSigningKeyGenerate: !env.AUDIT_SIGNING_KEY_FILE,
    auditLogOrigin: env.AUDIT_LOG_ORIGIN ?? 'closure-desk.example/audit-log',
  };
}
