import { Op } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, totalOf } from './support/api-client';
import { freeCustomer, logPhoneRequest, must, OPEN } from './support/factories';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer;
let agent: ApiClient;
let supervisor: ApiClient;
let auditor: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  // No background jobs: the query counts below would take in the peers' dispatchers polling meanwhile.
  server = await startTestServer({ customers: 60, jobs: false });
  const as = (n: string) => ApiClient.as(server.url, `${n}@demo.test`);
  [agent, supervisor, auditor, admin] = [await as('agent'), await as('supervisor'), await as('auditor'), await as('admin')];
});
afterAll(() => server?.stop());

const dashboardOf = async (client: ApiClient) => {
  const res = await client.get('/api/dashboard');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

const countOf = async (client: ApiClient, resource: string, filter: Record<string, unknown>) =>
  totalOf(await client.list(resource, { filter, range: [0, 0] }));

/** Counts the SQL statements the server runs while `fn` runs. */
async function queriesDuring(fn: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const sequelize = server.ctx.db.sequelize;
  const hook = () => {
    n++;
  };
  sequelize.addHook('beforeQuery', 'count-queries', hook);
  try {
    await fn();
  } finally {
    sequelize.removeHook('beforeQuery', 'count-queries');
  }
  return n;
}

describe('GET /api/dashboard', () => {
  it('when an agent asks, then it answers their queue as the closure list counts it, and nothing of the team or the audit trail', async () => {
    const [waiting] = (await agent.list('closure-requests', { filter: { status: 'submitted' }, range: [0, 0] })).body;
    await must(agent, waiting, 'claim');
    const me = agent.user!.id;

    const dash = await dashboardOf(agent);
    expect(dash.role).toBe('agent');
    expect(dash.dueSoonHours).toBe(48);
    const soon = new Date(Date.parse(dash.generatedAt) + dash.dueSoonHours * 3_600_000).toISOString();
    const mine = { assigneeId: me, status: OPEN };
    expect(dash.queue.assigned).toBeGreaterThanOrEqual(1);
    expect(dash.queue.assigned).toBe(await countOf(agent, 'closure-requests', mine));
    expect(dash.queue.overdue).toBe(await countOf(agent, 'closure-requests', { ...mine, overdue: true }));
    expect(dash.queue.dueSoon).toBe(await countOf(agent, 'closure-requests', { ...mine, overdue: false, dueAt_lte: soon }));
    const unassigned = await server.ctx.models.ClosureRequest.count({ where: { assigneeId: null, status: { [Op.in]: OPEN } } });
    expect(dash.queue.unassigned).toBe(unassigned);
    expect(dash.team).toBeUndefined();
    expect(dash.exports).toBeUndefined();
    expect(dash.staff).toBeUndefined();
  });

  it('when a supervisor asks, then the team counts match the lists and the workload names every active agent and supervisor', async () => {
    const me = supervisor.user!.id;
    const dash = await dashboardOf(supervisor);
    expect(dash.role).toBe('supervisor');
    expect(dash.queue).toBeDefined();
    expect(dash.team.overdue).toBe(await countOf(supervisor, 'closure-requests', { overdue: true }));
    const pending = await countOf(supervisor, 'refunds', { status: 'pending_approval' });
    const mineToDecide = await countOf(supervisor, 'refunds', { status: 'pending_approval', createdById: me });
    expect(dash.team.refundsPendingApproval).toEqual({ total: pending, byOthers: pending - mineToDecide });

    const workload = dash.team.workload as { assigneeId: number; fullName: string; role: string; open: number; overdue: number }[];
    const assignedOpen = await server.ctx.models.ClosureRequest.count({
      where: { assigneeId: { [Op.ne]: null }, status: { [Op.in]: OPEN } },
    });
    expect(workload.reduce((s, w) => s + w.open, 0)).toBe(assignedOpen);
    const staff = (await admin.list('staff-users', { filter: { active: true, role: ['agent', 'supervisor'] }, range: [0, 99] })).body;
    for (const person of staff) {
      const row = workload.find((w) => w.assigneeId === person.id);
      expect(row, person.email).toMatchObject({ fullName: person.fullName, role: person.role });
      expect(row!.open).toBe(await countOf(supervisor, 'closure-requests', { assigneeId: person.id, status: OPEN }));
      expect(row!.overdue).toBe(await countOf(supervisor, 'closure-requests', { assigneeId: person.id, overdue: true }));
    }
    const opens = workload.map((w) => w.open);
    expect([...opens].sort((a, b) => b - a)).toEqual(opens);
    expect(dash.exports).toBeUndefined();
  });

  it('when requests are received, then today counts them per day and per channel, over 30 days ending today (UTC)', async () => {
    const before = (await dashboardOf(agent)).activity;
    expect(before.days).toHaveLength(30);
    expect(before.to).toBe(new Date().toISOString().slice(0, 10));
    expect(before.days[0].date).toBe(before.from);
    const inWindow = await countOf(agent, 'closure-requests', { submittedAt_gte: `${before.from}T00:00:00.000Z` });
    const sum = (rows: { received: number; completed: number }[], k: 'received' | 'completed') => rows.reduce((s, r) => s + r[k], 0);
    expect(sum(before.days, 'received')).toBe(inWindow);
    expect(sum(before.byChannel, 'received')).toBe(inWindow);
    const completed = await server.ctx.models.ClosureRequest.count({
      where: { status: 'completed', completedAt: { [Op.gte]: new Date(`${before.from}T00:00:00.000Z`) } },
    });
    expect(sum(before.days, 'completed')).toBe(completed);
    expect(sum(before.byChannel, 'completed')).toBe(completed);
    expect(before.byChannel.map((c: { channel: string }) => c.channel)).toEqual(['app', 'phone', 'email']);

    const customer = await freeCustomer(agent);
    await logPhoneRequest(agent, customer.id);
    const after = (await dashboardOf(agent)).activity;
    expect(after.days.at(-1).received).toBe(before.days.at(-1).received + 1);
    const phone = (a: typeof after) => a.byChannel.find((c: { channel: string }) => c.channel === 'phone').received;
    expect(phone(after)).toBe(phone(before) + 1);
  });

  it('when an auditor has exported, then the dashboard lists the exports newest first with format, rows and outcome', async () => {
    const audit = await fetch(`${server.url}/api/audit-events/export?format=jsonl`, { headers: { cookie: auditor.cookie! } });
    const lines = (await audit.text()).split('\n').filter(Boolean).length;
    const closures = await fetch(`${server.url}/api/closure-requests/export?format=csv`, { headers: { cookie: auditor.cookie! } });
    await closures.text();

    const dash = await dashboardOf(auditor);
    expect(dash.role).toBe('auditor');
    expect(dash.queue).toBeUndefined();
    expect(dash.team).toBeUndefined();
    const [latest, previous] = dash.exports;
    expect(latest).toMatchObject({ action: 'closure.export', format: 'csv', outcome: 'completed', actorEmail: 'auditor@demo.test' });
    expect(previous).toMatchObject({ action: 'audit.export', format: 'jsonl', rows: lines, outcome: 'completed', actorRole: 'auditor' });
    expect(latest.id).toBeGreaterThan(previous.id);
    expect(dash.exports.length).toBeLessThanOrEqual(10);
  });

  it('when an admin asks, then it answers the staff per role as the staff list counts them', async () => {
    const dash = await dashboardOf(admin);
    expect(dash.role).toBe('admin');
    expect(dash.queue).toBeUndefined();
    expect(Array.isArray(dash.exports)).toBe(true);
    for (const row of dash.staff) {
      expect(row.active).toBe(await countOf(admin, 'staff-users', { role: row.role, active: true }));
      expect(row.inactive).toBe(await countOf(admin, 'staff-users', { role: row.role, active: false }));
    }
  });

  it('when the data grows, then the dashboard runs the same number of queries (aggregates, no query per row)', async () => {
    const first = await queriesDuring(() => dashboardOf(supervisor));
    for (let i = 0; i < 3; i++) {
      const customer = await freeCustomer(supervisor);
      const request = await logPhoneRequest(supervisor, customer.id);
      await must(supervisor, request, 'assign', { assigneeId: [1, 2, 7][i] });
    }
    const second = await queriesDuring(() => dashboardOf(supervisor));
    expect(second).toBe(first);
    expect(first).toBeLessThanOrEqual(15);
  });

  it('when nobody is signed in, then it is a 401', async () => {
    const res = await new ApiClient(server.url).get('/api/dashboard');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  });
});

describe('GET /api/staff-directory', () => {
  it('when an agent, a supervisor or an admin asks, then it answers the active agents and supervisors by name with their open work, and nothing more', async () => {
    const expected = (await admin.list('staff-users', { filter: { active: true, role: ['agent', 'supervisor'] }, range: [0, 99] })).body;
    for (const client of [agent, supervisor, admin]) {
      const res = await client.get('/api/staff-directory');
      expect(res.status).toBe(200);
      expect(res.body.map((s: { id: number }) => s.id).sort()).toEqual(expected.map((s: { id: number }) => s.id).sort());
      for (const entry of res.body) expect(Object.keys(entry).sort()).toEqual(['fullName', 'id', 'open', 'overdue', 'role']);
      const names = res.body.map((s: { fullName: string }) => s.fullName);
      expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  it('when a staff member is deactivated, then they leave the directory but their open work stays on the workload', async () => {
    const { StaffUser } = server.ctx.models;
    const customer = await freeCustomer(supervisor);
    const request = await logPhoneRequest(supervisor, customer.id);
    await must(supervisor, request, 'assign', { assigneeId: 7 });
    await StaffUser.update({ active: false }, { where: { id: 7 } });
    try {
      const directory = (await supervisor.get('/api/staff-directory')).body;
      expect(directory.some((s: { id: number }) => s.id === 7)).toBe(false);
      const row = (await dashboardOf(supervisor)).team.workload.find((w: { assigneeId: number }) => w.assigneeId === 7);
      expect(row).toMatchObject({ active: false, fullName: 'Chen Jie 陈杰' });
      expect(row.open).toBeGreaterThanOrEqual(1);
    } finally {
      await StaffUser.update({ active: true }, { where: { id: 7 } });
    }
  });

  it('when it answers, then each person’s open and overdue counts are those of the queue list', async () => {
    const directory = (await supervisor.get('/api/staff-directory')).body as { id: number; open: number; overdue: number }[];
    for (const entry of directory.slice(0, 4)) {
      const open = await supervisor.list('closure-requests', { filter: { assigneeId: entry.id, status: OPEN }, range: [0, 0] });
      const late = await supervisor.list('closure-requests', { filter: { assigneeId: entry.id, overdue: true }, range: [0, 0] });
      expect(entry.open).toBe(totalOf(open));
      expect(entry.overdue).toBe(totalOf(late));
    }
  });

  it('when an auditor asks, then it is a 403', async () => {
    const res = await auditor.get('/api/staff-directory');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });
});
