// @vitest-environment node
import { LedgerPeriod } from '@stockroom/shared/ledger/ledger-period';
import type { Movement } from '@stockroom/shared/ledger/movement';
import { periodOf } from '@stockroom/shared/ledger/period';
import { ledgerRoom } from '@stockroom/shared/sync/rooms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prng } from '../support/prng.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { type ApiClient, login, loginAdmin } from './support/api-client.ts';
import { periodMonthsAgo, startOf } from './support/entries.ts';
import { queryDatabase } from './support/inspect-db.ts';
import { ServerProcess } from './support/server-process.ts';
import { connect, type SyncClient } from './support/sync-client.ts';
import { sleep, waitFor } from './support/wait.ts';

const SEED = Number(process.env.FAULT_SEED ?? 7);
/** Last month and this one (a writer may open periods from 400 days back to next month). */
const PERIODS = [periodMonthsAgo(1), periodOf(new Date())];
/** Three devices in the first period's room, two in the second (whose opening the server rewrites as the first changes). */
const DEVICES = [0, 0, 0, 1, 1];

interface Device {
  index: number;
  period: string;
  proxy: TcpProxy;
  client: SyncClient;
  ledger: LedgerPeriod;
  /** Every movement written, with the client clock that covers it. */
  written: { id: string; clock: number }[];
  /** Ids the server acknowledged as durably stored (at any moment). */
  acked: Set<string>;
}

function noteAcks(d: Device): void {
  const saved = d.client.saved.clockOf(d.client.doc.clientID);
  for (const w of d.written) if (w.clock <= saved) d.acked.add(w.id);
}

/** Movement ids in the room as stored on disk (the server is stopped). */
function storedIds(dataDir: string, period: string): Set<string> {
  const rows = queryDatabase<{ data: { type: 'Buffer'; data: number[] } }>(
    dataDir,
    `SELECT data FROM room_updates WHERE room = '${ledgerRoom(period)}' ORDER BY id`,
  );
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, Uint8Array.from(r.data.data));
  return new Set([...new LedgerPeriod(doc, period).movements.values()].map((m) => m.id));
}

describe('faults: patchy network, mid-message cuts and kill -9 under load', () => {
  let server: ServerProcess;
  let admin: ApiClient;
  const devices: Device[] = [];

  beforeAll(async () => {
    server = await ServerProcess.start();
    admin = await loginAdmin(server);
  });
  afterAll(async () => {
    for (const d of devices) {
      d.client.destroy();
      await d.proxy.stop();
    }
    await server?.cleanup();
  });

  it(`every acknowledged movement survives, and every replica converges (seed ${SEED})`, async () => {
    const rand = prng(SEED);
    for (const [index, p] of DEVICES.entries()) {
      const proxy = new TcpProxy(server.port, '127.0.0.1', prng(SEED * 100 + index));
      await proxy.start();
      const period = PERIODS[p]!;
      // Each device is its own login (its own session): movements carry the device that made them.
      const session = await login(server, 'admin', server.adminPassword, `device-${index}`);
      const client = await connect(`ws://127.0.0.1:${proxy.port}/sync`, ledgerRoom(period), session.token!, {
        maxBackoffTime: 200,
      });
      devices.push({
        index,
        period,
        proxy,
        client,
        ledger: new LedgerPeriod(client.doc, period),
        written: [],
        acked: new Set(),
      });
    }
    for (const d of devices) d.proxy.faults = { delayMs: 3 + Math.floor(rand() * 10), cutProbability: 0.02 };

    let writing = true;
    const writers = devices.map(async (d) => {
      for (let n = 0; writing; n++) {
        const movement: Movement = {
          id: `d${d.index}-${n}`,
          type: 'receive',
          sku: `SKU-${n % 4}`,
          location: `BIN-${d.index}`,
          quantity: 1 + (n % 3),
          user: 'admin',
          device: `device-${d.index}`,
          at: startOf(d.period),
        };
        d.ledger.movements.append(movement);
        d.written.push({ id: movement.id, clock: Y.getState(d.client.doc.store, d.client.doc.clientID) });
        noteAcks(d);
        await sleep(15 + Math.floor(rand() * 15));
      }
    });

    const killAndCheck = async () => {
      const exit = await server.kill('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      // Whatever was acknowledged before the process died must be on disk now.
      for (const d of devices) noteAcks(d);
      for (const period of PERIODS) {
        const stored = storedIds(server.dataDir, period);
        for (const d of devices.filter((x) => x.period === period)) {
          const lost = [...d.acked].filter((id) => !stored.has(id));
          expect(lost, `acknowledged but not stored in ${period}`).toEqual([]);
        }
      }
      await sleep(100); // devices keep writing offline meanwhile
      await server.start();
    };

    await waitFor(
      () => devices.every((d) => d.acked.size > 20),
      'acknowledged writes on every device',
      20_000,
    );
    await killAndCheck();
    await waitFor(
      () => devices.every((d) => d.acked.size > d.written.length / 2),
      'devices to catch up after the restart',
      30_000,
    );
    await sleep(500 + Math.floor(rand() * 500));
    await killAndCheck();
    await sleep(1500);
    writing = false;
    await Promise.all(writers);

    // The network heals; every device gets every change acknowledged.
    for (const d of devices) d.proxy.faults = {};
    for (const d of devices) {
      await d.client.waitSaved(30_000);
      noteAcks(d);
      expect(d.acked.size).toBe(d.written.length);
    }
    const cuts = devices.reduce((n, d) => n + d.client.closeCodes.length, 0);
    expect(cuts).toBeGreaterThan(devices.length); // the faults really happened

    for (const period of PERIODS) {
      const fresh = await connect(server.wsUrl, ledgerRoom(period), admin.token!);
      try {
        const replicas = [...devices.filter((d) => d.period === period).map((d) => d.client), fresh];
        const sv = (c: SyncClient) => Y.encodeStateVector(c.doc).toString();
        await waitFor(
          () => replicas.every((c) => sv(c) === sv(fresh)),
          `replicas of ${period} to converge`,
          20_000,
        );
        const ledgers = replicas.map((c) => new LedgerPeriod(c.doc, period));
        // The fold's line order follows arrival order; compare it as a set of lines.
        const key = (l: { sku: string; location: string; lot?: string }) =>
          `${l.sku}|${l.location}|${l.lot ?? ''}`;
        const folds = ledgers.map((l) =>
          JSON.stringify(
            l
              .stock()
              .lines()
              .sort((a, b) => key(a).localeCompare(key(b))),
          ),
        );
        expect(new Set(folds).size).toBe(1);
        const ids = new Set([...ledgers.at(-1)!.movements.values()].map((m) => m.id));
        const expected = devices
          .filter((d) => d.period === period)
          .flatMap((d) => d.written.map((w) => w.id));
        expect(ids.size).toBe(expected.length);
        for (const id of expected) expect(ids.has(id), id).toBe(true);
        for (const l of ledgers) expect(l.invalidEntries()).toEqual([]);
      } finally {
        fresh.destroy();
      }
    }
  }, 180_000);
});
