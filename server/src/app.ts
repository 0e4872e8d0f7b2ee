import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { AppContext } from './platform/context';
import { AppError } from './platform/errors';
import { requestScope, type Logger } from './platform/logging';
import { errorHandler } from './platform/http/error-handler';
import { listRoutes } from './platform/http/list-resource';
import { mountRoutes, type RouteDef } from './platform/http/routes';
import { buildOpenApi, type OpenApiDocument } from './platform/http/openapi';
import { HealthAnswer, localeFromAcceptLanguage } from '@closure-desk/shared';
import { apiDocsPage } from './platform/http/api-docs';
import { clientAddress, rejectDeepJson, rejectUnsafeText, securityHeaders } from './platform/http/security';
import { readinessRoute } from './ops/readiness';
import { auditCheckpointResource, auditEventResource } from './audit/resources';
import { auditRoutes } from './audit/routes';
import { billingResources } from './billing/resources';
import { closureRequestResource } from './closures/resources';
import { closureExportRoutes } from './closures/export';
import { closureRoutes } from './closures/routes';
import { consoleRoutes } from './console/routes';
import { intakeRoutes } from './intake/routes';
import { billingRoutes } from './billing/routes';
import { refundRoutes } from './refunds/routes';
import { customerResources } from './customers/resources';
import { customerRoutes } from './customers/routes';
import { notificationResource } from './notifications/resources';
import { notificationRoutes } from './notifications/routes';
import { refundResource } from './refunds/resources';
import { authRoutes } from './staff/routes';
import { mfaRoutes } from './staff/mfa-routes';
import { settingsRoutes } from './settings/settings-routes';
import { staffUserResource } from './staff/resources';

/** Every API route of every component, each with the roles that may call it. */
export function apiRoutes(ctx: AppContext): RouteDef[] {
  const resources = [
    closureRequestResource(ctx),
    ...customerResources(ctx),
    ...billingResources(ctx),
    refundResource(ctx),
    notificationResource(ctx),
    auditEventResource(ctx),
    auditCheckpointResource(ctx),
    staffUserResource(ctx),
  ];
  const routes: RouteDef[] = [
    ...auditRoutes(ctx),
    ...closureExportRoutes(ctx),
    ...customerRoutes(ctx),
    {
      method: 'get',
      path: '/health',
      access: 'public',
      doc: {
        operationId: 'getHealth', summary: 'Liveness: the process and its database answer', tag: 'ops',
        ok: { status: 200, description: 'Alive', schema: HealthAnswer, example: { status: 'ok' } },
      },
      handler: async () => {
        await ctx.db.sequelize.query('SELECT 1');
        return { status: 'ok' };
      },
    },
    readinessRoute(ctx),
    ...authRoutes(ctx),
    ...mfaRoutes(ctx),
    ...settingsRoutes(ctx),
    ...closureRoutes(ctx),
    ...intakeRoutes(ctx),
    ...billingRoutes(ctx),
    ...refundRoutes(ctx),
    ...notificationRoutes(ctx),
    ...consoleRoutes(ctx),
    ...resources.flatMap((r) => listRoutes(ctx, r)),
  ];
  let document: OpenApiDocument | undefined;
  routes.push({
    method: 'get', path: '/openapi.json', access: 'public',
    doc: {
      operationId: 'getOpenApi', summary: 'This document: the OpenAPI 3.1 description of the whole API', tag: 'ops',
      description: 'Generated at start-up from the route table and the zod schemas the server validates with. A readable page: /api/docs.',
      ok: { status: 200, description: 'The OpenAPI 3.1 document', media: { 'application/json': { type: 'object' } } },
    },
    handler: () => (document ??= buildOpenApi(routes)),
  });
  return routes;
}

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  // TRUST_PROXY trusts one hop (the load balancer): the client address is the one it appended to
  // X-Forwarded-For, not whatever the client wrote there itself.
  app.set('trust proxy', ctx.config.trustProxy ? 1 : false);
  app.set('query parser', 'simple');
  // One spelling per route: `/Bill-Payments` or `/bill-payments/` is a 404, not a second way into
  // the same handler (an idempotency key is scoped by the route pattern: intake/idempotency.ts).
  app.set('case sensitive routing', true);
  app.set('strict routing', true);

  app.use((req, res, next) => {
    const requestId = randomUUID();
    req.ctx = { actor: null, ip: clientAddress(req), requestId, locale: localeFromAcceptLanguage(req.headers['accept-language']) };
    res.setHeader('X-Request-Id', requestId);
    requestScope.run({ requestId }, next);
  });
  app.use(securityHeaders());
  if (ctx.config.logLevel !== 'silent') app.use(accessLog(ctx.logger));

  const api = express.Router({ caseSensitive: true, strict: true });
  // The limit holds after decompression too (gzip, deflate, br): body-parser counts inflated bytes.
  api.use(express.json({ limit: '1mb', strict: true }));
  // The body parser calls on from the socket's events, outside the scope entered above: enter it again.
  api.use((req, _res, next) => requestScope.run({ requestId: req.ctx.requestId }, next));
  api.use(rejectDeepJson());
  api.use(rejectUnsafeText());
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Range, X-Request-Id');
    next();
  });
  mountRoutes(api, ctx, apiRoutes(ctx));
  api.use((_req, _res, next) => next(new AppError('not_found', 'No such API endpoint')));
  api.use(errorHandler(ctx.logger));
  app.use('/api/docs', apiDocsPage());
  app.use('/api', api);
  // `/API/...`, `/Api` (the mount is case-sensitive too): the API's 404, never the console's page.
  const notFound: express.RequestHandler = (_req, _res, next) => next(new AppError('not_found', 'No such API endpoint'));
  app.use(/^\/api(?=\/|$)/i, notFound);

  const dist = ctx.config.clientDist;
  if (fs.existsSync(path.join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api(?:\/|$))/i, (_req, res) => res.sendFile(path.join(dist, 'index.html')));
  }
  app.use((_req, _res, next) => next(new AppError('not_found', 'Not found')));
  app.use(errorHandler(ctx.logger));
  return app;
}

/**
 * One line per request once its answer is sent: request id, method, path, address, status and
 * time. No headers (cookies, keys, tokens) and no query string (a search's q may be a phone number
 * or a name). Written by hand rather than by pino-http, which built a child logger and serialised
 * every header of every request: a third of a millisecond each, on the thread that serves them.
 */
function accessLog(logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const done = (event: 'finish' | 'close') => () => {
      if (event === 'close' && res.writableFinished) return;
      const line = {
        req: { id: req.ctx.requestId, method: req.method, url: req.originalUrl.split('?')[0], remoteAddress: req.socket.remoteAddress },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      if (event === 'close') logger.warn(line, 'request aborted');
      else if (res.statusCode >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    };
    res.once('finish', done('finish'));
    res.once('close', done('close'));
    next();
  };
}
