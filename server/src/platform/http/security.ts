import { isIP } from 'node:net';
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';
import { AppError } from '../errors';

/**
 * The console's content security policy. Everything comes from our own origin; React-Admin's
 * MUI styles are injected by emotion as <style> elements at run time (and index.html has one
 * inline <style>), so styles need 'unsafe-inline'. Scripts do not: no inline script, no eval.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  manifestSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  frameSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** The built console's scripts and styles: never shown as a page (served with their own type and nosniff). */
const SCRIPT_OR_STYLE = /^\/assets\/[^/]+\.(?:js|css)$/;

/**
 * Security headers on every answer (helmet): the CSP above, no framing, no MIME sniffing, no
 * referrer, same-origin resource policy, and HSTS (browsers honour it only over HTTPS).
 * `upgrade-insecure-requests` is left out so a plain-HTTP install on a LAN keeps working.
 *
 * The built scripts and styles (/assets/*.js, *.css) get only the headers a script or a style
 * sheet is governed by: nosniff, the resource policy, HSTS and the referrer policy (a style
 * sheet's url() requests follow it). The others (CSP, frame options, opener policy, permissions
 * policy...) apply to documents and workers, and the console starts no worker; on HTTP/1.1 they
 * cost ~640 bytes on each of the 60-odd files the list page loads (issue 19, docs/PERFORMANCE.md).
 */
export function securityHeaders(): RequestHandler[] {
  const hsts = { maxAge: 180 * 86_400, includeSubDomains: false };
  const referrerPolicy = { policy: 'no-referrer' as const };
  const forDocuments = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    strictTransportSecurity: hsts,
    xFrameOptions: { action: 'deny' },
    referrerPolicy,
  });
  const forScriptsAndStyles = helmet({
    contentSecurityPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    strictTransportSecurity: hsts,
    referrerPolicy,
  });
  return [
    (req, res, next) => {
      if (SCRIPT_OR_STYLE.test(req.path)) return forScriptsAndStyles(req, res, next);
      res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
      return forDocuments(req, res, next);
    },
  ];
}

/**
 * The caller's address for the audit trail and the sign-in throttle: Express's req.ip (which,
 * behind the trusted proxy, comes from X-Forwarded-For) only when it is an IP address; anything
 * else a client put in that header falls back to the connection's own address.
 */
export function clientAddress(req: Request): string | null {
  const ip = req.ip;
  if (ip && isIP(ip)) return ip;
  return req.socket.remoteAddress ?? null;
}

// NUL and unpaired UTF-16 surrogates cannot be stored faithfully: SQLite turns a lone surrogate
// into U+FFFD and PostgreSQL's escaping turns NUL into a backslash and a zero, so the stored text
// differs from the text the audit event was hashed over (the chain then fails to verify), and
// from what the caller was told was saved. They are refused at the door instead.
// NUL is exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (key or value) in a parsed body or query holding unsafe text, or null. */
export function findUnsafeText(value: unknown, root = 'body'): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (UNSAFE_TEXT.test(v)) return path;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (UNSAFE_TEXT.test(k)) return `${path}.<key>`;
        stack.push([child, `${path}.${k}`]);
      }
    }
  }
  return null;
}

/** How deep a JSON body (or a JSON query value) may nest: our deepest schema is 3 levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * True when value nests deeper than max (the root object or array is level 1). Iterative, so a
 * body nested 100,000 deep costs a loop, not the stack; a body of 1 MB has at most 1M nodes.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * 400 validation_failed for a JSON body or JSON query value nested deeper than MAX_JSON_DEPTH,
 * right after the body is parsed and before anything (validation, the idempotency hash, the audit
 * masking) walks it: those walks recurse, and 5,000 levels ran them out of stack.
 */
export function rejectDeepJson(): RequestHandler {
  return (req, _res, next) => {
    const where = nestsDeeperThan(req.body, MAX_JSON_DEPTH) ? 'body' : nestsDeeperThan(queryValues(req.query), MAX_JSON_DEPTH + 2) ? 'query' : null;
    if (!where) return next();
    const message = `JSON must not nest more than ${MAX_JSON_DEPTH} levels deep`;
    next(new AppError('validation_failed', `${where}: ${message}`, [{ path: where === 'body' ? '' : 'query', message }]));
  };
}

/** Query values as the list endpoints will read them: `filter`, `sort` and `range` are JSON. */
function queryValues(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(Object.entries(query).map(([k, v]) => {
    if (typeof v !== 'string' || !/^\s*[[{"]/.test(v)) return [k, v];
    try {
      return [k, [v, JSON.parse(v)]];
    } catch {
      return [k, v];
    }
  }));
}

/** The decoded path (route parameters are decoded from it); undefined when it does not decode. */
function decodedPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined; // Express answers 400 for it
  }
}

/**
 * 400 validation_failed for a JSON body, query string or path carrying NUL or an unpaired
 * surrogate. (Besides the audit chain: SQLite cuts an SQL text at a NUL, so one in a value the
 * query is built from ends as a 500.)
 */
export function rejectUnsafeText(): RequestHandler {
  return (req, _res, next) => {
    const where = findUnsafeText(req.body) ?? findUnsafeText(queryValues(req.query), 'query') ?? findUnsafeText(decodedPath(req.path), 'path');
    if (!where) return next();
    const message = 'Text must not contain NUL characters or unpaired UTF-16 surrogates';
    next(new AppError('validation_failed', `${where}: ${message}`, [{ path: where.replace(/^body\.?/, ''), message }]));
  };
}
