import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import expressStaticGzip from 'express-static-gzip';
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
import { readinessRoute } from './ops';
import { auditCheckpointResource, auditEventResource } from './audit';
import { auditRoutes } from './audit';
import { billingResources } from './billing';
import { closureRequestResource } from './closures';
import { closureExportRoutes } from './closures';
import { closureRoutes } from './closures';
import { consoleRoutes } from './dashboard';
import { intakeRoutes } from './intake';
import { PEER_ERROR_SHAPES, peerRoutes } from './connectors';
import { billingRoutes } from './billing';
import { refundRoutes } from './refunds';
import { customerResources } from './customers';
import { customerRoutes } from './customers';
import { notificationResource } from './notifications';
import { notificationRoutes } from './notifications';
import { refundResource } from './refunds';
import { authRoutes } from './staff';
import { mfaRoutes } from './staff';
import { settingsRoutes } from './settings';
import { staffUserResource } from './staff';
import { liveRoutes } from './live';

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
    ...peerRoutes(ctx),
    ...billingRoutes(ctx),
    ...refundRoutes(ctx),
    ...notificationRoutes(ctx),
    ...consoleRoutes(ctx),
    ...liveRoutes(ctx),
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
  // the same handler (an idempotency key is scoped by the route pattern: platform/http/idempotency.ts).
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
  api.use(compressAnswers());
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
  api.use(errorHandler(ctx.logger, PEER_ERROR_SHAPES));
  app.use('/api/docs', apiDocsPage());
  app.use('/api', api);
  // `/API/...`, `/Api` (the mount is case-sensitive too): the API's 404, never the console's page.
  const notFound: express.RequestHandler = (_req, _res, next) => next(new AppError('not_found', 'No such API endpoint'));
  app.use(/^\/api(?=\/|$)/i, notFound);

  const dist = ctx.config.clientDist;
  // Crawlers stay out of a back-office console, with or without a built client.
  app.get('/robots.txt', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('text/plain').send('User-agent: *\nDisallow: /\n');
  });
  if (fs.existsSync(path.join(dist, 'index.html'))) serveClient(app, dist);
  app.use((_req, _res, next) => next(new AppError('not_found', 'Not found')));
  app.use(errorHandler(ctx.logger));
  return app;
}

/** Vite names every built asset under /assets/ by its content's hash: a new build gets new names. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * The built console: each file sent as its build-time .br or .gz sibling when the browser accepts
 * one (Vary: Accept-Encoding), hashed assets cached for a year as immutable, index.html (and the
 * SPA routes that answer it) revalidated on every load so a new release is picked up at once.
 * Source maps are built 'hidden' and never sent (docs/PERFORMANCE.md, "Source maps").
 */
function serveClient(app: Express, dist: string): void {
  const sendIndex: express.RequestHandler = (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dist, 'index.html'), { cacheControl: false, lastModified: true });
  };
  app.use((req, _res, next) => (req.path.endsWith('.map') ? next(new AppError('not_found', 'Not found')) : next()));
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  app.use(expressStaticGzip(dist, {
    index: false,
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    serveStatic: {
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => {
        const rel = `/${path.relative(dist, file).split(path.sep).join('/')}`.replace(/\.(br|gz)$/, '');
        if (HASHED_ASSET.test(rel)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else if (rel === '/index.html') res.setHeader('Cache-Control', 'no-cache');
        else res.setHeader('Cache-Control', 'public, max-age=3600');
      },
    },
  }));
  app.get(/^(?!\/api(?:\/|$))/i, sendIndex);
}

/**
 * gzip or brotli for the API's answers above 1 KiB (lists, the OpenAPI document, exports). An export
 * flushes each page it writes (audit/stream-export.ts), so compression never holds a download back;
 * `text/event-stream` and anything marked `no-transform` go out as they are, unbuffered.
 */
function compressAnswers(): express.RequestHandler {
  return compression({
    threshold: 1024,
    filter: (req, res) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (type.startsWith('text/event-stream')) return false;
      // The streamed exports go as they are: they count the rows that reached the client (an abort
      // is recorded with the rows sent), and their memory bound holds only without a zlib buffer.
      if (/\/export$/.test(req.path)) return false;
      return compression.filter(req, res);
    },
  });
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
