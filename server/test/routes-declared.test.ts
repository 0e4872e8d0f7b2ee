import express from 'express';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/app';
import { assertAccessDeclared, mountRoutes, type RouteDef } from '../src/platform/http/routes';
import { assertDocDeclared } from '../src/platform/http/openapi';
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
    for (const r of routes) expect(() => assertDocDeclared(r)).not.toThrow();
    expect(new Set(routes.map((r) => r.doc.operationId)).size).toBe(routes.length);
  });

  it('when a route declares no schema, then mounting refuses to start', () => {
    const ctx = {} as AppContext;
    const undocumented = [{ method: 'get', path: '/x', access: 'public', handler: () => 1 }] as unknown as RouteDef[];
    expect(() => mountRoutes(express.Router(), ctx, undocumented)).toThrow(/declares no schema/);
    const noBody = { method: 'post', path: '/y', access: 'public', handler: () => 1, doc: { operationId: 'postY', summary: 'y', tag: 'ops', ok: { status: 200, description: 'ok', schema: {} } } } as unknown as RouteDef;
    expect(() => assertDocDeclared(noBody)).toThrow(/declares no body schema/);
    const noAnswer = { method: 'get', path: '/z', access: 'public', handler: () => 1, doc: { operationId: 'getZ', summary: 'z', tag: 'ops', ok: { status: 200, description: 'ok' } } } as unknown as RouteDef;
    expect(() => assertDocDeclared(noAnswer)).toThrow(/answer without a schema/);
    const badTag = { method: 'get', path: '/t', access: 'public', handler: () => 1, doc: { operationId: 'getT', summary: 't', tag: 'nowhere', ok: { status: 200, description: 'ok', schema: {} } } } as unknown as RouteDef;
    expect(() => assertDocDeclared(badTag)).toThrow(/unknown tag/);
    const twice = { method: 'get', path: '/a', access: 'public', handler: () => 1, doc: { operationId: 'getA', summary: 'a', tag: 'ops', ok: { status: 200, description: 'ok', media: { 'text/plain': {} } } } };
    expect(() => mountRoutes(express.Router(), ctx, [twice, { ...twice, path: '/b' }] as unknown as RouteDef[])).toThrow(/Two routes have operationId getA/);
  });
});
