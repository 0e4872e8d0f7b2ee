import express from 'express';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/app';
import { assertAccessDeclared, mountRoutes, type RouteDef } from '../src/platform/http/routes';
import type { AppContext } from '../src/platform/context';

describe('route access declarations', () => {
  it('when a route declares no roles, then mounting refuses to start', () => {
    const ctx = {} as AppContext;
    const bad = [{ method: 'get', path: '/x', access: [], handler: () => 1 }] as unknown as RouteDef[];
    expect(() => mountRoutes(express.Router(), ctx, bad)).toThrow(/declares no roles/);
    const unknownRole = { method: 'get', path: '/y', access: ['janitor'], handler: () => 1 } as unknown as RouteDef;
    expect(() => assertAccessDeclared(unknownRole)).toThrow(/declares no roles/);
    const missing = { method: 'get', path: '/z', handler: () => 1 } as unknown as RouteDef;
    expect(() => assertAccessDeclared(missing)).toThrow(/declares no roles/);
  });

  it('when the real route table is built, then every route declares its access', () => {
    const fakeModels = new Proxy({}, { get: () => ({}) });
    const ctx = { models: fakeModels, db: { sequelize: { escape: String, literal: String } } } as unknown as AppContext;
    const routes = apiRoutes(ctx);
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) expect(() => assertAccessDeclared(r)).not.toThrow();
  });
});
