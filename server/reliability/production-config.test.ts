import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/support/api-client';
import { createTestDatabase, DEMO_PASSWORD } from '../test/support/test-server';
import { CHILD_SECRETS, runChildToExit, startChild, type ChildServer } from './support/child';
import { openInspector } from './support/inspect';

// Demo defaults never reach production (SECURITY.md): the real server process, started as
// `npm start` starts it, with the environment an operator might forget to set.
const SECRETS = ['INTAKE_API_KEYS', 'SESSION_SECRET', 'AUDIT_SIGNING_KEY_FILE'] as const;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-prodcfg-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database no server has touched: no DEMO_DATA, so nothing should be loaded into it. */
async function withEmptyDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const database = await createTestDatabase();
  try {
    return await fn(database.url);
  } finally {
    await database.drop();
  }
}

describe('production refuses demo and missing secrets', () => {
  for (const name of SECRETS) {
    it(`when NODE_ENV=production and ${name} is unset, then the server exits 1 with one line naming it`, async () => {
      const run = await runChildToExit({ DATABASE_URL: `sqlite:${path.join(dir, `unset-${name}.db`)}` }, { unset: [name] });
      expect(run.code, run.stderr + run.stdout).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`${name} is not set`);
      expect(lines[0]).toMatch(/^Refusing to start with NODE_ENV=production/);
      expect(fs.existsSync(path.join(dir, `unset-${name}.db`))).toBe(false); // refused before opening anything
    });
  }

  const demoValues: [string, string][] = [
    ['INTAKE_API_KEYS', 'demo-intake-key'],
    ['INTAKE_API_KEYS', 'a-real-key-from-the-vault,demo-intake-key'],
    ['SESSION_SECRET', 'dev-only-session-secret'],
  ];
  it('when NODE_ENV=production and AUDIT_SIGNING_KEY_FILE names no file, then the server exits 1 saying so', async () => {
    const run = await runChildToExit({ DATABASE_URL: `sqlite:${path.join(dir, 'no-key.db')}`, AUDIT_SIGNING_KEY_FILE: path.join(dir, 'missing.pem') });
    expect(run.code, run.stderr + run.stdout).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('AUDIT_SIGNING_KEY_FILE names no file')]);
  });
  for (const [name, value] of demoValues) {
    it(`when NODE_ENV=production and ${name}=${value}, then the server exits 1: a published demo value`, async () => {
      const run = await runChildToExit({ DATABASE_URL: `sqlite:${path.join(dir, 'demo-value.db')}`, [name]: value });
      expect(run.code, run.stderr + run.stdout).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(`${name} is a published demo value`)]);
    });
  }

  it('when NODE_ENV=production names a real peer but no PEER_INBOUND_KEYS, then the server exits 1 saying so (the peers could not call back)', async () => {
    const run = await runChildToExit({ DATABASE_URL: `sqlite:${path.join(dir, 'no-peer-key.db')}`, TMF641_URL: 'https://network.example' }, { unset: ['PEER_INBOUND_KEYS'] });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('PEER_INBOUND_KEYS is not set')]);
  });

  it('when every secret is missing at once, then the one line names all three', async () => {
    const run = await runChildToExit({ DATABASE_URL: `sqlite:${path.join(dir, 'none.db')}` }, { unset: [...SECRETS] });
    expect(run.code).toBe(1);
    const [line, ...rest] = run.stderr.trim().split('\n');
    expect(rest).toEqual([]);
    for (const name of SECRETS) expect(line).toContain(name);
  });
});

describe('demo data only where asked', () => {
  it('when the server starts in production on an empty database without DEMO_DATA, then no demo staff exist and the demo password signs nobody in', async () => {
    await withEmptyDatabase(async (url) => {
      const server = await startChild({ DATABASE_URL: url });
      try {
        const login = await new ApiClient(server.url).post('/api/auth/login', { email: 'admin@demo.test', password: DEMO_PASSWORD });
        expect(login.status).toBe(401);
        const inspector = await openInspector(url);
        try {
          expect((await inspector.query<{ n: number }>('SELECT COUNT(*) AS n FROM staff_users'))[0]!.n).toEqual(0);
        } finally {
          await inspector.close();
        }
      } finally {
        await server.stop();
      }
    });
  });

  it('when INTAKE_API_KEYS is unset outside production and the demo data is not in use, then the demo intake key is refused', async () => {
    await withEmptyDatabase(async (url) => {
      const server = await startChild({ DATABASE_URL: url, NODE_ENV: 'development' }, { unset: ['INTAKE_API_KEYS'] });
      try {
        const res = await new ApiClient(server.url, { authorization: 'Bearer demo-intake-key' })
          .post('/api/intake/profile-events', { iccid: '8986000000000000000', event: 'deleted', at: new Date().toISOString() }, { 'idempotency-key': 'k1' });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('unauthenticated');
      } finally {
        await server.stop();
      }
    });
  });

  it('when the demo data is asked for (DEMO_DATA=1) outside production, then it is loaded, its staff sign in and the demo intake key works', async () => {
    await withEmptyDatabase(async (url) => {
      const server: ChildServer = await startChild({ DATABASE_URL: url, NODE_ENV: 'development', DEMO_DATA: '1' }, { unset: ['INTAKE_API_KEYS'], readyTimeoutMs: 170_000 });
      try {
        const admin = await ApiClient.as(server.url, 'admin@demo.test');
        expect(admin.user!.role).toBe('admin');
        const res = await new ApiClient(server.url, { authorization: 'Bearer demo-intake-key' })
          .post('/api/intake/profile-events', { iccid: '8986000000000000000', event: 'deleted', at: new Date().toISOString() }, { 'idempotency-key': 'k1' });
        expect(res.status).toBe(404); // past the key: an unknown profile
      } finally {
        await server.stop();
      }
    });
  });

  it('when production has its secrets and DEMO_DATA=1, then it starts (secrets are checked, not the data)', async () => {
    expect(CHILD_SECRETS.SESSION_SECRET).not.toBe('dev-only-session-secret');
    await withEmptyDatabase(async (url) => {
      const server = await startChild({ DATABASE_URL: url, DEMO_DATA: '1' }, { readyTimeoutMs: 170_000 });
      try {
        expect((await ApiClient.as(server.url, 'supervisor@demo.test')).user!.role).toBe('supervisor');
      } finally {
        await server.stop();
      }
    });
  });
});
