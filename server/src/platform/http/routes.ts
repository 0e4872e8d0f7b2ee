import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Role } from '@closure-desk/shared';
import { ROLES } from '@closure-desk/shared';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { requireIntakeKey, requireStaff } from './guards';
import { assertDocDeclared, type RouteDoc } from './openapi';

/**
 * Who may call a route: staff roles, `public` (health, login) or `intake` (API keys).
 * Every route must say; a route without a declaration stops the server at start-up.
 */
export type Access = readonly Role[] | 'public' | 'intake';
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteDef {
  method: Method;
  path: string;
  access: Access;
  /**
   * Its part of the OpenAPI document (openapi.ts): operationId, tag, body and answer schemas, the
   * error codes beyond its kind's. Required: a route without one stops the server at start-up.
   */
  doc: RouteDoc;
  handler: (req: Request, res: Response) => Promise<unknown> | unknown;
  /** Staff routes only: callable by an account that must still enrol a second factor (me, logout, enrolment). */
  duringMfaEnrolment?: boolean;
}

export const ALL_STAFF: readonly Role[] = ROLES;

export function assertAccessDeclared(def: RouteDef): void {
  const ok =
    def.access === 'public' ||
    def.access === 'intake' ||
    (Array.isArray(def.access) && def.access.length > 0 && def.access.every((r) => ROLES.includes(r)));
  if (!ok) throw new Error(`Route ${def.method.toUpperCase()} ${def.path} declares no roles; refusing to start`);
}

/** Mounts routes with their access guard, after checking every route declared who may call it. */
export function mountRoutes(router: Router, ctx: AppContext, defs: RouteDef[]): void {
  defs.forEach(assertAccessDeclared);
  defs.forEach(assertDocDeclared);
  const ids = new Set<string>();
  for (const def of defs) {
    if (ids.has(def.doc.operationId)) throw new Error(`Two routes have operationId ${def.doc.operationId}; refusing to start`);
    ids.add(def.doc.operationId);
  }
  const byPath = new Map<string, Set<Method>>();
  for (const def of defs) {
    const guard: RequestHandler[] =
      def.access === 'public' ? [] : def.access === 'intake' ? [requireIntakeKey(ctx)] : [requireStaff(ctx, def.access, { duringMfaEnrolment: def.duringMfaEnrolment === true })];
    const run = async (req: Request, res: Response, next: NextFunction) => {
      try {
        const result = await def.handler(req, res);
        if (!res.headersSent && result !== undefined) res.json(result);
      } catch (err) {
        next(err);
      }
    };
    router[def.method](def.path, ...guard, run);
    if (!byPath.has(def.path)) byPath.set(def.path, new Set());
    byPath.get(def.path)!.add(def.method);
  }
  // A known path called with another method is a 405, not a 404.
  for (const [path, methods] of byPath) {
    router.all(path, (req, res, next) => {
      if (methods.has(req.method.toLowerCase() as Method) || (req.method === 'HEAD' && methods.has('get'))) return next();
      res.setHeader('Allow', [...methods].map((m) => m.toUpperCase()).join(', '));
      next(new AppError('method_not_allowed', `${req.method} is not allowed on this resource`));
    });
  }
}
