import simpleRestProvider from 'ra-data-simple-rest';
import { useDataProvider, type DataProvider, type RaRecord } from 'react-admin';
import type { ChainVerification, Check, ClosureAction, ClosureActionBody, HistoryEntry, MaskedCustomerField } from '@closure-desk/shared';
import type { Dashboard, StaffEntry } from './dashboard/types';
import { httpClient } from './http';
import { API_URL } from './session';

export interface Note {
  id: number;
  closureRequestId: number;
  authorId: number;
  authorName: string | null;
  text: string;
  /** Added after the request's final decision (by a supervisor). */
  afterDecision: boolean;
  createdAt: string;
}

export interface Attachment {
  id: number;
  closureRequestId: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedById: number;
  /** Added after the request's final decision (by a supervisor). */
  afterDecision: boolean;
  createdAt: string;
  deleted: boolean;
}

export interface RecordRefundBody {
  closureRequestId: number;
  amount: number;
  method: string;
  payoutReference: string;
  note?: string;
}

/** Who is on a request's page now (GET/POST /api/closure-requests/<id>/presence). */
export interface Presence {
  closureRequestId: number;
  viewers: { staffUserId: number; fullName: string; since: string }[];
}

/** `GET /api/closure-requests/<id>/checks` answers `blocking` too (shared `Check`). */
export type ClosureCheck = Check;

/** One command to a peer (GET /closure-requests/<id>/terminations). */
export interface TerminationCommand {
  id: number; iccid: string; peer: 'smdp' | 'network'; kind: string; callId: string;
  status: 'pending' | 'sent' | 'confirmed' | 'failed'; attempts: number; lastError: string | null;
  peerReference: string | null; confirmedAt: string | null; nextAttemptAt: string | null;
}

/** One entry of GET /closure-requests/<id>/history (shared/schemas/answers.ts HistoryEntryAnswer). */
export type { HistoryEntry };

const post = async <T>(path: string, body: unknown, headers?: HeadersInit): Promise<T> =>
  (await httpClient(`${API_URL}${path}`, { method: 'POST', body: JSON.stringify(body), headers: new Headers(headers) }))
    .json as T;

const get = async <T>(path: string): Promise<T> => (await httpClient(`${API_URL}${path}`)).json as T;

/**
 * The commands and reads of API.md beyond the list convention. Each is a method of the data
 * provider (react-admin's way), so a 401 anywhere still signs the user out.
 */
const commands = {
  closureAction: <A extends ClosureAction>(id: number, action: A, body: ClosureActionBody<A>) =>
    post<RaRecord>(`/closure-requests/${id}/actions/${action}`, body),
  getChecks: (id: number) => get<ClosureCheck[]>(`/closure-requests/${id}/checks`),
  getTerminations: (id: number) => get<TerminationCommand[]>(`/closure-requests/${id}/terminations`),
  getNotes: (id: number) => get<Note[]>(`/closure-requests/${id}/notes`),
  getHistory: (id: number) => get<HistoryEntry[]>(`/closure-requests/${id}/history`),
  addNote: (id: number, text: string) => post<Note>(`/closure-requests/${id}/notes`, { text }),
  getAttachments: (id: number) => get<Attachment[]>(`/closure-requests/${id}/attachments`),
  uploadAttachment: async (id: number, file: File): Promise<Attachment> => {
    const body = new FormData();
    body.append('file', file);
    return (await httpClient(`${API_URL}/closure-requests/${id}/attachments`, { method: 'POST', body })).json as Attachment;
  },
  waiveBill: (id: number, reason: string) => post<RaRecord>(`/bills/${id}/actions/waive`, { reason }),
  /** `key` is the Idempotency-Key: the same one for every click of one dialog, so a retry replays. */
  recordRefund: (body: RecordRefundBody, key: string) => post<RaRecord>('/refunds', body, { 'Idempotency-Key': key }),
  getRefundThreshold: (currency: string) => get<{ currency: string; threshold: number }>(`/refund-thresholds/${encodeURIComponent(currency)}`),
  decideRefund: (id: number, decision: 'approve' | 'reject', note?: string) =>
    post<RaRecord>(`/refunds/${id}/actions/${decision}`, note ? { note } : {}),
  retryNotification: (id: number) => post<RaRecord>(`/notifications/${id}/actions/retry`, {}),
  revealCustomerField: (id: number, field: MaskedCustomerField, reason: string) =>
    post<{ value: string | null }>(`/customers/${id}/reveal`, { field, reason }),
  getDashboard: () => get<Dashboard>('/dashboard'),
  getStaffDirectory: () => get<StaffEntry[]>('/staff-directory'),
  verifyAuditChain: () => get<ChainVerification>('/audit-events/verify'),
  /** Ends the person's sessions and sends them a new link to choose a password (admins). */
  resetStaffPassword: (id: number) => post<RaRecord>(`/staff-users/${id}/actions/reset-password`, {}),
  /** A guarded setting's pending change: another admin approves it, any admin rejects it. */
  decideSettingChange: (key: string, decision: 'approve' | 'reject') => post<RaRecord>(`/settings/${key}/actions/${decision}`, {}),
  /** The signed-in staff member's own password; their other sessions end. */
  changeOwnPassword: async (currentPassword: string, newPassword: string) => {
    await httpClient(`${API_URL}/auth/password`, { method: 'POST', body: JSON.stringify({ currentPassword, newPassword }) });
  },
  /** POST /api/closure-requests/actions/claim-next: the most urgent queued request, claimed for me; null when the queue is empty (204). */
  claimNext: async (): Promise<RaRecord | null> => {
    const res = await httpClient(`${API_URL}/closure-requests/actions/claim-next`, { method: 'POST', body: '{}' });
    return res.status === 204 || !res.json ? null : (res.json as RaRecord);
  },
  getPresence: (id: number) => get<Presence>(`/closure-requests/${id}/presence`),
  setPresence: (id: number, tab: string, viewing: boolean) => post<Presence>(`/closure-requests/${id}/presence`, { tab, viewing }),
  /** POST /api/audit/checkpoints: signs the audit log's Merkle tree now (auditor, supervisor) */
  signAuditCheckpoint: () => post<{ id: number; treeSize: number; rootHash: string; note: string }>('/audit/checkpoints', {}),
};

export type ClosureDeskDataProvider = DataProvider & typeof commands;

/**
 * The React-Admin simple REST convention of API.md (`sort`, `range` and `filter` query
 * parameters, the total in `Content-Range`; errors keep the server's `message`), plus the
 * commands above.
 */
export const dataProvider: ClosureDeskDataProvider = { ...simpleRestProvider(API_URL, httpClient), ...commands };

export const useApi = () => useDataProvider<ClosureDeskDataProvider>();
