import type { Request } from 'express';
import type { AppContext } from '../platform/context';
import type { RouteDef } from '../platform/http/routes';
import { parseId } from '../platform/http/list-resource';
import { RevealAnswer } from '@closure-desk/shared';
import { revealCustomerField, RevealBody } from './reveal';

export function customerRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/customers/:id/reveal',
      access: ['supervisor', 'auditor'],
      doc: {
        operationId: 'revealCustomerField', summary: 'See one masked field of a customer in full (audited, with a reason)', tag: 'customers',
        body: RevealBody, bodyExample: { field: 'phone', reason: 'Customer called back from another number' },
        ok: { status: 200, description: 'The field’s value', schema: RevealAnswer },
      },
      handler: (req: Request) => revealCustomerField(ctx, req.ctx, parseId(req.params.id), RevealBody.parse(req.body ?? {})),
    },
  ];
}
