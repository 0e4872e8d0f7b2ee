import type { Channel, Role } from '@closure-desk/shared';

/** `GET /api/dashboard` (server/src/console/dashboard.ts): each role gets its own parts. */
export interface Dashboard {
  role: Role;
  generatedAt: string;
  dueSoonHours: number;
  queue?: { assigned: number; dueSoon: number; overdue: number; unassigned: number };
  team?: {
    unassigned: number;
    overdue: number;
    refundsPendingApproval: { total: number; byOthers: number };
    workload: WorkloadRow[];
  };
  exports?: ExportRecord[];
  staff?: { role: Role; active: number; inactive: number }[];
  activity: Activity;
}

export interface WorkloadRow {
  assigneeId: number;
  fullName: string;
  role: Role;
  active: boolean;
  open: number;
  overdue: number;
}

export interface ExportRecord {
  id: number;
  at: string | null;
  action: string;
  actorId: number | null;
  actorEmail: string | null;
  actorRole: string | null;
  format: string | null;
  rows: number | null;
  outcome: string | null;
  filter: Record<string, unknown> | null;
}

export interface Activity {
  from: string;
  to: string;
  days: { date: string; received: number; completed: number }[];
  byChannel: { channel: Channel; received: number; completed: number }[];
}

/** `GET /api/staff-directory`: who work can be assigned to. */
export interface StaffEntry {
  id: number;
  fullName: string;
  role: Role;
}
