import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import type { RouteDef } from '../platform/http/routes';
import { AUDIT_READERS } from './resources';
import { exportAuditEvents } from './export-audit-events';
import { verifyAuditChain } from './verify-audit-chain';
import { consistencyProofRoute, inclusionProofRoute } from './proofs';
import { appendSignedCheckpoint } from './signed-checkpoint';
import { loadSigningKey } from './signing-key';
import { AppError } from '../platform/errors';

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
      path: '/audit/public-key',
      access: 'public',
      handler: () => {
        const key = loadSigningKey(ctx.config);
        if (!key) throw new AppError('service_unavailable', 'No audit signing key is configured');
        return { origin: key.name, keyName: key.name, keyId: key.keyId, algorithm: 'Ed25519', publicKeyPem: key.publicKeyPem, verifierKey: key.vkey };
      },
    },
    {
      method: 'post',
      path: '/audit/checkpoints',
      access: ['auditor', 'supervisor'],
      handler: async (req: Request, res: Response) => {
        const cp = await appendSignedCheckpoint(ctx, { actor: req.ctx.actor, ip: req.ctx.ip });
        res.status(201);
        return cp;
      },
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
