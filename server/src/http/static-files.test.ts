import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSecurityHeaders } from './security-headers.ts';
import { createStaticHandler } from './static-files.ts';

describe('static files', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stockroom-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Stockroom</title>');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dir, 'assets', 'index-BxY7_a9Q.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'zxing_reader-Cq3pW1zz.wasm'), Buffer.from([0, 97, 115, 109]));
    writeFileSync(join(tmpdir(), 'outside-static.txt'), 'secret');
    const serve = createStaticHandler(dir);
    server = createServer(async (req, res) => {
      setSecurityHeaders(res);
      const url = new URL(req.url ?? '/', 'http://x');
      if (!(await serve(req, res, url.pathname))) res.writeHead(404).end('none');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html without caching, with the security headers', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const part of [
      "default-src 'self'",
      "'wasm-unsafe-eval'",
      "connect-src 'self' ws: wss:",
      "worker-src 'self' blob:",
    ]) {
      expect(csp).toContain(part);
    }
  });

  it('falls back to index.html for app routes (SPA)', async () => {
    const res = await fetch(`${base}/items/BOLT-1`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Stockroom</title>');
  });

  it('never caches the service worker; caches hashed assets for good', async () => {
    expect((await fetch(`${base}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${base}/assets/index-BxY7_a9Q.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    const wasm = await fetch(`${base}/assets/zxing_reader-Cq3pW1zz.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
  });

  it('answers 304 to a matching ETag', async () => {
    const first = await fetch(`${base}/sw.js`);
    const again = await fetch(`${base}/sw.js`, {
      headers: { 'If-None-Match': first.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('404 for missing files with an extension, and nothing outside the directory', async () => {
    expect((await fetch(`${base}/assets/missing-12345678.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2Foutside-static.txt`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/outside-static.txt`)).status).toBe(404);
  });
});
