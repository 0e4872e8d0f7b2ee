import { z } from 'zod';
import type { Request, Response } from 'express';
import type { AppContext } from '../platform/context';
import type { RouteDef } from '../platform/http/routes';
import { ChainVerificationAnswer } from '@closure-desk/shared';
import { EXPORT_MEDIA, exportQueryParameters } from '../platform/http/openapi';
import { AUDIT_READERS, auditEventResource } from './resources';
import { exportAuditEvents } from './export-audit-events';
import { verifyAuditChain } from './verify-audit-chain';
import {
  checkpointAnswerSchema, consistencyAnswerSchema, consistencyProofRoute, consistencyQueryParameters, inclusionAnswerSchema,
  inclusionProofRoute, inclusionQueryParameters, publicKeyAnswerSchema,
} from './proofs';
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
    {
      method: 'get',
      path: '/audit/public-key',
      access: 'public',
      doc: {
        operationId: 'getAuditPublicKey', summary: 'The Ed25519 public key that verifies the signed checkpoints', tag: 'audit',
        ok: { status: 200, description: 'The key, as PEM and as a signed-note verifier key', schema: publicKeyAnswerSchema },
        errors: ['service_unavailable'],
      },
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
      doc: {
        operationId: 'signAuditCheckpoint', summary: 'Sign the audit log’s Merkle tree now (audited)', tag: 'audit',
        body: z.object({}).describe('no fields are read'), bodyOptional: true,
        ok: { status: 201, description: 'The new checkpoint with its signed note', schema: checkpointAnswerSchema },
        errors: ['service_unavailable'],
      },
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
      doc: {
        operationId: 'getAuditInclusionProof', summary: 'RFC 9162 inclusion proof of one event in a tree size', tag: 'audit',
        query: inclusionQueryParameters,
        ok: { status: 200, description: 'The audit path, hashes base64', schema: inclusionAnswerSchema },
      },
      handler: (req: Request) => inclusionProofRoute(ctx, req.query),
    },
    {
      method: 'get',
      path: '/audit/proofs/consistency',
      access: AUDIT_READERS,
      doc: {
        operationId: 'getAuditConsistencyProof', summary: 'RFC 9162 consistency proof between two tree sizes', tag: 'audit',
        query: consistencyQueryParameters,
        ok: { status: 200, description: 'The consistency path, hashes base64', schema: consistencyAnswerSchema },
      },
      handler: (req: Request) => consistencyProofRoute(ctx, req.query),
    },
  ];
}
