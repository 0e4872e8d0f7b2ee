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
  /** Key the TOTP secrets are encrypted with at rest (MFA_ENCRYPTION_KEY; a dev value outside production). */
  mfaEncryptionKey: string;
  /** Roles that must use a second factor when the `mfaRequiredRoles` setting was never set (MFA_REQUIRED_ROLES). */
  mfaRequiredRolesDefault: string;
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
    mfaEncryptionKey: mfaEncryptionKey(env),
    // Supervisors approve refunds and admins manage who may: in production both need a second factor.
    mfaRequiredRolesDefault: env.MFA_REQUIRED_ROLES ?? (env.NODE_ENV === 'production' ? 'supervisor,admin' : ''),
  };
}

function mfaEncryptionKey(env: NodeJS.ProcessEnv): string {
  const key = env.MFA_ENCRYPTION_KEY;
  if (key && key.length >= 16) return key;
  if (key) throw new Error('MFA_ENCRYPTION_KEY must be at least 16 characters');
  if (env.NODE_ENV === 'production') throw new Error('MFA_ENCRYPTION_KEY must be set in production (it encrypts the TOTP secrets)');
  return 'dev-only-mfa-encryption-key';
}
