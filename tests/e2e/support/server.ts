import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, type ServerOptions, ServerProcess } from '../../integration/support/server-process.ts';

/**
 * The real server as the browser meets it: the esbuild bundle serving the production
 * build of the PWA (service worker included), with a fresh data directory unless told.
 */
export async function startAppServer(options: Omit<ServerOptions, 'bundled'> = {}): Promise<ServerProcess> {
  for (const file of ['server/dist/main.js', 'client/dist/index.html', 'client/dist/sw.js']) {
    if (!existsSync(join(REPO_ROOT, file)))
      throw new Error(`${file} is missing: build first (pnpm vite build && node scripts/build-server.mjs)`);
  }
  return ServerProcess.start({ ...options, bundled: true });
}
