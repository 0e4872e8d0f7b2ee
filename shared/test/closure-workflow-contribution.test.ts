import { describe, expect, it } from 'vitest';
import { decideContribution, isAssigneeOrSupervisor } from '../src/closure-workflow';
import { CLOSURE_STATUSES, FINAL_STATUSES, type Role } from '../src/domain';

const agent = { id: 1, role: 'agent' as Role };
const supervisor = { id: 3, role: 'supervisor' as Role };

describe('decideContribution: who may add notes and attachments', () => {
  it('on an open request: its assignee or any supervisor; no other agent, nobody on an unassigned one but a supervisor', () => {
    for (const status of CLOSURE_STATUSES.filter((s) => !FINAL_STATUSES.includes(s))) {
      expect(decideContribution(agent, { status, assigneeId: 1 }), status).toEqual({ ok: true, afterDecision: false });
      expect(decideContribution(supervisor, { status, assigneeId: 1 }), status).toEqual({ ok: true, afterDecision: false });
      expect(decideContribution(agent, { status, assigneeId: 2 }), status).toMatchObject({ ok: false, code: 'forbidden' });
      expect(decideContribution(agent, { status, assigneeId: null }), status).toMatchObject({ ok: false, code: 'forbidden' });
      expect(decideContribution(supervisor, { status, assigneeId: null }), status).toEqual({ ok: true, afterDecision: false });
    }
  });

  it('on a final request: only a supervisor, even the assignee agent is refused, and it is marked after the decision', () => {
    for (const status of FINAL_STATUSES) {
      expect(decideContribution(agent, { status, assigneeId: 1 }), status).toMatchObject({ ok: false, code: 'forbidden' });
      expect(decideContribution(supervisor, { status, assigneeId: 1 }), status).toEqual({ ok: true, afterDecision: true });
    }
  });

  it('auditors and admins never work on requests', () => {
    for (const role of ['auditor', 'admin'] as Role[]) {
      expect(isAssigneeOrSupervisor({ id: 1, role }, { assigneeId: 1 })).toBe(false);
      expect(decideContribution({ id: 1, role }, { status: 'in_review', assigneeId: 1 }).ok).toBe(false);
    }
  });
});
