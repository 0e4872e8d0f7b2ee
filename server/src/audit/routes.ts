import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import type { RouteDef } from '../platform/http/routes';
import { AUDIT_READERS } from './resources';
import { exportAuditEvents } from './export-audit-events';
import { verifyAuditChain } from './verify-audit-chain';
import { consistencyProofRoute, inclusionProofRoute } from './proofs';

/** Registered before the audit-events list routes, so `export` and `verify` are not taken for ids. */
export function auditRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/audit-events/export',
      access: AUDIT_READERS,
      handler: (req: Request, res: Response) => exportAuditEvents(ctx, req, res),
    },
    {
      method: 'get',
      path: '/audit-events/verify',
      access: AUDIT_READERS,
      handler: () => verifyAuditChain(ctx),
    },
    {
      method: 'get',
      path: '/audit/proofs/inclusion',
      access: AUDIT_READERS,
      handler: (req: Request) => inclusionProofRoute(ctx, req.query),
    },
    {
      method: 'get',
      path: '/audit/proofs/consistency',
      access: AUDIT_READERS,
      handler: (req: Request) => consistencyProofRoute(ctx, req.query),
    },
  ];
}
