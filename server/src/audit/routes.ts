import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import type { RouteDef } from '../platform/http/routes';
import { ChainVerificationAnswer } from '@closure-desk/shared';
import { EXPORT_MEDIA, exportQueryParameters } from '../platform/http/openapi';
import { AUDIT_READERS, auditEventResource } from './resources';
import { exportAuditEvents } from './export-audit-events';
import { verifyAuditChain } from './verify-audit-chain';

/** Registered before the audit-events list routes, so `export` and `verify` are not taken for ids. */
export function auditRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/audit-events/export',
      access: AUDIT_READERS,
      doc: {
        operationId: 'exportAuditEvents', summary: 'Export audit events as CSV or JSON lines (audited)', tag: 'audit',
        query: exportQueryParameters(auditEventResource(ctx)),
        ok: { status: 200, description: 'The events, oldest first', headers: ['Content-Disposition'], media: EXPORT_MEDIA },
      },
      handler: (req: Request, res: Response) => exportAuditEvents(ctx, req, res),
    },
    {
      method: 'get',
      path: '/audit-events/verify',
      access: AUDIT_READERS,
      doc: {
        operationId: 'verifyAuditChain', summary: 'Check the audit trail’s hash chain from the first event', tag: 'audit',
        ok: { status: 200, description: 'How far the chain holds', schema: ChainVerificationAnswer },
      },
      handler: () => verifyAuditChain(ctx),
    },
  ];
}
