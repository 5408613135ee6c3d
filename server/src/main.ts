import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createStockroomServer } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';

/**
 * Entry point: `node --import tsx server/src/main.ts`, or bundled as `server/dist/main.js`.
 * SIGTERM/SIGINT: stop accepting, close sockets (1001), flush every room, close the
 * database, exit 0.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  const log = createLogger(config.LOG_LEVEL);
  if (!existsSync(join(config.STATIC_DIR, 'index.html'))) {
    log.warn('no built app to serve (run `pnpm run build`); the API and sync still work', {
      staticDir: config.STATIC_DIR,
    });
  }
  const server = await createStockroomServer(config, log);
  const address = await server.listen();
  log.info('listening', {
    host: address.address,
    port: address.port,
    dataDir: config.DATA_DIR,
    staticDir: config.STATIC_DIR,
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    server.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error) => {
        log.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  console.error('stockroom server failed to start:', error);
  process.exit(1);
});
