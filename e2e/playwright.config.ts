import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// A new SQLite file per run: the server migrates it and loads the demo data on start.
const database = process.env.E2E_DATABASE_URL ?? `sqlite:${path.join(os.tmpdir(), `closure-desk-e2e-${process.pid}.db`)}`;
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'demo-password';
// The server's file transport writes every outbound message here (the enrolment e-mails the specs read);
// set once in the runner, so its workers (which load this file again) inherit the same path.
process.env.E2E_NOTIFY_FILE ??= path.join(os.tmpdir(), `closure-desk-e2e-outbox-${process.pid}.log`);

/** An Ed25519 key of this run, as an operator's AUDIT_SIGNING_KEY_FILE would be (production mode needs one). */
function signingKeyFile(): string {
  const file = path.join(os.tmpdir(), `closure-desk-e2e-key-${process.pid}.pem`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  return file;
}

export default defineConfig({
  testDir: './tests',
  // E2E_OUTPUT_DIR keeps two runs on one machine from cleaning each other's results.
  outputDir: process.env.E2E_OUTPUT_DIR ?? './artifacts/test-results',
  fullyParallel: false,
  workers: 1,
  // One retry: a real browser against a real server on two shared cores; the list reporter names
  // any test that passed only on its retry as flaky, so a flake is seen, not hidden.
  retries: 1,
  timeout: 60_000,
  reporter: [['list'], ['html', { outputFolder: process.env.E2E_REPORT_DIR ?? './artifacts/report', open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } }],
  webServer: {
    // the README's own start: builds the client and server only if they changed, then plain node
    command: 'npm start',
    cwd: '..',
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    // E2E_REUSE_SERVER=1 runs against a server already on the port (e.g. to run the suite twice on one database).
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
    // A file of its own, so the demo data is asked for (DEMO_DATA=1); production mode wants its secrets set.
    // MFA_REQUIRED_ROLES empty: the demo staff sign in with a password alone, as the README says; mfa.spec.ts enrols its own.
    env: {
      PORT: String(port), DATABASE_URL: database, DEMO_PASSWORD, LOG_LEVEL: 'warn', NODE_ENV: 'production', DEMO_DATA: '1',
      INTAKE_API_KEYS: process.env.INTAKE_API_KEYS ?? 'e2e-intake-key',
      SESSION_SECRET: process.env.SESSION_SECRET ?? 'e2e-session-secret-for-this-run-only',
      AUDIT_SIGNING_KEY_FILE: process.env.AUDIT_SIGNING_KEY_FILE ?? signingKeyFile(),
      MFA_ENCRYPTION_KEY: 'e2e-only-mfa-encryption-key', MFA_REQUIRED_ROLES: '',
      NOTIFY_FILE: process.env.E2E_NOTIFY_FILE, NOTIFY_POLL_MS: '200', PUBLIC_URL: baseURL,
    },
  },
});
