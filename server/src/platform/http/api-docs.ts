import fs from 'node:fs';
import { createRequire } from 'node:module';
import express, { type RequestHandler } from 'express';

const require = createRequire(import.meta.url);

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Closure Desk API</title>
</head>
<body>
<div id="redoc"></div>
<script src="/api/docs/redoc.standalone.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// External, not inline: the CSP allows scripts from our own origin only.
const INIT = `Redoc.init('/api/openapi.json', { hideDownloadButton: false, expandResponses: '200,201' }, document.getElementById('redoc'));\n`;

/**
 * GET /api/docs: the OpenAPI document rendered by Redoc, whose standalone bundle (the `redoc`
 * package) is served from our own origin, under the same CSP as the console: no CDN, no inline script.
 */
export function apiDocsPage(): RequestHandler {
  // The bundle's one outside address, its footer logo (cdn.redoc.ly), becomes an empty image: nothing
  // is fetched from another origin (the CSP would block it and report a violation).
  let bundle: string | undefined;
  const readBundle = () => (bundle ??= fs.readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'), 'utf8')
    .replaceAll('https://cdn.redoc.ly/redoc/logo-mini.svg', 'data:image/gif;base64,R0lGODlhAQABAAAAACw='));
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.type('html').setHeader('Cache-Control', 'no-cache');
    res.send(PAGE);
  });
  router.get('/init.js', (_req, res) => {
    res.type('application/javascript').setHeader('Cache-Control', 'no-cache');
    res.send(INIT);
  });
  router.get('/redoc.standalone.js', (_req, res) => {
    res.type('application/javascript').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(readBundle());
  });
  return router;
}
