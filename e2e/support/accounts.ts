/** The demo data's staff accounts (README "Two commands"); the password is DEMO_PASSWORD's. */
export const PASSWORD = process.env.DEMO_PASSWORD ?? 'demo-password';

export const STAFF = {
  agent: 'agent@demo.test',
  agent2: 'agent2@demo.test',
  agent3: 'agent3@demo.test',
  supervisor: 'supervisor@demo.test',
  supervisor2: 'supervisor2@demo.test',
  auditor: 'auditor@demo.test',
  admin: 'admin@demo.test',
  admin2: 'admin2@demo.test',
} as const;

export type StaffName = keyof typeof STAFF;

/** Refunds above this many minor units wait for a supervisor (the default setting, 500.00). */
export const APPROVAL_THRESHOLD = 50_000;

export const OPEN_STATUSES = ['submitted', 'in_review', 'awaiting_customer', 'approved', 'closing'];

/** Today as the server counts it (UTC), `YYYY-MM-DD`. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);
