import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const CLIENT = join(REPO, 'client');
export const HARNESS_DIR = join(REPO, '.tmp', 'scanning-harness');
export const SCANNER_PAGE = '/src/scanning/dev/scanner-harness.html';
export const BENCH_PAGE = '/src/scanning/dev/decoder-bench.html';
export const SETTINGS_PAGE = '/src/scanning/dev/settings-harness.html';

/**
 * Production build of the scanning harness pages (camera scanner, decoder benchmark, settings)
 * with the app's own Vite config: the same worker bundling and the same self-hosted .wasm as the
 * app. Each caller may build into its own directory, so parallel runs never share one.
 */
export async function buildScanningHarness(outDir: string = HARNESS_DIR): Promise<string> {
  const { build } = await import('vite');
  await build({
    configFile: join(REPO, 'vite.config.ts'),
    root: CLIENT,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: {
          scanner: join(CLIENT, SCANNER_PAGE),
          bench: join(CLIENT, BENCH_PAGE),
          settings: join(CLIENT, SETTINGS_PAGE),
        },
      },
    },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

export interface HarnessServer {
  origin: string;
  /** Every URL the page asked this server for. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves the built harness, plus raw frames under /frames/<name>, on 127.0.0.1 at a free port. */
export async function serveHarness(
  dir: string = HARNESS_DIR,
  frames: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<HarnessServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    if (url.pathname.startsWith('/frames/')) {
      const frame = frames.get(decodeURIComponent(url.pathname.slice('/frames/'.length)));
      if (!frame) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': frame.byteLength });
      res.end(frame);
      return;
    }
    const path = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(dir) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
