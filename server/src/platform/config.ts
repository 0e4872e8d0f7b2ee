import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The server workspace's folder, from this file's place: src/platform/ when run from source, dist/ when built. */
function findServerRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('the server workspace (its package.json) is not above this file');
    dir = parent;
  }
  return dir;
}
const serverRoot = findServerRoot();
export const repoRoot = path.resolve(serverRoot, '..');

/** The embedded SQLite file `npm start` uses when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_URL = `sqlite:${path.join(repoRoot, 'data', 'closure-desk.db')}`;

/** The demo's intake key and session secret, published in the README: defaults outside production only. */
export const DEMO_INTAKE_KEY = 'demo-intake-key';
export const DEV_SESSION_SECRET = 'dev-only-session-secret';
/** The emulated peers' credentials, used only when no peer URL is set (the server then runs the emulators itself). */
export const EMULATOR_ES2PLUS_KEY = 'emulator-es2plus-key';
export const EMULATOR_TMF641_TOKEN = 'emulator-tmf641-token';
/** Values printed in this repository's documents: whoever reads them knows them, so they are never secrets. */
const PUBLISHED_VALUES = new Set([DEMO_INTAKE_KEY, DEV_SESSION_SECRET, 'demo-password', 'change-me', 'changeme', 'secret']);

/** Process-level configuration, read once from the environment (API.md "Operations"). */
export interface Config {
  port: number;
  databaseUrl: string;
  /**
   * The demo data is in use: loaded into an empty database at start, and the demo intake key
   * accepted while INTAKE_API_KEYS is unset. True for the default embedded SQLite file, or when asked
   * (`--demo`, DEMO_DATA=1); DEMO_DATA=0 turns it off even there.
   */
  demoData: boolean;
  intakeApiKeys: string[];
  sessionSecret: string;
  /** the blind search index's key (SEARCH_INDEX_KEY); unset, one is derived from sessionSecret */
  searchIndexKey?: string;
  demoPassword: string;
  logLevel: string;
  trustProxy: boolean;
  clientDist: string;
  attachmentsDir: string;
  /** Key the TOTP secrets are encrypted with at rest (MFA_ENCRYPTION_KEY; a dev value outside production). */
  mfaEncryptionKey: string;
  /** Roles that must use a second factor when the `mfaRequiredRoles` setting was never set (MFA_REQUIRED_ROLES). */
  mfaRequiredRolesDefault: string;
  /** The console's address as staff reach it, for links in messages (PUBLIC_URL; default http://localhost:PORT) */
  publicUrl: string;
  /** Ed25519 private key (PKCS#8 PEM) that signs audit checkpoints (AUDIT_SIGNING_KEY_FILE) */
  auditSigningKeyFile: string;
  /** make one at auditSigningKeyFile when it is missing (the embedded demo: AUDIT_SIGNING_KEY_FILE not set) */
  auditSigningKeyGenerate: boolean;
  /** the checkpoints' origin line and key name (AUDIT_LOG_ORIGIN) */
  auditLogOrigin: string;
  /** The SM-DP+'s ES2+ base URL (ES2PLUS_URL) and our key there (ES2PLUS_API_KEY); unset, the server starts its emulator */
  es2plusUrl: string;
  es2plusApiKey: string;
  /** our functionRequesterIdentifier towards the SM-DP+ (ES2PLUS_REQUESTER_ID) */
  es2plusRequesterId: string;
  /** The network's TMF641 base URL (TMF641_URL) and bearer token (TMF641_TOKEN); unset, the server starts its emulator */
  tmf641Url: string;
  tmf641Token: string;
  /** the emulators' order delay when the server starts them (TMF641_DELAY_MS) */
  tmf641EmulatorDelayMs: number;
  /** Keys the peers call our /api/peers endpoints with (PEER_INBOUND_KEYS; never the intake keys) */
  peerInboundKeys: string[];
}

const splitKeys = (value: string) => value.split(',').map((k) => k.trim()).filter(Boolean);

/** DATABASE_URL names the default embedded SQLite file (unset, or spelt out). */
export function isDefaultDatabase(databaseUrl: string): boolean {
  if (databaseUrl === DEFAULT_DATABASE_URL) return true;
  if (!databaseUrl.startsWith('sqlite:')) return false;
  return path.resolve(databaseUrl.slice('sqlite:'.length)) === path.resolve(DEFAULT_DATABASE_URL.slice('sqlite:'.length));
}

/** `--demo` on the command line or DEMO_DATA=1 asks for the demo data; DEMO_DATA=0 refuses it. */
export function wantsDemoData(env: NodeJS.ProcessEnv, argv: readonly string[], databaseUrl: string): boolean {
  const asked = (env.DEMO_DATA ?? '').trim().toLowerCase();
  if (asked === '0' || asked === 'false') return false;
  return argv.includes('--demo') || asked === '1' || asked === 'true' || isDefaultDatabase(databaseUrl);
}

/**
 * With NODE_ENV=production the server does not start while a secret is unset or a published demo
 * value: INTAKE_API_KEYS (every key), SESSION_SECRET; or while AUDIT_SIGNING_KEY_FILE is unset or names no file. Answers the one-line
 * reason, or null when all is set.
 */
export function productionConfigProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NODE_ENV !== 'production') return null;
  const problems: string[] = [];
  const check = (name: string, values: string[]) => {
    if (values.length === 0) problems.push(`${name} is not set`);
    else if (values.some((v) => PUBLISHED_VALUES.has(v))) problems.push(`${name} is a published demo value`);
  };
  check('INTAKE_API_KEYS', splitKeys(env.INTAKE_API_KEYS ?? ''));
  check('SESSION_SECRET', [env.SESSION_SECRET?.trim() ?? ''].filter(Boolean));
  // The checkpoints' Ed25519 key must be the operator's own file: a key generated on first start under
  // data/ would be lost with the machine, and with it every checkpoint's proof.
  if (!env.MFA_ENCRYPTION_KEY?.trim()) problems.push('MFA_ENCRYPTION_KEY is not set');
  const keyFile = env.AUDIT_SIGNING_KEY_FILE?.trim() ?? '';
  // Real peers call us back: they need keys of their own (unset, only the embedded emulators can).
  if (env.ES2PLUS_URL?.trim() || env.TMF641_URL?.trim()) check('PEER_INBOUND_KEYS', splitKeys(env.PEER_INBOUND_KEYS ?? ''));
  if (!keyFile) problems.push('AUDIT_SIGNING_KEY_FILE is not set');
  else if (!fs.existsSync(keyFile)) problems.push(`AUDIT_SIGNING_KEY_FILE names no file (${keyFile})`);
  return problems.length === 0 ? null : `Refusing to start with NODE_ENV=production: ${problems.join(', ')} (README "Settings").`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): Config {
  const databaseUrl = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const demoData = wantsDemoData(env, argv, databaseUrl);
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl,
    demoData,
    // Unset: the demo key, only while the demo data is in use; otherwise no key works.
    intakeApiKeys: env.INTAKE_API_KEYS !== undefined ? splitKeys(env.INTAKE_API_KEYS) : demoData ? [DEMO_INTAKE_KEY] : [],
    sessionSecret: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
    searchIndexKey: env.SEARCH_INDEX_KEY?.trim() || undefined,
    demoPassword: env.DEMO_PASSWORD ?? 'demo-password',
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    clientDist: env.CLIENT_DIST ?? path.join(repoRoot, 'client', 'dist'),
    attachmentsDir: env.ATTACHMENTS_DIR ?? path.join(repoRoot, 'data', 'attachments'),
    mfaEncryptionKey: mfaEncryptionKey(env),
    // Supervisors approve refunds and admins manage who may: in production both need a second factor.
    mfaRequiredRolesDefault: env.MFA_REQUIRED_ROLES ?? (env.NODE_ENV === 'production' ? 'supervisor,admin' : ''),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${Number(env.PORT ?? 3000)}`).replace(/\/+$/, ''),
    auditSigningKeyFile: env.AUDIT_SIGNING_KEY_FILE ?? path.join(repoRoot, 'data', 'audit-signing-key.pem'),
    auditSigningKeyGenerate: !env.AUDIT_SIGNING_KEY_FILE,
    auditLogOrigin: env.AUDIT_LOG_ORIGIN ?? 'closure-desk.example/audit-log',
    es2plusUrl: env.ES2PLUS_URL?.trim() ?? '',
    es2plusApiKey: env.ES2PLUS_API_KEY ?? EMULATOR_ES2PLUS_KEY,
    es2plusRequesterId: env.ES2PLUS_REQUESTER_ID ?? 'closure-desk',
    tmf641Url: env.TMF641_URL?.trim() ?? '',
    tmf641Token: env.TMF641_TOKEN ?? EMULATOR_TMF641_TOKEN,
    tmf641EmulatorDelayMs: Number(env.TMF641_DELAY_MS ?? 1500),
    // Unset: a random key of this process, which only the embedded emulators learn (in the listener
    // URL the server registers at their hub): never a published value anyone could call with.
    peerInboundKeys: env.PEER_INBOUND_KEYS !== undefined ? splitKeys(env.PEER_INBOUND_KEYS) : [`emulator-${randomBytes(24).toString('base64url')}`],
  };
}

function mfaEncryptionKey(env: NodeJS.ProcessEnv): string {
  const key = env.MFA_ENCRYPTION_KEY;
  if (key && key.length >= 16) return key;
  if (key) throw new Error('MFA_ENCRYPTION_KEY must be at least 16 characters');
  if (env.NODE_ENV === 'production') throw new Error('MFA_ENCRYPTION_KEY must be set in production (it encrypts the TOTP secrets)');
  return 'dev-only-mfa-encryption-key';
}
