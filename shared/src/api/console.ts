import type { Channel, Role } from '../domain';

/**
 * The answers of the console's read endpoints, as the server builds them (server/src/console) and
 * the SPA reads them: one definition for both sides.
 */

/** `GET /api/staff-directory`: who work can be assigned to. */
export interface StaffEntry {
  id: number;
  fullName: string;
  role: Role;
  /** open requests they hold */
  open: number;
  /** of those, past their due time */
  overdue: number;
}

export interface QueueCounts {
  assigned: number;
  dueSoon: number;
  overdue: number;
}

export interface PendingRefunds {
  total: number;
  /** the ones this supervisor may decide: made by someone else */
  byOthers: number;
}

export interface WorkloadRow {
  assigneeId: number;
  fullName: string;
  role: Role;
  active: boolean;
  open: number;
  overdue: number;
}

export interface DayActivity {
  /** `YYYY-MM-DD`, a UTC day */
  date: string;
  received: number;
  completed: number;
}

export interface ChannelActivity {
  channel: Channel;
  received: number;
  completed: number;
}

export interface Activity {
  from: string;
  to: string;
  days: DayActivity[];
  byChannel: ChannelActivity[];
}

/** One export, as its audit event records it. */
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

/**
 * A terminated eSIM profile that tried to come back (an ES2+ install, enable or download notice
 * for it, not applied): the audit event `incident.reactivation-refused`, for the supervisors.
 */
export interface ReactivationIncident {
  /** the audit event's id */
  id: number;
  at: string | null;
  profileId: number;
  iccid: string | null;
  /** the ES2+ notification point (3 download, 4 installation, 5 enable) */
  notificationPointId: number | null;
  reason: string | null;
}

export interface StaffCount {
  role: Role;
  active: number;
  inactive: number;
}

/** `GET /api/dashboard`: each role gets the parts of its own work (server/src/dashboard/dashboard.ts). */
export interface Dashboard {
  role: Role;
  generatedAt: string;
  dueSoonHours: number;
  queue?: QueueCounts & { unassigned: number };
  team?: {
    unassigned: number; overdue: number; refundsPendingApproval: PendingRefunds; workload: WorkloadRow[];
    /** reactivation attempts of terminated profiles: how many in all, the latest first */
    incidents: { total: number; latest: ReactivationIncident[] };
  };
  exports?: ExportRecord[];
  staff?: StaffCount[];
  activity: Activity;
}

/** `GET /api/audit-events/verify`: how far the hash chain holds. */
export interface ChainVerification {
  ok: boolean;
  /** events found intact, from id 1 */
  checked: number;
  /** the last intact event (0 and 64 zeros when there is none) */
  lastId: number;
  lastHash: string;
  firstBadId?: number;
  problem?: string;
}
