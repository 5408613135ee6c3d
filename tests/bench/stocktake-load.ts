/**
 * Issue 3 benchmark: 25 simulated counters (Node y-websocket clients, each its own Y.Doc +
 * StocktakeRoom) scanning 2 scans/s against the real bundled server, one manager client
 * watching the room; then one device syncing 5,000 scans queued while offline.
 * `STOCKTAKE_BENCH_SECONDS` shortens the load phase (default 60) for a smoke run.
 * Prints figures only; nothing here asserts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StocktakeRoom } from '@stockroom/shared/stocktake/stocktake-room';
import { stocktakeRoom } from '@stockroom/shared/sync/rooms';
import * as Y from 'yjs';
import { type ApiClient, loginAdmin, userWithRole } from '../integration/support/api-client.ts';
import { REPO_ROOT, ServerProcess } from '../integration/support/server-process.ts';
import { connect, type SyncClient } from '../integration/support/sync-client.ts';
import { waitFor } from '../integration/support/wait.ts';
import { mb, ms, percentile, table } from './measure.ts';

const COUNTERS = 25;
const SCANS_PER_SECOND = 2;
const OFFLINE_SCANS = 5_000;
const SKUS = 50;

/** CPU seconds (user + system) and resident memory of a Linux process, from /proc. */
function processStats(pid: number): { cpuSeconds: number; rssBytes: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / clockTicks(), rssBytes: rssKb * 1024 };
}

let ticksPerSecond: number | null = null;
function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function ensureBundle(): void {
  if (existsSync(join(REPO_ROOT, 'server/dist/main.js')) && !process.env.STOCKTAKE_BENCH_REBUILD) return;
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

async function setUp(server: ServerProcess) {
  const admin = await loginAdmin(server);
  const must = async (p: Promise<{ status: number; body: unknown }>) => {
    const res = await p;
    if (res.status >= 300) throw new Error(`bench setup: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  await must(admin.post('/api/locations', { code: 'WH', kind: 'site' }));
  const bins = Array.from({ length: COUNTERS }, (_, i) => `BIN-${String(i + 1).padStart(2, '0')}`);
  for (const code of bins) await must(admin.post('/api/locations', { code, kind: 'bin', parent: 'WH' }));
  const skus = Array.from({ length: SKUS }, (_, i) => `SKU-${String(i + 1).padStart(3, '0')}`);
  for (const sku of skus) await must(admin.post('/api/items', { sku, name: `Item ${sku}`, unitCost: 1 }));
  const counters: ApiClient[] = [];
  for (let i = 0; i < COUNTERS; i++)
    counters.push(await userWithRole(server, admin, `counter${i + 1}`, 'counter'));
  const manager = await userWithRole(server, admin, 'manager', 'manager');
  const { id } = await must(
    manager.post('/api/stocktakes', {
      name: 'Load',
      locations: bins,
      counters: counters.map((_, i) => `counter${i + 1}`),
    }),
  );
  await must(manager.post(`/api/stocktakes/${id}/start`));
  return { id, bins, skus, counters, manager };
}

interface Counter {
  user: string;
  client: SyncClient;
  room: StocktakeRoom;
  bin: string;
  scans: number;
  failures: number;
}

export async function run(): Promise<string> {
  const seconds = Number(process.env.STOCKTAKE_BENCH_SECONDS ?? 60);
  // Every y-websocket provider adds a process 'exit' listener; 27 of them are expected here.
  process.setMaxListeners(Math.max(process.getMaxListeners(), COUNTERS + 20));
  ensureBundle();
  const server = await ServerProcess.start({ bundled: true, env: { LOG_LEVEL: 'warn' } });
  const openClients: SyncClient[] = [];
  try {
    const { id, bins, skus, counters, manager } = await setUp(server);
    const room = stocktakeRoom(id);

    // The manager watches the room: latency = arrival here − send time on the counter.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const managerClient = await connect(server.wsUrl, room, manager.token!);
    openClients.push(managerClient);
    const managerRoom = new StocktakeRoom(managerClient.doc, id);
    managerRoom.entries.onChange((added) => {
      const now = performance.now();
      for (const e of added) {
        const t = sentAt.get(e.id);
        if (t !== undefined) latencies.push(now - t);
      }
    });

    const team: Counter[] = [];
    for (const [i, api] of counters.entries()) {
      const client = await connect(server.wsUrl, room, api.token!);
      openClients.push(client);
      team.push({
        user: `counter${i + 1}`,
        client,
        room: new StocktakeRoom(client.doc, id),
        bin: bins[i]!,
        scans: 0,
        failures: 0,
      });
    }
    const baseline = Y.encodeStateAsUpdate(managerClient.doc).byteLength;

    // ── load: 25 counters × 2 scans/s ────────────────────────────────────────────────
    const pid = server.pid!;
    const cpuBefore = processStats(pid);
    const cpuWallStart = performance.now();
    let rssPeak = cpuBefore.rssBytes;
    const rssTimer = setInterval(() => {
      rssPeak = Math.max(rssPeak, processStats(pid).rssBytes);
    }, 1000);
    const period = 1000 / SCANS_PER_SECOND;
    const timers: NodeJS.Timeout[] = [];
    const scan = (c: Counter) => {
      const actor = { user: c.user, device: `${c.user}-phone` };
      const sku = skus[Math.floor(Math.random() * skus.length)]!;
      const t = performance.now();
      const r = c.room.count({ location: c.bin, sku }, { actor, ...(c.scans === 0 ? { expected: [] } : {}) });
      if (r.ok) {
        sentAt.set(r.value.entry.id, t);
        c.scans++;
      } else c.failures++;
    };
    await new Promise<void>((resolve) => {
      for (const c of team) {
        // Staggered, so the scans do not all land in the same millisecond.
        const phase = Math.random() * period;
        timers.push(
          setTimeout(() => {
            scan(c);
            timers.push(setInterval(() => scan(c), period));
          }, phase),
        );
      }
      setTimeout(resolve, seconds * 1000);
    });
    for (const t of timers) clearInterval(t);
    const sent = team.reduce((s, c) => s + c.scans, 0);
    await waitFor(() => latencies.length >= sent, 'the manager to receive every scan', 30_000);
    await Promise.all(team.map((c) => c.client.waitSaved(30_000)));
    const cpuAfter = processStats(pid);
    const cpuWall = (performance.now() - cpuWallStart) / 1000;
    clearInterval(rssTimer);
    const cpuPercent = ((cpuAfter.cpuSeconds - cpuBefore.cpuSeconds) / cpuWall) * 100;
    const roomBytes = Y.encodeStateAsUpdate(managerClient.doc).byteLength;
    const bytesPerScan = (roomBytes - baseline) / sent;
    const summaryStart = performance.now();
    const summary = managerRoom.summary();
    const summaryMs = performance.now() - summaryStart;
    const countedTotal = summary.lines.reduce((s, l) => s + l.counted, 0);
    for (const c of team) c.client.destroy();

    // ── offline: one device queues 5,000 scans, then reconnects ───────────────────────
    const offlineUser = counters[0]!;
    const offline = await connect(server.wsUrl, room, offlineUser.token!);
    openClients.push(offline);
    offline.provider.disconnect();
    const offlineRoom = new StocktakeRoom(offline.doc, id);
    const actor = { user: 'counter1', device: 'offline-phone' };
    for (let i = 0; i < OFFLINE_SCANS; i++) {
      const r = offlineRoom.count({ location: bins[0]!, sku: skus[i % skus.length]! }, { actor });
      if (!r.ok) throw new Error(`offline scan refused: ${r.message}`);
    }
    const queuedBytes = Y.encodeStateAsUpdate(offline.doc, Y.encodeStateVector(managerClient.doc)).byteLength;
    const before = managerRoom.entries.size;
    const reconnectAt = performance.now();
    offline.provider.connect();
    await offline.waitSaved(60_000);
    const savedMs = performance.now() - reconnectAt;
    await waitFor(
      () => managerRoom.entries.size >= before + OFFLINE_SCANS,
      'the manager to see them',
      60_000,
    );
    const visibleMs = performance.now() - reconnectAt;
    const serverAfter = processStats(pid);

    const p = (q: number) => percentile(latencies, q);
    const rows: (string | number)[][] = [
      [
        `scans sent (${COUNTERS} counters × ${SCANS_PER_SECOND}/s × ${seconds} s)`,
        `${sent.toLocaleString('en')} (${team.reduce((s, c) => s + c.failures, 0)} refused)`,
        '',
      ],
      [
        'scans seen by the manager / counted in its summary',
        `${latencies.length} / ${countedTotal}`,
        `= ${sent}`,
      ],
      ['scan → manager latency p50', ms(p(50)), ''],
      ['scan → manager latency p95', ms(p(95)), '< 150 ms'],
      ['scan → manager latency p99', ms(p(99)), ''],
      ['scan → manager latency max', ms(Math.max(...latencies)), ''],
      ['server CPU during the load (one core = 100 %)', `${cpuPercent.toFixed(1)} %`, ''],
      [
        'server RSS: before / peak during load / after the offline sync',
        `${mb(cpuBefore.rssBytes)} / ${mb(rssPeak)} / ${mb(serverAfter.rssBytes)}`,
        '',
      ],
      ['encoded room growth per scan', `${bytesPerScan.toFixed(1)} B`, '< 60 B'],
      ['room size after the load', mb(roomBytes), ''],
      [`manager summary of ${sent.toLocaleString('en')} scans (one fold)`, ms(summaryMs), ''],
      [
        `offline device: ${OFFLINE_SCANS.toLocaleString('en')} queued scans, update size`,
        mb(queuedBytes),
        '',
      ],
      [
        `offline device: reconnect → server's saved ack covers all ${OFFLINE_SCANS.toLocaleString('en')}`,
        ms(savedMs),
        '< 2 s',
      ],
      ['offline device: reconnect → all visible to the manager', ms(visibleMs), ''],
    ];
    return [
      '## Stocktake load (issue 3)',
      '',
      `Real bundled server (server/dist/main.js, SQLite, LOG_LEVEL=warn) on loopback; ${COUNTERS} counters as Node ` +
        'y-websocket clients (own Y.Doc + StocktakeRoom, durability acks) and one manager client, all in one ' +
        'benchmark process sharing the machine with the server. Latency: send time on the counter to arrival in ' +
        "the manager's StocktakeRoom (same clock).",
      '',
      table(['Measure', 'Value', 'Target'], rows),
    ].join('\n');
  } finally {
    for (const c of openClients) c.destroy();
    await server.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await run());
}
