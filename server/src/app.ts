import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLOSE } from '@stockroom/shared/sync/protocol';
import { createApiDispatcher, sendJson } from './api/dispatcher.ts';
import { apiRoutes } from './api/routes.ts';
import type { Services } from './api/services.ts';
import { AuditLog } from './audit/audit-log.ts';
import { RoomAudit } from './audit/room-audit.ts';
import { bootstrapAdmin } from './auth/bootstrap-admin.ts';
import { LoginLimiter, loginLimitsOf } from './auth/login-limiter.ts';
import { PasswordQueue } from './auth/password-queue.ts';
import { SessionStore } from './auth/sessions.ts';
import { UserStore } from './auth/users.ts';
import type { Config } from './config.ts';
import { type Db, openDatabase } from './db/database.ts';
import { setSecurityHeaders } from './http/security-headers.ts';
import { createStaticHandler } from './http/static-files.ts';
import { LedgerService } from './ledger/ledger-service.ts';
import type { Logger } from './log.ts';
import { LotIndex } from './lots/lot-index.ts';
import { PreventiveSchedules } from './maintenance/preventive-schedules.ts';
import { WorkOrderNumbers } from './maintenance/work-order-numbers.ts';
import { handleMetrics } from './metrics/metrics-endpoint.ts';
import { ServerMetrics } from './metrics/server-metrics.ts';
import { OrderNumbers } from './purchasing/order-numbers.ts';
import { PeriodStatsService } from './reports/period-stats-service.ts';
import { ExpectedSnapshotTaker } from './stocktake/expected-snapshots.ts';
import { stocktakeRoomPolicy, watchStocktakeAccess } from './stocktake/stocktake-access.ts';
import { CommitQueue } from './storage/commit-queue.ts';
import { InstrumentedUpdateStore } from './storage/instrumented-update-store.ts';
import { SqliteUpdateStore } from './storage/sqlite-update-store.ts';
import { SqliteClientOwners } from './sync/client-owners.ts';
import { roomExistence } from './sync/room-existence.ts';
import { RoomRegistry } from './sync/room-registry.ts';
import { rulesFor } from './sync/room-rules.ts';
import { SyncServer } from './sync/sync-server.ts';
import { WriteGuard } from './sync/write-guard.ts';
import { trainingFor } from './training/training-service.ts';

export const VERSION = '0.1.0';

export interface StockroomServer {
  readonly http: Server;
  readonly rooms: RoomRegistry;
  readonly sync: SyncServer;
  listen(): Promise<AddressInfo>;
  /** Stops accepting, closes sockets (1001), flushes every room, closes the database. */
  close(): Promise<void>;
}

/** Wires the parts together: database, stores, rooms, sync, API, static files. */
export async function createStockroomServer(config: Config, log: Logger): Promise<StockroomServer> {
  const db: Db = openDatabase(config.DATA_DIR);
  const metrics = new ServerMetrics();
  const store = new InstrumentedUpdateStore(new SqliteUpdateStore(db), metrics);
  const users = new UserStore(db);
  const sessions = new SessionStore(db, users, Date.now, {
    accessTtlMs: config.ACCESS_TOKEN_TTL_MS,
    refreshTtlMs: config.REFRESH_TOKEN_TTL_MS,
  });
  const audit = new AuditLog(db);
  await bootstrapAdmin({ users, audit, dataDir: config.DATA_DIR, adminPassword: config.ADMIN_PASSWORD, log });

  // Client updates arriving together share one commit (one fsync); see Room and CommitQueue.
  const commits = new CommitQueue(store);
  const rooms = new RoomRegistry({
    store,
    log: log.child({ part: 'rooms' }),
    idleMs: config.ROOM_IDLE_MS,
    commits,
  });
  // Changes made on devices arrive through sync: audited there, attributed to the connection.
  const roomAudit = new RoomAudit(audit, { log: log.child({ part: 'audit' }), metrics });
  roomAudit.watch(rooms);
  const ledger = new LedgerService(rooms, store, log.child({ part: 'ledger' }));
  const snapshots = new ExpectedSnapshotTaker(rooms, ledger, log.child({ part: 'stocktake' }));
  const periodStats = new PeriodStatsService(rooms, ledger, log.child({ part: 'reports' }));
  const lots = new LotIndex(ledger, rooms);
  const workOrderNumbers = new WorkOrderNumbers(rooms, log.child({ part: 'maintenance' }));
  // Preventive schedules become work orders (parts reserved) on start, on changes, hourly.
  const preventive = new PreventiveSchedules({
    rooms,
    ledger,
    audit,
    numbers: workOrderNumbers,
    storedRooms: () => store.rooms(),
    log: log.child({ part: 'maintenance' }),
  });
  // Training requirements and records in memory before the first write is judged (training/).
  await trainingFor(rooms, () => store.rooms()).load();
  const sync = new SyncServer(rooms, sessions, log.child({ part: 'sync' }), {
    metrics,
    // What a connection may write inside a room: the rules each concept declares in shared/.
    guard: new WriteGuard(rulesFor, new SqliteClientOwners(db), {
      maxStructsPerUpdate: config.SYNC_MAX_STRUCTS_PER_UPDATE,
      maxBytesPerHour: config.SYNC_MAX_BYTES_PER_HOUR,
      maxRoomBytes: config.SYNC_MAX_ROOM_BYTES,
    }),
    onRefused: (session, room, refused) =>
      audit.record({
        user: session.username,
        device: session.device,
        action: 'sync.refused',
        subject: `room:${room}`,
        details: { session: session.id, code: refused.code, reason: refused.reason },
      }),
    existence: roomExistence(store, rooms),
    limits: {
      maxMessageBytes: config.SYNC_MAX_MESSAGE_BYTES,
      ratePerSec: config.SYNC_RATE_PER_SEC,
      burst: config.SYNC_RATE_BURST,
      maxPerSession: config.SYNC_MAX_CONNECTIONS_PER_SESSION,
      maxPerUser: config.SYNC_MAX_CONNECTIONS_PER_USER,
      maxTotal: config.SYNC_MAX_CONNECTIONS,
    },
  });
  // Who may write a stocktake room depends on the room (assigned counters, status).
  sync.setPolicy(stocktakeRoomPolicy);
  watchStocktakeAccess(rooms, (room) => sync.refreshAccess(room));
  metrics.sources.connections = () => sync.connectionCount;
  metrics.sources.roomsLoaded = () => rooms.loadedNames().length;

  const services: Services = {
    users,
    sessions,
    audit,
    loginLimiter: new LoginLimiter(loginLimitsOf(config)),
    passwordChecks: new PasswordQueue({
      concurrency: config.LOGIN_CHECKS_CONCURRENT,
      maxWaiting: config.LOGIN_CHECKS_QUEUED,
    }),
    rooms,
    ledger,
    periodStats,
    lots,
    orderNumbers: new OrderNumbers(rooms, log.child({ part: 'purchasing' })),
    workOrderNumbers,
    preventive,
    revoke: {
      session: (id) => sync.closeSession(id, CLOSE.unauthorized, 'session ended'),
      user: (username) => sync.closeUser(username, CLOSE.unauthorized, 'access changed'),
    },
    connections: { ofSession: (id) => sync.connectionsOfSession(id) },
    storedRooms: () => store.rooms(),
    metrics,
    log: log.child({ part: 'api' }),
  };
  const api = createApiDispatcher(apiRoutes(VERSION), services, { maxBodyBytes: config.HTTP_MAX_BODY_BYTES });
  const serveStatic = createStaticHandler(config.STATIC_DIR);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendJson(res, 400, { error: 'invalid', message: 'bad request URL', fields: [] });
      return;
    }
    if (url.pathname === '/healthz') {
      sendJson(res, 200, { ok: true });
      return;
    }
    if (url.pathname === '/metrics') {
      handleMetrics(req, res, { metrics, sessions, metricsToken: config.METRICS_TOKEN });
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      await api.handle(req, res, url);
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/sync/')) {
      if (await serveStatic(req, res, url.pathname)) return;
    }
    sendJson(res, 404, { error: 'not_found', message: `nothing at ${url.pathname}`, fields: [] });
  }

  const http = createServer((req, res) => {
    res.once('finish', () => {
      metrics.httpRequests.inc({ code: `${Math.floor(res.statusCode / 100)}xx` });
      if (res.statusCode >= 500) metrics.error('http_5xx');
    });
    handle(req, res).catch((error) => {
      log.error('request failed', { path: req.url?.split('?')[0], error });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'internal error', fields: [] });
      else res.destroy();
    });
  });
  http.on('upgrade', (req, socket, head) => sync.handleUpgrade(req, socket, head));
  http.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  let closing: Promise<void> | null = null;
  return {
    http,
    rooms,
    sync,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.PORT, config.HOST, () => {
          http.off('error', reject);
          preventive.start();
          resolve(http.address() as AddressInfo);
        });
      }),
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        sync.close(CLOSE.goingAway, 'server shutting down');
        snapshots.close();
        preventive.close();
        periodStats.close();
        lots.close();
        ledger.close();
        rooms.closeAll(CLOSE.goingAway, 'server shutting down');
        commits.flush();
        roomAudit.close();
        http.closeIdleConnections();
        // In-flight API requests get a moment to finish; then the rest are cut.
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
        await Promise.race([stopped, timeout]);
        http.closeAllConnections();
        db.close();
      })();
      return closing;
    },
  };
}
