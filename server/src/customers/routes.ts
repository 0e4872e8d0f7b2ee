import type { Request } from 'express';
import type { AppContext } from '../platform/context';
import type { RouteDef } from '../platform/http/routes';
import { parseId } from '../platform/http/list-resource';
import { revealCustomerField, RevealBody } from './reveal';

export function customerRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/customers/:id/reveal',
      access: ['supervisor', 'auditor'],
      handler: (req: Request) => revealCustomerField(ctx, req.ctx, parseId(req.params.id), RevealBody.parse(req.body ?? {})),
    },
  ];
}
