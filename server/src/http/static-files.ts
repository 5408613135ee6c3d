import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** Files that must be re-validated on every load so a new release reaches everyone. */
const ALWAYS_REVALIDATE = new Set(['/index.html', '/sw.js', '/manifest.webmanifest', '/registerSW.js']);
/** Vite names built assets `name-<hash>.ext` under /assets: their content never changes. */
const HASHED = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export function cacheControlFor(urlPath: string): string {
  if (ALWAYS_REVALIDATE.has(urlPath)) return 'no-cache';
  if (HASHED.test(urlPath)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

/**
 * Serves the built PWA. Unknown paths without a file extension get index.html (the app
 * routes on the client); unknown files are 404. Never serves anything outside `root`.
 */
export function createStaticHandler(rootDir: string) {
  const root = resolve(rootDir);

  async function fileAt(urlPath: string): Promise<{ path: string; stats: Stats } | null> {
    const path = join(root, normalize(urlPath));
    if (path !== root && !path.startsWith(root + sep)) return null;
    try {
      const stats = await stat(path);
      return stats.isFile() ? { path, stats } : null;
    } catch {
      return null;
    }
  }

  /** Returns false when nothing was sent (so the caller answers 404). */
  return async function serveStatic(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
  ): Promise<boolean> {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    if (urlPath.includes('\0')) return false;
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    let file = await fileAt(urlPath);
    if (!file && extname(urlPath) === '') {
      urlPath = '/index.html';
      file = await fileAt(urlPath);
    }
    if (!file) return false;

    const etag = `W/"${file.stats.size.toString(16)}-${Math.floor(file.stats.mtimeMs).toString(16)}"`;
    res.setHeader('Content-Type', TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', cacheControlFor(urlPath));
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304).end();
      return true;
    }
    res.setHeader('Content-Length', file.stats.size);
    res.writeHead(200);
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise<void>((done) => {
      const stream = createReadStream(file.path);
      stream.on('error', () => {
        res.destroy();
        done();
      });
      stream.on('end', done);
      stream.pipe(res);
    });
    return true;
  };
}
