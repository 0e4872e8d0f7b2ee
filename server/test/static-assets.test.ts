import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConfiguredServer } from '../reliability/support/server';
import { ApiClient } from './support/api-client';
import type { TestServer } from './support/test-server';

// How the built console and the API's answers travel (issue 19): the build's .br and .gz siblings
// chosen by Accept-Encoding, a year's immutable cache for hashed assets, no-cache for index.html,
// compressed JSON lists, no source maps, and a robots.txt that keeps crawlers out.
// The client build is laid out here as Vite writes it (vite.config.ts, vite-plugin-compression2:
// brotli and gzip beside each asset, a hidden .map) so the API suite needs no 35-second build.

let server: TestServer;
let agent: ApiClient;
let dist: string;
const ASSET = '/assets/index-DRkD2kkT.js';
const SCRIPT = `console.log(${JSON.stringify('closure desk '.repeat(400))});\n`;

interface Raw { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** One GET with exactly these headers; the body as it crossed the wire (not decoded). */
function get(urlPath: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http.get(server.url + urlPath, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-desk-dist-'));
  const index = `<!doctype html><title>Closure Desk</title><script type="module" src="${ASSET}"></script><div id="root"></div>`;
  fs.writeFileSync(path.join(dist, 'index.html'), index);
  fs.writeFileSync(path.join(dist, 'index.html.br'), zlib.brotliCompressSync(index));
  fs.writeFileSync(path.join(dist, 'index.html.gz'), zlib.gzipSync(index));
  fs.mkdirSync(path.join(dist, 'assets'));
  const asset = path.join(dist, ASSET);
  fs.writeFileSync(asset, SCRIPT);
  fs.writeFileSync(`${asset}.br`, zlib.brotliCompressSync(SCRIPT));
  fs.writeFileSync(`${asset}.gz`, zlib.gzipSync(SCRIPT));
  fs.writeFileSync(`${asset}.map`, '{"version":3,"sources":["src/App.tsx"],"mappings":""}');
  fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  server = await startConfiguredServer({ clientDist: dist }, { customers: 40, jobs: false });
  agent = await ApiClient.as(server.url, 'agent@demo.test');
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('the built console is sent compressed and cached by what it is', () => {
  it('when a browser that accepts brotli asks for a hashed asset, then it gets the build-time .br file, cached for a year as immutable', async () => {
    const res = await get(ASSET, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 10);
  });

  it('when a browser accepts gzip only, then it gets the .gz file; and one that accepts neither gets the plain file, with the same caching', async () => {
    const gz = await get(ASSET, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(SCRIPT);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await get(ASSET, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('when index.html is asked for by its name, by / or by a console route, then it must be revalidated (no-cache) every time', async () => {
    for (const p of ['/', '/index.html', '/closure-requests', '/closure-requests/12/show']) {
      const res = await get(p, { 'accept-encoding': 'br' });
      expect(res.status, p).toBe(200);
      expect(res.headers['content-type'], p).toMatch(/text\/html/);
      expect(res.headers['cache-control'], p).toBe('no-cache');
      expect(res.body.toString(), p).toContain('<div id="root">');
    }
  });

  it('when a file without a content hash is asked for, then it is cached for an hour only', async () => {
    const res = await get('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('when a source map is asked for, then the answer is 404 and none of its text', async () => {
    const res = await get(`${ASSET}.map`);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('mappings');
  });

  it('when a script is asked for, then it carries the headers a script is governed by and not the page-only ones, which index.html keeps', async () => {
    const script = await get(ASSET, { 'accept-encoding': 'br' });
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect(script.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(script.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(script.headers['referrer-policy']).toBe('no-referrer');
    for (const pageOnly of ['content-security-policy', 'x-frame-options', 'cross-origin-opener-policy', 'permissions-policy']) {
      expect(script.headers[pageOnly]).toBeUndefined();
    }
    const page = await get('/index.html');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['permissions-policy']).toMatch(/camera=\(\)/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    // a file outside /assets/*.js|css (an SVG can be opened as a page) keeps every header
    const icon = await get('/favicon.svg');
    expect(icon.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  it('when /robots.txt is asked for, then every crawler is told to stay out (not the console page)', async () => {
    const res = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body.toString()).toBe('User-agent: *\nDisallow: /\n');
  });
});

describe('the API answers compressed and never cached', () => {
  it('when a signed-in agent lists requests accepting br or gzip, then the JSON list is compressed, no-store, and decodes to the same rows', async () => {
    const headers = { cookie: agent.cookie!, accept: 'application/json' };
    const plain = await get('/api/closure-requests?range=[0,24]', { ...headers, 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const rows = JSON.parse(plain.body.toString());
    expect(rows).toHaveLength(25);

    const br = await get('/api/closure-requests?range=[0,24]', { ...headers, 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('no-store');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['content-range']).toBe(plain.headers['content-range']);
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString())).toEqual(rows);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);

    const gz = await get('/api/closure-requests?range=[0,24]', { ...headers, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.body).toString())).toEqual(rows);
  });

  it('when an answer is under 1 KiB, then it goes out as it is', async () => {
    const res = await get('/api/health', { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString())).toEqual({ status: 'ok' });
  });

  it('when an auditor downloads an export accepting gzip, then the stream goes uncompressed, as it is counted', async () => {
    const auditor = await ApiClient.as(server.url, 'auditor@demo.test');
    const res = await get('/api/audit-events/export?format=csv', { cookie: auditor.cookie!, 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    const csv = res.body.toString();
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.trim().split('\n').length).toBeGreaterThan(10);
  });
});
