/**
 * Issue 4: our sync server (bundled, with authentication, limits, the write rules checked on
 * every update (issue 8) and durable persistence: every update committed to SQLite with
 * synchronous=FULL before it is broadcast and acknowledged) against a bare in-memory
 * y-websocket relay, same load, same run. The load is scans (count entries) in a stocktake room.
 *
 * - throughput and latency: 20 writers + 5 readers in one room, each writer a fixed rate;
 * - memory per idle connection: 500 authenticated idle connections, RSS delta / 500;
 * - restart and reload of a large database (built directly with the store code).
 *
 * Prints figures only. Env: BENCH_DB_MB (default 1024), BENCH_DB_BUDGET_S (default 240).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { periodOf } from '@stockroom/shared/ledger/period';
import type { StockLine } from '@stockroom/shared/ledger/stock';
import { CATALOG_ROOM, ledgerRoom, STOCKTAKES_ROOM, stocktakeRoom } from '@stockroom/shared/sync/rooms';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep2, writeSyncStep1 } from 'y-protocols/sync';
import * as Y from 'yjs';
import { openDatabase } from '../../server/src/db/database.ts';
import { SqliteUpdateStore } from '../../server/src/storage/sqlite-update-store.ts';
import { ApiClient, login, loginAdmin } from '../integration/support/api-client.ts';
import { putCount, writer } from '../integration/support/entries.ts';
import { freePort, REPO_ROOT, ServerProcess } from '../integration/support/server-process.ts';
import { SyncClient } from '../integration/support/sync-client.ts';
import { waitFor } from '../integration/support/wait.ts';
import { NodeWebSocket, type RawSocket } from '../integration/support/ws.ts';
import { binCode, buildCatalog, rng, sku } from './fixtures.ts';
import { mb, percentile, table } from './measure.ts';

const WRITERS = 20;
const READERS = 5;
/** Updates per second per writer: one steady load, one that saturates this 2-core machine. */
const RATES = [40, 150];
const UPDATES_PER_WRITER = Number(process.env.BENCH_UPDATES_PER_WRITER ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const IDLE_CONNECTIONS = 500;
/** Writers log in as the bootstrap admin on the support's device. */
const ADMIN = writer('admin');

interface Target {
  name: string;
  /** Base for rooms: `${wsBase}/${room}`. */
  wsBase: string;
  token: string;
  pid: number;
  stop(): Promise<void>;
}

// ── the two servers ─────────────────────────────────────────────────────────────────

async function startOurs(env: Record<string, string> = {}): Promise<Target & { server: ServerProcess }> {
  const server = await ServerProcess.start({ bundled: true, env: { LOG_LEVEL: 'warn', ...env } });
  const admin = await loginAdmin(server);
  return {
    name: 'our server',
    wsBase: server.wsUrl,
    token: admin.token!,
    pid: server.pid!,
    server,
    stop: () => server.cleanup(),
  };
}

async function startRelay(): Promise<Target> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/bench/support/bare-relay.ts', String(port)],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`relay exited ${code}`)));
  });
  return {
    name: 'bare relay',
    wsBase: `ws://127.0.0.1:${port}/sync`,
    token: 'none',
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0; // the process is gone
  }
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100/s)
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ── throughput and latency ──────────────────────────────────────────────────────────

interface LoadResult {
  throughput: number;
  latencies: number[];
  delivered: number;
  expected: number;
  serverCpuS: number;
}

async function load(target: Target, room: string, rate: number): Promise<LoadResult> {
  // Every y-websocket provider in Node registers a process 'exit' handler.
  process.setMaxListeners(WRITERS + READERS + 10);
  const open = () => new SyncClient(target.wsBase, room, target.token, { maxBackoffTime: 500 });
  const writers = Array.from({ length: WRITERS }, open);
  const readers = Array.from({ length: READERS }, open);
  const all = [...writers, ...readers];
  await waitFor(() => all.every((c) => c.synced), 'every client synced', 30_000);
  const expected = WRITERS * UPDATES_PER_WRITER;
  const latencies: number[] = [];
  let delivered = 0;
  let lastReceive = 0;
  // Writers and readers share this process: a scan's send time is kept here, not in the document.
  const sentAt = new Map<string, number>();
  for (const r of readers) {
    const map = r.doc.getMap('e');
    map.observe((e) => {
      const now = performance.now();
      for (const key of e.keysChanged) {
        latencies.push(now - sentAt.get(key)!);
        delivered++;
      }
      lastReceive = now;
    });
  }
  const cpuBefore = cpuSeconds(target.pid);
  const start = performance.now();
  await Promise.all(
    writers.map(async (w, i) => {
      for (let n = 0; n < UPDATES_PER_WRITER; n++) {
        // Fixed schedule (no drift): update n is due at start + n / rate.
        const due = start + (n * 1000) / rate + (i * 1000) / rate / WRITERS;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        // A scan, as a counter's device writes it: checked against the room's write rules.
        sentAt.set(`${i}-${n}`, performance.now());
        putCount(w.doc, ADMIN, `${i}-${n}`);
      }
    }),
  );
  await waitFor(() => delivered >= expected * READERS, 'every update at every reader', 120_000).catch(
    () => {},
  );
  const serverCpuS = cpuSeconds(target.pid) - cpuBefore;
  for (const c of all) {
    c.destroy();
    // The provider leaves its Awareness (and its interval timer) to the doc.
    c.doc.destroy();
  }
  return {
    throughput: expected / ((lastReceive - start) / 1000),
    latencies,
    delivered: delivered / READERS,
    expected,
    serverCpuS,
  };
}

// ── memory per idle connection ──────────────────────────────────────────────────────

/** A raw socket that completes the sync handshake, then stays idle. */
function idleConnection(url: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const ws = new NodeWebSocket(url);
    ws.on('error', reject);
    ws.on('unexpected-response', (_q, res) =>
      reject(new Error(`refused ${res.statusCode}: ${url.split('?')[0]}`)),
    );
    ws.on('message', (data) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === messageYjsSyncStep2) resolve(ws);
    });
    ws.on('open', () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      writeSyncStep1(e, new Y.Doc());
      ws.send(encoding.toUint8Array(e));
    });
  });
}

/** Rooms that exist for every reader from the start (others are 404 until written). */
const IDLE_ROOMS = [CATALOG_ROOM, STOCKTAKES_ROOM, ledgerRoom(periodOf(new Date()))];

async function memoryPerConnection(target: Target, tokens: string[]): Promise<number> {
  const sockets: RawSocket[] = [];
  const url = (i: number) =>
    `${target.wsBase}/${IDLE_ROOMS[i % IDLE_ROOMS.length]}?token=${encodeURIComponent(tokens[i % tokens.length]!)}`;
  // Load every room first, so the delta is connections only.
  for (let i = 0; i < IDLE_ROOMS.length; i++) sockets.push(await idleConnection(url(i)));
  await sleep(1500);
  const before = rssBytes(target.pid);
  for (let i = IDLE_ROOMS.length; i < IDLE_CONNECTIONS + IDLE_ROOMS.length; i += 25) {
    const batch = Array.from({ length: 25 }, (_, k) => idleConnection(url(i + k)));
    sockets.push(...(await Promise.all(batch)));
  }
  await sleep(3000);
  const after = rssBytes(target.pid);
  for (const s of sockets) s.terminate();
  return (after - before) / IDLE_CONNECTIONS;
}

/** Sessions for 500 connections within the default limits (64 per device session, 128 per user). */
async function manyTokens(target: Target & { server: ServerProcess }): Promise<string[]> {
  const admin = await loginAdmin(target.server);
  const tokens: string[] = [];
  for (let u = 0; u < 5; u++) {
    const password = `bench-user-${u}-password`;
    await admin.post('/api/users', { username: `bench${u}`, password, role: 'viewer' });
    for (let s = 0; s < 2; s++)
      tokens.push((await login(target.server, `bench${u}`, password, `dev-${s}`)).token!);
  }
  return tokens;
}

// ── a large database: build, restart, reload every room ────────────────────────────

const MOVEMENTS_PER_ROOM = 50_000;
const TAIL_ROWS = 100;

function periodAt(i: number): string {
  const month = 2025 * 12 + 11 - i; // counting back from 2025-12
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** One ledger room as a live server leaves it: a compacted row + recent single-update rows. */
function ledgerRows(period: string, opening: StockLine[], basedOn: string | null, random: () => number) {
  const doc = new Y.Doc();
  const ledger = new LedgerPeriod(doc, period);
  const [y, m] = period.split('-').map(Number) as [number, number];
  const movement = (n: number): Movement => {
    const item = Math.floor(random() * 50_000);
    const base = {
      id: `${period}-${n.toString(36)}`,
      sku: sku(item),
      location: binCode(item % 2_000),
      user: `user${n % 12}`,
      device: `dev-${n % 30}`,
      at: new Date(Date.UTC(y, m - 1, 1 + (n % 27), 8, 0, n % 60)).toISOString(),
    };
    return random() < 0.5
      ? { ...base, type: 'receive', quantity: 1 + Math.floor(random() * 50), reference: `PO-${n % 500}` }
      : { ...base, type: 'issue', quantity: 1 + Math.floor(random() * 10), reference: `WO-${n % 900}` };
  };
  doc.transact(() => {
    ledger.setOpening({ period, basedOn, computedAt: `${period}-01T00:00:00.000Z`, lines: opening });
    for (let n = 0; n < MOVEMENTS_PER_ROOM - TAIL_ROWS; n++) ledger.movements.append(movement(n));
  });
  const rows = [Y.encodeStateAsUpdate(doc)];
  doc.on('update', (u: Uint8Array) => rows.push(u));
  for (let n = MOVEMENTS_PER_ROOM - TAIL_ROWS; n < MOVEMENTS_PER_ROOM; n++)
    ledger.movements.append(movement(n));
  const closing = ledger.stock().lines();
  ledger.destroy();
  doc.destroy();
  return { rows, closing };
}

/**
 * A 50k-item catalog and monthly ledger rooms of 50k movements each up to 2025-12, each
 * opening carried from the month before: as many rooms as reach `targetBytes`, fewer if
 * building them would take longer than `budgetMs` (one probe room sizes both).
 */
function buildDatabase(dir: string, targetBytes: number, budgetMs: number) {
  const start = performance.now();
  const probe = performance.now();
  const probeBytes = ledgerRows('2000-01', [], null, rng(9)).rows.reduce((n, r) => n + r.byteLength, 0);
  const perRoomMs = (performance.now() - probe) * 1.3; // + folding and inserting
  const count = Math.max(1, Math.min(Math.ceil(targetBytes / probeBytes), Math.floor(budgetMs / perRoomMs)));
  const db = openDatabase(dir);
  const store = new SqliteUpdateStore(db);
  const insertMany = db.transaction((room: string, rows: Uint8Array[]) => {
    for (const r of rows) store.append(room, r);
  });
  insertMany(CATALOG_ROOM, [Y.encodeStateAsUpdate(buildCatalog(50_000, 2_000))]);
  const random = rng(4);
  const size = () => statSync(join(dir, 'stockroom.db')).size + statSync(join(dir, 'stockroom.db-wal')).size;
  const periods: string[] = [];
  let opening: StockLine[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const period = periodAt(i);
    const room = ledgerRows(period, opening, periods.at(-1) ?? null, random);
    insertMany(ledgerRoom(period), room.rows);
    opening = room.closing;
    periods.push(period);
    if (performance.now() - start > budgetMs * 1.5 || size() >= targetBytes) break;
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { periods, bytes: statSync(join(dir, 'stockroom.db')).size, ms: performance.now() - start };
}

/** Opens a room with a raw socket and waits for the server's answer carrying its state. */
async function firstSync(url: string): Promise<void> {
  const ws = await idleConnection(url);
  ws.terminate();
}

async function restartAndReload(targetBytes: number, budgetMs: number) {
  const dir = mkdtempSync(join(os.tmpdir(), 'stockroom-bench-db-'));
  try {
    const built = buildDatabase(dir, targetBytes, budgetMs);
    const rooms = [CATALOG_ROOM, ...built.periods.slice().reverse().map(ledgerRoom)];
    const t0 = performance.now();
    const server = await ServerProcess.start({
      bundled: true,
      dataDir: dir,
      env: { LOG_LEVEL: 'warn', ROOM_IDLE_MS: '500' },
      startTimeoutMs: 300_000,
    });
    const healthyMs = performance.now() - t0;
    let peakRss = rssBytes(server.pid!);
    const sampler = setInterval(() => {
      if (server.pid) peakRss = Math.max(peakRss, rssBytes(server.pid));
    }, 100);
    try {
      const admin = await loginAdmin(server);
      const perRoom: number[] = [];
      const r0 = performance.now();
      for (const room of rooms) {
        const t = performance.now();
        await firstSync(`${server.wsUrl}/${room}?token=${encodeURIComponent(admin.token!)}`);
        perRoom.push(performance.now() - t);
      }
      const reloadMs = performance.now() - r0;
      clearInterval(sampler);
      // A crash and a restart: SQLite recovers the WAL, the server answers again.
      await server.kill('SIGKILL');
      const k0 = performance.now();
      await server.start();
      const afterKillMs = performance.now() - k0;
      const t1 = performance.now();
      const again = await new ApiClient(server.url).post('/api/auth/login', {
        username: 'admin',
        password: server.adminPassword,
      });
      await firstSync(`${server.wsUrl}/${CATALOG_ROOM}?token=${encodeURIComponent(again.body.token)}`);
      await firstSync(
        `${server.wsUrl}/${ledgerRoom(built.periods.at(-1)!)}?token=${encodeURIComponent(again.body.token)}`,
      );
      const firstRoomsMs = performance.now() - t1;
      return { built, rooms: rooms.length, healthyMs, reloadMs, perRoom, afterKillMs, firstRoomsMs, peakRss };
    } finally {
      clearInterval(sampler);
      await server.cleanup();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ── the report ──────────────────────────────────────────────────────────────────────

export async function run(): Promise<string> {
  // The bundle must hold the current sources (pnpm bench builds first; a direct run may not have).
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('building the server bundle failed');
  const out: string[] = ['## Sync server vs bare y-websocket relay', ''];
  const loadAvg = os.loadavg()[0]!.toFixed(2);

  const parts = new Set((process.env.BENCH_PARTS ?? 'load,memory,db').split(','));
  if (parts.has('load')) {
    const rows: (string | number)[][] = [];
    for (const rate of RATES) {
      const results: Record<string, LoadResult[]> = { 'our server': [], 'bare relay': [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const start of [startRelay, startOurs]) {
          const target = await start();
          try {
            results[target.name]!.push(await load(target, stocktakeRoom(`bench-${rate}-${round}`), rate));
          } finally {
            await target.stop();
          }
        }
      }
      const summary = (name: string) => {
        const rs = results[name]!;
        const all = rs.flatMap((r) => r.latencies);
        return {
          throughput: rs.reduce((s, r) => s + r.throughput, 0) / rs.length,
          p50: percentile(all, 50),
          p95: percentile(all, 95),
          complete: rs.every((r) => r.delivered >= r.expected),
          cpu: rs.reduce((s, r) => s + r.serverCpuS, 0) / rs.length,
        };
      };
      const ours = summary('our server');
      const relay = summary('bare relay');
      const offered = `${WRITERS * rate}/s offered`;
      rows.push(
        [
          `throughput, ${offered} (updates/s end-to-end)`,
          ours.throughput.toFixed(0),
          relay.throughput.toFixed(0),
          `${(ours.throughput / relay.throughput).toFixed(2)}×`,
          '≥ 0.8×',
        ],
        [
          `latency p50 / p95, ${offered} (write → reader)`,
          `${ours.p50.toFixed(1)} / ${ours.p95.toFixed(1)} ms`,
          `${relay.p50.toFixed(1)} / ${relay.p95.toFixed(1)} ms`,
          `${(ours.p95 / relay.p95).toFixed(2)}× (p95)`,
          '',
        ],
        [
          `server CPU per round, ${offered}`,
          `${ours.cpu.toFixed(1)} s`,
          `${relay.cpu.toFixed(1)} s`,
          `${(ours.cpu / relay.cpu).toFixed(2)}×`,
          '',
        ],
        [
          `every update delivered, ${offered}`,
          ours.complete ? 'yes' : 'NO',
          relay.complete ? 'yes' : 'NO',
          '',
          'yes',
        ],
      );
    }
    out.push(
      `Load: ${WRITERS} writers × ${UPDATES_PER_WRITER} updates each at a fixed rate + ${READERS} readers, one room; clients (stock y-websocket, ours with ack=1) in the bench process, each server in its own process; ${ROUNDS} rounds per server and rate, alternating; load average at start ${loadAvg} (other work shares these 2 cores). Throughput = updates ÷ (first send → last update at the last reader); latency = write on one client → seen at a reader.`,
      '',
      table(['metric', 'our server', 'bare relay', 'ratio', 'target'], rows),
      '',
    );
  }
  const memory: Record<string, number> = {};
  if (parts.has('memory')) {
    const target = await startRelay();
    try {
      memory[target.name] = await memoryPerConnection(target, ['none']);
    } finally {
      await target.stop();
    }
    const server = await startOurs();
    try {
      memory[server.name] = await memoryPerConnection(server, await manyTokens(server));
    } finally {
      await server.stop();
    }
    out.push(
      table(
        ['metric', 'our server', 'bare relay', 'target'],
        [
          [
            `memory per idle connection (${IDLE_CONNECTIONS} authenticated, synced, idle; RSS delta ÷ ${IDLE_CONNECTIONS})`,
            `${(memory['our server']! / 1024).toFixed(1)} KB`,
            `${(memory['bare relay']! / 1024).toFixed(1)} KB`,
            '< 100 KB',
          ],
        ],
      ),
      '',
    );
  }
  if (!parts.has('db')) return out.join('\n');
  const targetMb = Number(process.env.BENCH_DB_MB ?? 1024);
  const budgetS = Number(process.env.BENCH_DB_BUDGET_S ?? 240);
  const big = await restartAndReload(targetMb * 1024 * 1024, budgetS * 1000);
  const sorted = [...big.perRoom].sort((a, b) => a - b);
  out.push(
    `Database: ${mb(big.built.bytes)} (asked for ${targetMb} MB within ${budgetS} s of building; built in ${(big.built.ms / 1000).toFixed(0)} s): a 50k-item catalog and ${big.built.periods.length} monthly ledger rooms (${big.built.periods[0]} … ${big.built.periods.at(-1)}) of ${MOVEMENTS_PER_ROOM.toLocaleString('en')} movements each (one compacted row + ${TAIL_ROWS} recent rows), openings carried forward. Rooms unload after 0.5 s idle.`,
    '',
    table(
      ['metric', 'value', 'target'],
      [
        ['start → healthy (open DB, migrations)', `${big.healthyMs.toFixed(0)} ms`, ''],
        ['after SIGKILL: start → healthy (WAL recovery)', `${big.afterKillMs.toFixed(0)} ms`, ''],
        [
          'after SIGKILL: login + first sync of catalog and current ledger',
          `${big.firstRoomsMs.toFixed(0)} ms`,
          '',
        ],
        [
          `reload every room once (${big.rooms} rooms, one after another)`,
          `${(big.reloadMs / 1000).toFixed(1)} s`,
          '',
        ],
        [
          'per room first sync p50 / p95 / max',
          `${percentile(sorted, 50).toFixed(0)} / ${percentile(sorted, 95).toFixed(0)} / ${sorted.at(-1)!.toFixed(0)} ms`,
          '',
        ],
        ['server peak RSS during the reload', mb(big.peakRss), ''],
      ],
    ),
  );
  return out.join('\n');
}
