import { AuditEventAnswer } from '@closure-desk/shared';
import type { AuditCheckpointRecord, AuditEventRecord } from '../platform/db/records';
import type { AppContext } from '../platform/context';
import { iso, type ListResource } from '../platform/http/list-resource';
import { checkpointToApi } from './signed-checkpoint';
import { checkpointAnswerSchema } from './proofs';

export const AUDIT_READERS = ['auditor', 'supervisor', 'admin'] as const;

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export function auditEventResource(ctx: AppContext): ListResource<AuditEventRecord, AuditEventAnswer> {
  return {
    name: 'audit-events',
    tag: 'audit', answer: AuditEventAnswer,
    model: ctx.models.AuditEvent,
    access: AUDIT_READERS,
    filters: {
      actorId: { type: { kind: 'int' } },
      action: { type: { kind: 'string' } },
      entityType: { type: { kind: 'string' } },
      entityId: { type: { kind: 'string' } },
      at: { type: { kind: 'datetime' }, range: true },
    },
    sorts: { id: 'id', at: 'at' },
    defaultSort: ['id', 'DESC'],
    toApi: (r) => ({
      id: r.id,
      at: iso(r.at),
      actorId: r.actorId ?? null,
      actorEmail: r.actorEmail ?? null,
      actorRole: r.actorRole ?? null,
      ip: r.ip ?? null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId ?? null,
      reason: r.reason ?? null,
      before: parseJson(r.before),
      after: parseJson(r.after),
      prevHash: r.prevHash,
      hash: r.hash,
    }),
  };
}

/** GET /api/audit/checkpoints: every signed checkpoint, with its signed note text (list convention). */
export function auditCheckpointResource(ctx: AppContext): ListResource<AuditCheckpointRecord> {
  return {
    name: 'audit/checkpoints',
    tag: 'audit', answer: checkpointAnswerSchema,
    model: ctx.models.AuditCheckpoint,
    access: AUDIT_READERS,
    filters: { treeSize: { type: { kind: 'int' } } },
    sorts: { id: 'id', treeSize: 'treeSize', createdAt: 'createdAt' },
    defaultSort: ['id', 'DESC'],
    toApi: checkpointToApi,
  };
}
