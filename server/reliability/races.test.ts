import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/support/test-server';
import { connectCluster, type Cluster } from './support/cluster';
import { report } from './support/figures';
import { openInspector } from './support/inspect';
import { baseline, checkConsistency, expectConsistent, type Baseline } from './support/invariants';
import { actionRace, billRace, intakeRace, refundRace, splitRefundRace } from './support/scenarios';

// One server (SQLite, or PostgreSQL with TEST_DB=postgres), many HTTP clients racing on one request.
let server: TestServer;
let cluster: Cluster;
let since: Baseline;
const raced: Record<string, number> = {};

beforeAll(async () => {
  server = await startTestServer({ customers: 150 });
  cluster = await connectCluster([server.url], await openInspector(server.databaseUrl));
  since = await baseline(cluster.inspector);
});
afterAll(async () => {
  await cluster?.inspector.close();
  await server?.stop();
});

describe('races on one server', () => {
  it('when everybody acts on the same request at once, then exactly one action wins each round', async () => {
    raced.actions = await actionRace(cluster, 8);
  });

  it('when refunds on one request arrive together, then never more than the cash is refunded or pending, and one key makes one refund', async () => {
    raced.refunds = await refundRace(cluster);
  });

  it('when one agent splits a refund into 30 of 100.00 at once, then at most the approval threshold is recorded without a supervisor', async () => {
    raced.splitRefunds = await splitRefundRace(cluster);
  });

  it('when the app and staff open the same account at once, then exactly one request opens; one key does the work once', async () => {
    raced.intake = await intakeRace(cluster);
  });

  it('when payments and a waiver hit one bill at once, then never more is paid than due', async () => {
    raced.bills = await billRace(cluster);
  });

  it('after all the races, then the audit chain verifies, checkLedger is clean and nothing is half-written', async () => {
    const c = await checkConsistency(cluster.inspector, since);
    const total = Object.values(raced).reduce((a, b) => a + b, 0);
    report('races (one instance)', { requestsRaced: total, byRace: raced, ...c.counts, chainChecked: c.chain.checked, drifts: c.ledgerDrifts.length });
    expect(total).toBeGreaterThan(300);
    expectConsistent(c);
  });
});
